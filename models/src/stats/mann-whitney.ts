// Wilcoxon-Mann-Whitney rank-sum test, the univariate filter of the seed studies (seed 001: "Mann-Whitney U tests
// for continuous variables", p < 0.05). Normal approximation with tie correction and continuity correction
// (Hollander M, Wolfe DA, Nonparametric Statistical Methods, 2nd ed., 1999, sec. 4.1, eq. 4.15), as in
// scipy.stats.mannwhitneyu(method='asymptotic').
import { splitByOutcome } from './binary-outcome';
import { twoSidedP } from './normal';
import { midranks, tieGroups } from './ranks';

export interface MannWhitney {
  /** U of the cases: the number of (case, control) pairs with case > control, ties counted 1/2. */
  u: number;
  z: number;
  /** Two-sided p-value. */
  p: number;
}

export function mannWhitney(values: ArrayLike<number>, labels: ArrayLike<number>): MannWhitney {
  const { cases, controls } = splitByOutcome(values, labels, 'feature');
  const n1 = cases.length;
  const n2 = controls.length;
  const n = n1 + n2;
  const pooled = [...cases, ...controls];
  const ranks = midranks(pooled);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const ties = tieGroups(pooled).reduce((s, t) => s + t * t * t - t, 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  const centred = Math.abs(u - (n1 * n2) / 2) - 0.5;
  const z = variance > 0 ? Math.max(centred, 0) / Math.sqrt(variance) : 0;
  return { u, z, p: variance > 0 ? Math.min(1, twoSidedP(z)) : 1 };
}
