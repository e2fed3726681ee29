// Classification at a threshold, and the threshold maximising Youden's J = sensitivity + specificity - 1
// (Youden WJ, Index for rating diagnostic tests, Cancer 1950;3:32-35).
import { splitByOutcome } from './binary-outcome';

export interface ThresholdMetrics {
  threshold: number;
  sensitivity: number;
  specificity: number;
  accuracy: number;
  ppv: number;
  npv: number;
  f1: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Metrics when `score >= threshold` is called positive. */
export function metricsAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ThresholdMetrics {
  splitByOutcome(scores, labels);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const positive = scores[i] >= threshold;
    if (labels[i] === 1) positive ? tp++ : fn++;
    else positive ? fp++ : tn++;
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  return {
    threshold,
    sensitivity: tp / (tp + fn),
    specificity: tn / (tn + fp),
    accuracy: (tp + tn) / labels.length,
    ppv: ratio(tp, tp + fp),
    npv: ratio(tn, tn + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    tp,
    fp,
    tn,
    fn,
  };
}

/** The observed score that maximises Youden's J (the lowest such score on ties). */
export function youdenThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): ThresholdMetrics {
  const { cases, controls } = splitByOutcome(scores, labels);
  const cuts = Float64Array.from(new Set([...cases, ...controls])).sort();
  const sortedCases = Float64Array.from(cases).sort();
  const sortedControls = Float64Array.from(controls).sort();
  let best = cuts[0];
  let bestJ = -Infinity;
  let ic = 0;
  let jc = 0;
  for (const t of cuts) {
    while (ic < sortedCases.length && sortedCases[ic] < t) ic++;
    while (jc < sortedControls.length && sortedControls[jc] < t) jc++;
    const j = (sortedCases.length - ic) / sortedCases.length + jc / sortedControls.length - 1;
    if (j > bestJ + 1e-15) {
      bestJ = j;
      best = t;
    }
  }
  return metricsAt(scores, labels, best);
}
