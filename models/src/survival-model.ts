// What a survival package answers for one case, from its risk score (the Cox linear predictor): the risk group by
// the manifest's cut-off and the survival probability at each stated time, S(t | x) = S0(t)^exp(score) (the
// proportional-hazards model; Cox DR, J R Stat Soc B 1972;34:187). Pure functions; the score itself comes from the
// ONNX graph (survival-inference.ts) so that the browser and the server compute it the same way.
import type { SurvivalData } from './survival/survival-data';
import type { SurvivalManifest } from './survival-manifest';
import type { CoxLinearPredictor } from './onnx/cox-graph';

export interface SurvivalPrediction {
  riskScore: number;
  /** Index into manifest.survival.groups: 0 low risk, 1 high risk. */
  group: 0 | 1;
  groupName: string;
  survival: { time: number; probability: number }[];
}

export function survivalPrediction(m: SurvivalManifest, riskScore: number): SurvivalPrediction {
  if (!Number.isFinite(riskScore)) throw new Error(`model ${m.id}: the risk score is ${riskScore}`);
  const group = riskScore >= m.survival.cutoff.value ? 1 : 0;
  const hr = Math.exp(riskScore);
  return {
    riskScore,
    group,
    groupName: m.survival.groups[group],
    survival: m.survival.times.map((time, k) => ({ time, probability: m.survival.baselineSurvival[k] ** hr })),
  };
}

/** The risk score in double precision from the manifest-free parameters (training and tests; the ONNX graph is
 *  float32). */
export function riskScore(model: CoxLinearPredictor, x: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < model.coefficients.length; j++)
    s += (model.coefficients[j] * (x[j] - model.mean[j])) / model.sd[j];
  return s;
}

/**
 * Breslow's estimator of the baseline survival at `times` for the given risk scores of the training cases:
 * H0(t) = sum over event times t_i <= t of d_i / sum_{j at risk at t_i} exp(score_j), S0 = exp(-H0) (Breslow NE,
 * discussion of Cox 1972; R's survfit.coxph with ctype = 1, stype = 2, at a covariate vector whose score is 0).
 */
export function breslowBaseline(data: SurvivalData, score: ArrayLike<number>, times: number[]): number[] {
  const n = data.time.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => data.time[a] - data.time[b]);
  const w = order.map((i) => Math.exp(score[i]));
  // Risk-set sums from the end: at risk at t means time >= t.
  const atRisk = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) atRisk[k] = atRisk[k + 1] + w[k];
  const steps: { time: number; hazard: number }[] = [];
  for (let k = 0; k < n;) {
    const t = data.time[order[k]];
    let d = 0;
    const first = k;
    while (k < n && data.time[order[k]] === t) d += data.event[order[k++]];
    if (d > 0) steps.push({ time: t, hazard: d / atRisk[first] });
  }
  return times.map((t) => Math.exp(-steps.filter((s) => s.time <= t).reduce((h, s) => h + s.hazard, 0)));
}

/** Shapley values of the risk score: `base` the background's mean score, `value` this case's score. */
export interface RiskScoreExplanation {
  space: 'risk-score';
  method: 'linear';
  base: number;
  value: number;
  phi: Float64Array;
}

/** Closed-form interventional Shapley values of the linear risk score against the background mean (linear SHAP,
 *  Lundberg & Lee, NeurIPS 2017, corollary 1, as shap/linear.ts), in double precision: phi_j = w_j (x_j - mean_b x_j). */
export function explainRiskScore(
  model: CoxLinearPredictor,
  x: ArrayLike<number>,
  background: number[][],
): RiskScoreExplanation {
  const m = model.coefficients.length;
  if (x.length !== m) throw new Error(`the case has ${x.length} inputs, the model ${m}`);
  const phi = new Float64Array(m);
  let base = 0;
  for (let j = 0; j < m; j++) {
    const w = model.coefficients[j] / model.sd[j];
    const bgMean = background.reduce((s, row) => s + row[j], 0) / background.length;
    phi[j] = w * (x[j] - bgMean);
    base += w * (bgMean - model.mean[j]);
  }
  return { space: 'risk-score', method: 'linear', base, value: riskScore(model, x), phi };
}
