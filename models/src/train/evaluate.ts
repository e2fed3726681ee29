// Evaluation of predicted probabilities on one set, as the seed studies report it: AUC with its DeLong 95 % CI,
// sensitivity, specificity, accuracy and F1 at the threshold chosen on the training set (Youden), calibration and
// decision-curve net benefit.
import { calibration, type Calibration } from '../stats/calibration';
import { decisionCurve, type NetBenefitPoint } from '../stats/decision-curve';
import { aucWithCi, type AucEstimate } from '../stats/delong';
import { metricsAt, type ThresholdMetrics } from '../stats/threshold';

export interface SetEvaluation {
  set: 'train' | 'test' | 'external';
  n: number;
  positives: number;
  auc: AucEstimate;
  atThreshold: ThresholdMetrics;
  calibration: Calibration;
  decisionCurve: NetBenefitPoint[];
  /** ROC points (1 - specificity, sensitivity) from the highest threshold down. */
  roc: [number, number][];
}

export function rocPoints(p: ArrayLike<number>, y: ArrayLike<number>): [number, number][] {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  const neg = y.length - pos;
  const pts: [number, number][] = [[0, 0]];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (y[order[k]] === 1) tp++;
    else fp++;
    if (k + 1 === order.length || p[order[k + 1]] !== p[order[k]]) pts.push([fp / neg, tp / pos]);
  }
  return pts;
}

export function evaluateSet(
  set: SetEvaluation['set'],
  p: ArrayLike<number>,
  y: number[],
  threshold: number,
): SetEvaluation {
  return {
    set,
    n: y.length,
    positives: y.reduce((s, v) => s + v, 0),
    auc: aucWithCi(p, y),
    atThreshold: metricsAt(p, y, threshold),
    calibration: calibration(p, y),
    decisionCurve: decisionCurve(p, y),
    roc: rocPoints(p, y),
  };
}
