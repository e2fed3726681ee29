// The LASSO Cox model at one lambda with glmnet's conventions (family = "cox"): minimise
//   -(1/n) l(beta) + lambda * ||beta||_1
// where l is the Breslow log partial likelihood of the standardised covariates (glmnet's default for ties), then
// return the coefficients in the covariates' own units. Simon N, Friedman J, Hastie T, Tibshirani R, Regularization
// paths for Cox's proportional hazards model via coordinate descent, J Stat Softw 2011;39(5); Friedman, Hastie &
// Tibshirani, J Stat Softw 2010;33(1). Solved by proximal Newton steps: each step minimises the penalised quadratic
// expansion with the full information matrix by coordinate descent (soft-thresholding), then backtracks on the true
// objective, so the solution is the same unique minimum glmnet converges to, by another route.
import { standardise } from '../stats/standardise';
import { partialLikelihood } from './cox';
import { type SurvivalData, timeOrder } from './survival-data';

export interface LassoCoxFit {
  /** Coefficients in the covariates' units. */
  coefficients: Float64Array;
  /** Coefficients of the standardised covariates (what the penalty sees). */
  standardised: Float64Array;
  lambda: number;
  iterations: number;
}

const softThreshold = (z: number, g: number) => (z > g ? z - g : z < -g ? z + g : 0);

export function fitLassoCox(
  x: ArrayLike<number>[],
  data: SurvivalData,
  lambda: number,
  options: { names?: string[]; maxIterations?: number } = {},
): LassoCoxFit {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`LASSO-Cox: lambda must be >= 0, got ${lambda}`);
  const { x: xs, scale } = standardise(x, options.names);
  const n = data.time.length;
  const p = xs.length;
  const order = timeOrder(data);
  const at = (b: Float64Array) => partialLikelihood(xs, data, b, 'breslow', order);
  const l1 = (b: Float64Array) => b.reduce((s, v) => s + Math.abs(v), 0);
  let beta = new Float64Array(p);
  let cur = at(beta);
  let f = -cur.logLikelihood / n + lambda * l1(beta);
  const maxIterations = options.maxIterations ?? 500;
  let iterations = 0;
  let converged = false;
  for (let it = 1; it <= maxIterations; it++) {
    iterations = it;
    const g = Float64Array.from(cur.score, (s) => -s / n);
    const h = Float64Array.from(cur.information, (v) => v / n);
    // Coordinate descent on g'(z - beta) + 1/2 (z - beta)' H (z - beta) + lambda ||z||_1.
    const z = Float64Array.from(beta);
    for (let sweep = 0; sweep < 10000; sweep++) {
      let change = 0;
      for (let j = 0; j < p; j++) {
        const hjj = h[j * p + j];
        if (!(hjj > 0)) continue;
        let grad = g[j];
        for (let k = 0; k < p; k++) grad += h[j * p + k] * (z[k] - beta[k]);
        const updated = softThreshold(hjj * z[j] - grad, lambda) / hjj;
        change = Math.max(change, Math.abs(updated - z[j]));
        z[j] = updated;
      }
      if (change < 1e-15) break;
    }
    let t = 1;
    let next = z;
    let trial = at(next);
    let fNext = -trial.logLikelihood / n + lambda * l1(next);
    while (!(fNext <= f) && t > 1e-10) {
      t /= 2;
      next = Float64Array.from(beta, (b, j) => b + t * (z[j] - b));
      trial = at(next);
      fNext = -trial.logLikelihood / n + lambda * l1(next);
    }
    let step = 0;
    for (let j = 0; j < p; j++) step = Math.max(step, Math.abs(next[j] - beta[j]));
    // No step along the proximal Newton direction lowers the objective: beta is its minimum to rounding.
    if (!(fNext <= f)) {
      converged = true;
      break;
    }
    beta = next;
    cur = trial;
    f = fNext;
    if (step < 1e-13) {
      converged = true;
      break;
    }
  }
  if (!converged) throw new Error(`LASSO-Cox: no convergence in ${maxIterations} iterations`);
  return {
    coefficients: Float64Array.from(beta, (b, j) => b / scale[j]),
    standardised: beta,
    lambda,
    iterations,
  };
}
