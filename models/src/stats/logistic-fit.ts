// Unpenalised maximum-likelihood logistic regression by Newton-Raphson (IRLS; McCullagh P, Nelder JA, Generalized
// Linear Models, 2nd ed., 1989, sec. 4.4), for few covariates: calibration intercept and slope, and the combined
// Rad-score + clinical model. The LASSO for many features is in lasso.ts.
import { choleskySolve } from './cholesky';
import { expit } from './descriptive';

export interface LogisticFit {
  /** [intercept, b1, ..., bp]. */
  coefficients: number[];
  iterations: number;
}

/** Fits logit P(y=1) = offset + b0 + sum_j b_j x_j. `columns[j]` holds covariate j for every row. */
export function fitLogistic(
  columns: ArrayLike<number>[],
  y: ArrayLike<number>,
  options: { offset?: ArrayLike<number>; maxIterations?: number; tolerance?: number } = {},
): LogisticFit {
  const n = y.length;
  const k = columns.length + 1;
  const x = (r: number, j: number) => (j === 0 ? 1 : columns[j - 1][r]);
  const beta = new Float64Array(k);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  for (let it = 1; it <= maxIterations; it++) {
    const info = new Float64Array(k * k);
    const score = new Float64Array(k);
    for (let r = 0; r < n; r++) {
      let eta = options.offset ? options.offset[r] : 0;
      for (let j = 0; j < k; j++) eta += beta[j] * x(r, j);
      const p = expit(eta);
      const w = p * (1 - p);
      for (let i = 0; i < k; i++) {
        const xi = x(r, i);
        score[i] += xi * (y[r] - p);
        for (let j = 0; j <= i; j++) info[i * k + j] += w * xi * x(r, j);
      }
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) info[j * k + i] = info[i * k + j];
    const step = choleskySolve(
      info,
      score,
      k,
      'logistic regression: the information matrix is singular (separated or collinear data)',
    );
    let change = 0;
    for (let j = 0; j < k; j++) {
      beta[j] += step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (!beta.every(Number.isFinite)) throw new Error('logistic regression diverged (the classes are separable)');
    if (change < tolerance) return { coefficients: Array.from(beta), iterations: it };
  }
  return { coefficients: Array.from(beta), iterations: maxIterations };
}
