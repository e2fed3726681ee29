// Soft-margin support vector machine (C-SVC) on standardised inputs, linear or RBF kernel, solved in the dual by
// sequential minimal optimisation with second-order working-set selection (Fan RE, Chen PH, Lin CJ, Working set
// selection using second order information for training SVM, JMLR 2005;6:1889-1918, WSS 3) and the bias of
// Chang CC, Lin CJ, LIBSVM: a library for support vector machines, ACM TIST 2011;2:27 (section 4.1.5). Probabilities
// come from Platt scaling fitted on cross-validated decision values (platt.ts), as Platt recommends.
import { stratifiedFolds } from '../train/folds';
import { fitPlatt, plattLogit, type Platt } from './platt';
import { fitStandardiser, standardise, type Standardiser } from './standardiser';

export type Kernel = { type: 'linear' } | { type: 'rbf'; gamma: number };

export interface SvmOptions {
  kernel: Kernel;
  c?: number;
  tolerance?: number;
  /** Folds of the cross-validated decision values that Platt scaling is fitted on. */
  folds?: number;
  seed?: number;
}

export interface SvmModel {
  kind: 'svm';
  kernel: Kernel;
  standardiser: Standardiser;
  /** Support vectors (standardised, row-major) and their coefficients alpha_i y_i. */
  vectors: Float64Array;
  coefficients: number[];
  bias: number;
  platt: Platt;
}

function kernelOf(kernel: Kernel, m: number): (a: Float64Array, ai: number, b: Float64Array, bi: number) => number {
  if (kernel.type === 'linear')
    return (a, ai, b, bi) => {
      let s = 0;
      for (let j = 0; j < m; j++) s += a[ai * m + j] * b[bi * m + j];
      return s;
    };
  const g = kernel.gamma;
  return (a, ai, b, bi) => {
    let s = 0;
    for (let j = 0; j < m; j++) {
      const d = a[ai * m + j] - b[bi * m + j];
      s += d * d;
    }
    return Math.exp(-g * s);
  };
}

interface DualSolution {
  alpha: Float64Array;
  bias: number;
}

/** Solves min 1/2 a'Qa - e'a, 0 <= a <= C, y'a = 0 with Q_ij = y_i y_j K_ij, on a precomputed kernel matrix. */
function solveDual(k: Float64Array, y: Int8Array, c: number, tolerance: number): DualSolution {
  const n = y.length;
  const alpha = new Float64Array(n);
  const grad = new Float64Array(n).fill(-1);
  const up = (t: number) => (y[t] === 1 ? alpha[t] < c : alpha[t] > 0);
  const low = (t: number) => (y[t] === 1 ? alpha[t] > 0 : alpha[t] < c);
  const maxIterations = Math.max(10_000_000, 100 * n);
  for (let it = 0; it < maxIterations; it++) {
    let i = -1;
    let gmax = -Infinity;
    for (let t = 0; t < n; t++)
      if (up(t) && -y[t] * grad[t] > gmax) {
        gmax = -y[t] * grad[t];
        i = t;
      }
    let gmin = Infinity;
    let j = -1;
    let best = Infinity;
    for (let t = 0; t < n; t++) {
      if (!low(t)) continue;
      const v = -y[t] * grad[t];
      if (v < gmin) gmin = v;
      const b = gmax - v;
      if (b > 0) {
        let a = k[i * n + i] + k[t * n + t] - 2 * k[i * n + t];
        if (a <= 0) a = 1e-12;
        if (-(b * b) / a < best) {
          best = -(b * b) / a;
          j = t;
        }
      }
    }
    if (i < 0 || j < 0 || gmax - gmin < tolerance) break;
    // Move along d_i = y_i, d_j = -y_j (which keeps y'a = 0) by the Newton step, clipped to the box.
    let a = k[i * n + i] + k[j * n + j] - 2 * k[i * n + j];
    if (a <= 0) a = 1e-12;
    let step = (-y[i] * grad[i] + y[j] * grad[j]) / a;
    step = Math.min(step, y[i] === 1 ? c - alpha[i] : alpha[i], y[j] === 1 ? alpha[j] : c - alpha[j]);
    alpha[i] += y[i] * step;
    alpha[j] -= y[j] * step;
    // Snap to the bounds so that the index sets stay exact.
    for (const t of [i, j]) {
      if (alpha[t] < 1e-14 * c) alpha[t] = 0;
      else if (alpha[t] > c * (1 - 1e-14)) alpha[t] = c;
    }
    for (let t = 0; t < n; t++) grad[t] += y[t] * step * (k[t * n + i] - k[t * n + j]);
  }
  // rho: the mean of y_i G_i over free vectors, else the middle of the feasible interval (LIBSVM 4.1.5).
  let sum = 0;
  let free = 0;
  let ub = Infinity;
  let lb = -Infinity;
  for (let t = 0; t < n; t++) {
    const yg = y[t] * grad[t];
    if (alpha[t] > 0 && alpha[t] < c) {
      sum += yg;
      free++;
    } else if ((y[t] === 1 && alpha[t] === c) || (y[t] === -1 && alpha[t] === 0)) ub = Math.min(ub, yg);
    else lb = Math.max(lb, yg);
  }
  const rho = free > 0 ? sum / free : (ub + lb) / 2;
  return { alpha, bias: -rho };
}

interface Machine {
  vectors: Float64Array;
  coefficients: number[];
  bias: number;
}

function trainMachine(z: Float64Array, y: ArrayLike<number>, m: number, kernel: Kernel, c: number, tol: number) {
  const n = y.length;
  const kf = kernelOf(kernel, m);
  const k = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) k[a * n + b] = k[b * n + a] = kf(z, a, z, b);
  const signs = Int8Array.from({ length: n }, (_, i) => (y[i] === 1 ? 1 : -1));
  const { alpha, bias } = solveDual(k, signs, c, tol);
  const support = Array.from({ length: n }, (_, i) => i).filter((i) => alpha[i] > 0);
  const vectors = new Float64Array(support.length * m);
  support.forEach((r, s) => vectors.set(z.subarray(r * m, (r + 1) * m), s * m));
  return { vectors, coefficients: support.map((r) => alpha[r] * signs[r]), bias };
}

function decisionOf(machine: Machine, kernel: Kernel, z: Float64Array, row: number, m: number): number {
  const kf = kernelOf(kernel, m);
  let s = machine.bias;
  for (let v = 0; v < machine.coefficients.length; v++) s += machine.coefficients[v] * kf(machine.vectors, v, z, row);
  return s;
}

/** Trains on row-major raw `x` (n x m); decision values and Platt calibration as documented above. */
export function trainSvm(x: ArrayLike<number>, y: ArrayLike<number>, m: number, options: SvmOptions): SvmModel {
  const n = y.length;
  const c = options.c ?? 1;
  const tol = options.tolerance ?? 1e-3;
  if (!(c > 0)) throw new Error(`the SVM cost C must be positive, got ${c}`);
  if (options.kernel.type === 'rbf' && !(options.kernel.gamma > 0))
    throw new Error(`the RBF kernel's gamma must be positive, got ${options.kernel.gamma}`);
  const standardiser = fitStandardiser(x, n, m);
  const z = standardise(standardiser, x, n);
  const machine = trainMachine(z, y, m, options.kernel, c, tol);
  // Out-of-fold decision values, so that the calibration is not fitted on the margins the machine was trained on.
  const folds = stratifiedFolds(y, options.folds ?? 5, options.seed ?? 1);
  const oof = new Float64Array(n);
  for (const fold of folds) {
    const held = new Set(fold);
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => !held.has(i));
    const zt = new Float64Array(rows.length * m);
    rows.forEach((r, k) => zt.set(z.subarray(r * m, (r + 1) * m), k * m));
    const inner = trainMachine(
      zt,
      rows.map((r) => y[r]),
      m,
      options.kernel,
      c,
      tol,
    );
    for (const r of fold) oof[r] = decisionOf(inner, options.kernel, z, r, m);
  }
  return { kind: 'svm', kernel: options.kernel, standardiser, ...machine, platt: fitPlatt(oof, y) };
}

/** Decision values f(x) = sum_i alpha_i y_i K(s_i, z) + b for row-major raw `x`. */
export function svmDecision(model: SvmModel, x: ArrayLike<number>, n: number): Float64Array {
  const m = model.standardiser.mean.length;
  const z = standardise(model.standardiser, x, n);
  return Float64Array.from({ length: n }, (_, i) => decisionOf(model, model.kernel, z, i, m));
}

/** Platt-calibrated log-odds of the positive class. */
export function svmLogit(model: SvmModel, x: ArrayLike<number>, n: number): Float64Array {
  return svmDecision(model, x, n).map((f) => plattLogit(model.platt, f));
}
