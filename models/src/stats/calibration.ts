// Calibration of predicted probabilities: calibration-in-the-large and slope by logistic recalibration (Cox DR,
// Two further applications of a model for binary regression, Biometrika 1958;45:562-565; Steyerberg EW, Clinical
// Prediction Models, 2nd ed., 2019, ch. 15), Brier score (Brier GW, Mon Weather Rev 1950;78:1-3) and a
// reliability diagram.
import { assertBinaryOutcome } from './binary-outcome';
import { logit } from './descriptive';
import { fitLogistic } from './logistic-fit';

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

export interface Calibration {
  /** Calibration-in-the-large: a in logit P(y) = a + logit(p) (slope fixed at 1); 0 when calibrated. */
  intercept: number;
  /** b in logit P(y) = a + b logit(p); 1 when calibrated, < 1 when predictions are too extreme. */
  slope: number;
  brier: number;
  bins: ReliabilityBin[];
}

/** Probabilities are clipped to [1e-12, 1 - 1e-12] before logit so that a predicted 0 or 1 stays finite. */
const clippedLogit = (p: number) => logit(Math.min(Math.max(p, 1e-12), 1 - 1e-12));

export function calibration(probabilities: ArrayLike<number>, labels: ArrayLike<number>, nBins = 10): Calibration {
  assertBinaryOutcome(probabilities, labels, 'probabilities');
  const n = labels.length;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    if (probabilities[i] < 0 || probabilities[i] > 1)
      throw new Error(`probability ${probabilities[i]} is outside [0, 1]`);
    brier += (probabilities[i] - labels[i]) ** 2;
  }
  const lp = Array.from(probabilities, clippedLogit);
  const intercept = fitLogistic([], labels, { offset: lp }).coefficients[0];
  const slope = fitLogistic([lp], labels).coefficients[1];
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const lower = b / nBins;
    const upper = (b + 1) / nBins;
    let count = 0;
    let sp = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const p = probabilities[i];
      if (p >= lower && (p < upper || (b === nBins - 1 && p <= upper))) {
        count++;
        sp += p;
        sy += labels[i];
      }
    }
    if (count > 0) bins.push({ lower, upper, count, meanPredicted: sp / count, observed: sy / count });
  }
  return { intercept, slope, brier: brier / n, bins };
}
