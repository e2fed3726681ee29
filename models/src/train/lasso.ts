// L1-penalised logistic regression (the LASSO of the seed studies) by coordinate descent on a penalised iteratively
// reweighted least-squares approximation: Friedman J, Hastie T, Tibshirani R, Regularization paths for generalized
// linear models via coordinate descent, J Stat Softw 2010;33(1), sections 2.1 (soft-thresholding update, eq. 5),
// 3 (quadratic approximation, eq. 10-11) and 2.6 (active sets, warm starts). A backtracking step on the true
// objective guarantees descent, which glmnet's plain IRLS does not.
//
// Objective: (1/n) sum_i logloss(y_i, b0 + x_i.w) + lambda * ||w||_1, intercept unpenalised.
import { expit } from '../stats/descriptive';

/** Design matrix stored by column: `columns[j][i]` is feature j of case i. */
export type Columns = Float64Array[];

export interface LassoFit {
  intercept: number;
  weights: Float64Array;
  lambda: number;
  iterations: number;
}

const softThreshold = (z: number, g: number) => (z > g ? z - g : z < -g ? z + g : 0);

function objective(x: Columns, y: ArrayLike<number>, b0: number, w: Float64Array, lambda: number): number {
  const n = y.length;
  const eta = new Float64Array(n).fill(b0);
  let l1 = 0;
  for (let j = 0; j < x.length; j++) {
    if (w[j] === 0) continue;
    l1 += Math.abs(w[j]);
    const col = x[j];
    for (let i = 0; i < n; i++) eta[i] += col[i] * w[j];
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    // log(1 + e^eta) - y eta, written to avoid overflow
    const e = eta[i];
    loss += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - y[i] * e;
  }
  return loss / n + lambda * l1;
}

/** Gradient of the mean log-likelihood: g_j = (1/n) sum_i x_ij (y_i - p_i), and g_0 for the intercept. */
export function likelihoodGradient(x: Columns, y: ArrayLike<number>, b0: number, w: ArrayLike<number>) {
  const n = y.length;
  const eta = new Float64Array(n).fill(b0);
  for (let j = 0; j < x.length; j++) {
    if (w[j] === 0) continue;
    for (let i = 0; i < n; i++) eta[i] += x[j][i] * w[j];
  }
  const r = Float64Array.from(eta, (e, i) => y[i] - expit(e));
  const g = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[j][i] * r[i];
    g[j] = s / n;
  }
  return { g0: r.reduce((s, v) => s + v, 0) / n, g };
}

/** Largest violation of the KKT conditions: |g_0| = 0; g_j = lambda sign(w_j) if w_j != 0; |g_j| <= lambda if 0. */
export function kktViolation(
  x: Columns,
  y: ArrayLike<number>,
  fit: Pick<LassoFit, 'intercept' | 'weights' | 'lambda'>,
): number {
  const { g0, g } = likelihoodGradient(x, y, fit.intercept, fit.weights);
  let worst = Math.abs(g0);
  for (let j = 0; j < g.length; j++) {
    const w = fit.weights[j];
    const v = w !== 0 ? Math.abs(g[j] - fit.lambda * Math.sign(w)) : Math.max(0, Math.abs(g[j]) - fit.lambda);
    worst = Math.max(worst, v);
  }
  return worst;
}

/** The smallest lambda at which every weight is 0: max_j |(1/n) sum_i x_ij (y_i - mean y)|. */
export function lambdaMax(x: Columns, y: ArrayLike<number>): number {
  const n = y.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  let m = 0;
  for (const col of x) {
    let s = 0;
    for (let i = 0; i < n; i++) s += col[i] * (y[i] - ybar);
    m = Math.max(m, Math.abs(s / n));
  }
  return m;
}

export interface LassoOptions {
  /** Warm start. */
  start?: { intercept: number; weights: Float64Array };
  tolerance?: number;
  maxIterations?: number;
}

/** Fits the L1-logistic model at one lambda. Columns should be standardised (the penalty is scale dependent). */
export function fitLasso(x: Columns, y: ArrayLike<number>, lambda: number, options: LassoOptions = {}): LassoFit {
  const n = y.length;
  const p = x.length;
  const tol = options.tolerance ?? 1e-13;
  const maxIterations = options.maxIterations ?? 200;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  let b0 = options.start?.intercept ?? Math.log(ybar / (1 - ybar));
  const w = options.start ? Float64Array.from(options.start.weights) : new Float64Array(p);
  const xsq = new Float64Array(p);
  const eta = new Float64Array(n);
  const weight = new Float64Array(n);
  const resid = new Float64Array(n);
  let f = objective(x, y, b0, w, lambda);
  for (let it = 1; it <= maxIterations; it++) {
    // Quadratic approximation at the current point (glmnet eq. 10): working weights and residuals.
    eta.fill(b0);
    for (let j = 0; j < p; j++) if (w[j] !== 0) for (let i = 0; i < n; i++) eta[i] += x[j][i] * w[j];
    for (let i = 0; i < n; i++) {
      const pr = Math.min(Math.max(expit(eta[i]), 1e-9), 1 - 1e-9);
      weight[i] = pr * (1 - pr);
      resid[i] = (y[i] - pr) / weight[i];
    }
    for (let j = 0; j < p; j++) {
      let s = 0;
      const col = x[j];
      for (let i = 0; i < n; i++) s += weight[i] * col[i] * col[i];
      xsq[j] = s / n;
    }
    const wNew = Float64Array.from(w);
    let b0New = b0;
    const sweep = (all: boolean) => {
      let change = 0;
      let s = 0;
      let sw = 0;
      for (let i = 0; i < n; i++) {
        s += weight[i] * resid[i];
        sw += weight[i];
      }
      const d0 = s / sw;
      b0New += d0;
      for (let i = 0; i < n; i++) resid[i] -= d0;
      change = Math.max(change, Math.abs(d0));
      for (let j = 0; j < p; j++) {
        if (!all && wNew[j] === 0) continue;
        if (xsq[j] === 0) continue;
        const col = x[j];
        let g = 0;
        for (let i = 0; i < n; i++) g += weight[i] * col[i] * resid[i];
        const old = wNew[j];
        const updated = softThreshold(g / n + xsq[j] * old, lambda) / xsq[j];
        if (updated !== old) {
          const d = updated - old;
          for (let i = 0; i < n; i++) resid[i] -= col[i] * d;
          wNew[j] = updated;
          change = Math.max(change, Math.abs(d) * Math.sqrt(xsq[j]));
        }
      }
      return change;
    };
    // Inner coordinate descent: full sweeps, with sweeps over the active set in between (glmnet sec. 2.6).
    for (let inner = 0; inner < 1000; inner++) {
      if (sweep(true) < tol) break;
      for (let a = 0; a < 1000 && sweep(false) >= tol; a++);
    }
    // Backtracking on the penalised log-likelihood along the Newton direction.
    let t = 1;
    let fNew = objective(x, y, b0New, wNew, lambda);
    while (fNew > f + 1e-15 && t > 1e-6) {
      t /= 2;
      for (let j = 0; j < p; j++) wNew[j] = w[j] + t * (wNew[j] - w[j]);
      b0New = b0 + t * (b0New - b0);
      fNew = objective(x, y, b0New, wNew, lambda);
    }
    let change = Math.abs(b0New - b0);
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs(wNew[j] - w[j]));
    w.set(wNew);
    b0 = b0New;
    const decreased = f - fNew;
    f = Math.min(f, fNew);
    if (change < tol || (decreased >= 0 && decreased < 1e-16 && change < 1e-9))
      return { intercept: b0, weights: w, lambda, iterations: it };
  }
  return { intercept: b0, weights: w, lambda, iterations: maxIterations };
}
