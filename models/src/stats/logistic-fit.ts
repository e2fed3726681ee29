// Unpenalised maximum-likelihood logistic regression by Newton-Raphson (IRLS; McCullagh P, Nelder JA, Generalized
// Linear Models, 2nd ed., 1989, sec. 4.4), for few covariates: calibration intercept and slope, and the combined
// Rad-score + clinical model. The LASSO for many features is in lasso.ts.
import { expit } from './descriptive';

export interface LogisticFit {
  /** [intercept, b1, ..., bp]. */
  coefficients: number[];
  iterations: number;
}

/** Solves A x = b for a symmetric positive-definite A (row-major, k x k) by Cholesky decomposition. */
function choleskySolve(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let r = 0; r < j; r++) s -= l[i * k + r] * l[j * k + r];
      if (i === j) {
        if (!(s > 0))
          throw new Error('logistic regression: the information matrix is singular (separated or collinear data)');
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let r = 0; r < i; r++) s -= l[i * k + r] * z[r];
    z[i] = s / l[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let r = i + 1; r < k; r++) s -= l[r * k + i] * x[r];
    x[i] = s / l[i * k + i];
  }
  return x;
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
    const step = choleskySolve(info, score, k);
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
