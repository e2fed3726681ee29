// Bootstrap bias-corrected ("optimism-corrected") calibration, Harrell's method (Harrell FE, Lee KL, Mark DB,
// Stat Med 1996;15:361-387, section 6; Regression Modeling Strategies, 2nd ed., 2015, section 5.3.5; the method of
// rms::calibrate and rms::validate with method = "boot"): refit the model on B bootstrap samples; each refit's
// calibration on its own sample minus its calibration on the original cases estimates the optimism; the apparent
// calibration minus the mean optimism is the corrected one.
//
// The calibration curve is rms::calibrate's: the lowess smoother of the outcomes on the predicted probabilities
// (Cleveland 1979, span 2/3, no robustness iterations, as rms calls R's lowess with iter = 0) read at the grid by
// linear interpolation, so non-monotone miscalibration shows. The calibration intercept and slope stay the logistic
// recalibration P(y = 1) = expit(a + b·logit(p)) (Cox DR, Biometrika 1958;45:562-565), corrected the same way.
import { logit } from './descriptive';
import { fitLogistic } from './logistic-fit';
import { interpolate, lowess } from './lowess';
import { mulberry32 } from '../train/random';

export interface BootstrapCalibration {
  /** Bootstrap samples used (refits that did not converge are skipped and counted in `failed`). */
  B: number;
  failed: number;
  /**
   * Predicted probabilities at which the curves are given: within the range of the predictions, and where at least
   * one bootstrap sample's curves reach (a lowess curve is not extrapolated, as R's approx does not).
   */
  grid: number[];
  apparent: number[];
  corrected: number[];
  apparentIntercept: number;
  apparentSlope: number;
  correctedIntercept: number;
  correctedSlope: number;
}

const clampLogit = (p: number) => logit(Math.min(Math.max(p, 1e-12), 1 - 1e-12));

/** Calibration intercept and slope of predictions `p` for outcomes `y` over `rows` (repeats allowed). */
function recalibrate(p: (i: number) => number, y: ArrayLike<number>, rows: ArrayLike<number>): [number, number] {
  const lp = Float64Array.from(rows, (i) => clampLogit(p(i)));
  const yy = Float64Array.from(rows, (i) => y[i]);
  const fit = fitLogistic([lp], yy);
  if (fit.iterations >= 100 || !fit.coefficients.every(Number.isFinite))
    throw new Error('recalibration did not converge');
  return [fit.coefficients[0], fit.coefficients[1]];
}

/**
 * `fit(rows)` trains the model on those rows of the original data (repeats allowed) and returns its predicted
 * probability for original case i. `fit` is called once on all rows, then once per bootstrap sample.
 */
export function bootstrapCalibration(
  y: ArrayLike<number>,
  fit: (rows: Int32Array) => (i: number) => number,
  options: { B?: number; seed: number; grid?: number[] },
): BootstrapCalibration {
  const n = y.length;
  const B = options.B ?? 200;
  if (!Number.isInteger(B) || B < 1) throw new Error(`the number of bootstrap samples must be >= 1, got ${B}`);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const original = fit(all);
  const [a0, b0] = recalibrate(original, y, all);
  const predicted = Array.from(all, (i) => original(i));
  const lo = Math.min(...predicted);
  const hi = Math.max(...predicted);
  const grid = (options.grid ?? Array.from({ length: 19 }, (_, k) => (k + 1) / 20)).filter((g) => g >= lo && g <= hi);
  // rms::calibrate's cal.error: lowess(p, y, iter = 0), then approx at the grid (NaN outside the predictions' range).
  const curve = (p: (i: number) => number, rows: ArrayLike<number>) =>
    interpolate(
      lowess(
        Float64Array.from(rows, (i) => p(i)),
        Float64Array.from(rows, (i) => y[i]),
        { iter: 0 },
      ),
      grid,
    );
  const apparent = curve(original, all);
  const optimism = new Float64Array(grid.length);
  const counted = new Int32Array(grid.length);
  let slopeOptimism = 0;
  let interceptOptimism = 0;
  let used = 0;
  let failed = 0;
  const random = mulberry32(options.seed);
  for (let r = 0; r < B; r++) {
    const rows = Int32Array.from({ length: n }, () => Math.floor(random() * n));
    try {
      const model = fit(rows);
      const [ab, bb] = recalibrate(model, y, rows);
      const [ao, bo] = recalibrate(model, y, all);
      const own = curve(model, rows);
      const onOriginal = curve(model, all);
      // A grid point beyond a sample's predictions has no curve there; its optimism is the mean over the others.
      for (let k = 0; k < grid.length; k++) {
        if (!Number.isFinite(own[k]) || !Number.isFinite(onOriginal[k])) continue;
        optimism[k] += own[k] - onOriginal[k];
        counted[k]++;
      }
      slopeOptimism += bb - bo;
      interceptOptimism += ab - ao;
      used++;
    } catch {
      // A bootstrap sample can separate the classes; rms::validate likewise drops fits that fail.
      failed++;
    }
  }
  if (used === 0) throw new Error(`none of the ${B} bootstrap refits converged`);
  // A smoothed proportion is shown within [0, 1] (a local linear fit can step just outside near the ends).
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const kept = grid.flatMap((_, k) => (counted[k] > 0 ? [k] : []));
  return {
    B: used,
    failed,
    grid: kept.map((k) => grid[k]),
    apparent: kept.map((k) => clamp(apparent[k])),
    corrected: kept.map((k) => clamp(apparent[k] - optimism[k] / counted[k])),
    apparentIntercept: a0,
    apparentSlope: b0,
    correctedIntercept: a0 - interceptOptimism / used,
    correctedSlope: b0 - slopeOptimism / used,
  };
}
