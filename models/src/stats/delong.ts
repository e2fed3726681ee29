// Area under the ROC curve with DeLong's variance and the test for two correlated AUCs.
// DeLong ER, DeLong DM, Clarke-Pearson DL. Comparing the areas under two or more correlated receiver operating
// characteristic curves: a nonparametric approach. Biometrics 1988;44:837-845.
// Placement values by mid-ranks as in Sun X, Xu W. Fast implementation of DeLong's algorithm for comparing the areas
// under correlated ROC curves. IEEE Signal Process Lett 2014;21:1389-1393.
import { splitByOutcome } from './binary-outcome';
import { normalQuantile, twoSidedP } from './normal';
import { midranks } from './ranks';

/** DeLong's structural components: V10 (one per case), V01 (one per control); AUC = mean(V10) = mean(V01). */
export interface Placements {
  v10: Float64Array;
  v01: Float64Array;
}

/** Placement values: V10_i = P(control < case_i) + 1/2 P(tie); V01_j = P(control_j < case) + 1/2 P(tie)
 *  (DeLong 1988, eq. 3-4), from mid-ranks of the pooled, case and control scores (Sun & Xu 2014, eq. 9-10). */
export function placements(scores: ArrayLike<number>, labels: ArrayLike<number>): Placements {
  const { cases, controls } = splitByOutcome(scores, labels);
  const m = cases.length;
  const n = controls.length;
  const pooled = midranks([...cases, ...controls]);
  const rCases = midranks(cases);
  const rControls = midranks(controls);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  for (let i = 0; i < m; i++) v10[i] = (pooled[i] - rCases[i]) / n;
  for (let j = 0; j < n; j++) v01[j] = 1 - (pooled[m + j] - rControls[j]) / m;
  return { v10, v01 };
}

const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;

function covariance(a: Float64Array, b: Float64Array): number {
  if (a.length < 2) return 0;
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

/** The Mann-Whitney estimate of the AUC: P(case > control) + 1/2 P(tie). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return mean(placements(scores, labels).v10);
}

/** DeLong covariance of two AUCs on the same cases: S10/m + S01/n (DeLong 1988, eq. 5). */
export function delongCovariance(a: Placements, b: Placements): number {
  if (a.v10.length !== b.v10.length || a.v01.length !== b.v01.length) {
    throw new Error('DeLong covariance needs two sets of scores for the same cases');
  }
  return covariance(a.v10, b.v10) / a.v10.length + covariance(a.v01, b.v01) / a.v01.length;
}

export interface AucEstimate {
  auc: number;
  variance: number;
  se: number;
  /** Confidence interval, AUC -+ z * SE clipped to [0, 1]. */
  ci: [number, number];
  level: number;
}

/** AUC with its DeLong variance and a Wald confidence interval. */
export function aucWithCi(scores: ArrayLike<number>, labels: ArrayLike<number>, level = 0.95): AucEstimate {
  const p = placements(scores, labels);
  const a = mean(p.v10);
  const variance = delongCovariance(p, p);
  const se = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { auc: a, variance, se, ci: [Math.max(0, a - z * se), Math.min(1, a + z * se)], level };
}

export interface DelongTest {
  auc1: number;
  auc2: number;
  difference: number;
  z: number;
  p: number;
  /** Confidence interval of auc1 - auc2. */
  ci: [number, number];
}

/** DeLong's test of H0: AUC1 = AUC2 for two scores on the same cases (DeLong 1988, eq. 6; two-sided). */
export function delongTest(
  scores1: ArrayLike<number>,
  scores2: ArrayLike<number>,
  labels: ArrayLike<number>,
  level = 0.95,
): DelongTest {
  const p1 = placements(scores1, labels);
  const p2 = placements(scores2, labels);
  const auc1 = mean(p1.v10);
  const auc2 = mean(p2.v10);
  const variance = delongCovariance(p1, p1) + delongCovariance(p2, p2) - 2 * delongCovariance(p1, p2);
  const difference = auc1 - auc2;
  const se = Math.sqrt(Math.max(variance, 0));
  const z = se > 0 ? difference / se : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const q = normalQuantile(1 - (1 - level) / 2);
  return { auc1, auc2, difference, z, p: twoSidedP(z), ci: [difference - q * se, difference + q * se] };
}
