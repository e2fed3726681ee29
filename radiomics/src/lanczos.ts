// Extreme eigenvalues of a symmetric operator restricted to the complement of one known unit eigenvector, by the
// Lanczos iteration (Golub & Van Loan, Matrix Computations, §10.1-10.3). Only the known direction is projected out at
// every step: without full reorthogonalisation converged Ritz values reappear as copies, but the extreme Ritz values
// still converge to the extreme eigenvalues (Paige 1980), monotonically from inside the spectrum. They are accepted
// once neither has moved by more than `tolerance` over four steps; undefined is returned when that has not happened
// within `maxSteps`, so the caller can fall back to a dense solver.
import { tridiagonalEigenvalues } from './eigen';

export type LinearOperator = (x: Float64Array, out: Float64Array) => void;

export interface ExtremeEigenvalues {
  min: number;
  max: number;
}

const CHECK_EVERY = 4;

/** Smallest and largest eigenvalue of `apply` (dimension n) on the complement of the unit vector `deflate`. */
export function extremeEigenvalues(
  apply: LinearOperator,
  n: number,
  deflate: Float64Array,
  tolerance = 1e-14,
  maxSteps = 3 * n,
): ExtremeEigenvalues | undefined {
  const alpha: number[] = [];
  const beta: number[] = [];
  let previous: Float64Array = new Float64Array(n);
  let q: Float64Array = startVector(n, deflate);
  const w = new Float64Array(n);
  let last: ExtremeEigenvalues | undefined;
  for (let k = 0; k < maxSteps; k++) {
    apply(q, w);
    const a = dot(w, q);
    alpha.push(a);
    const b0 = k > 0 ? beta[k - 1] : 0;
    for (let i = 0; i < n; i++) w[i] -= a * q[i] + b0 * previous[i];
    project(w, deflate);
    const b = Math.sqrt(dot(w, w));
    if (b <= tolerance || (k + 1) % CHECK_EVERY === 0) {
      const ritz = tridiagonalEigenvalues(alpha, beta);
      const current = { min: ritz[0], max: ritz[ritz.length - 1] };
      // An invariant subspace (b = 0) makes the Ritz values exact.
      if (b <= tolerance) return current;
      if (last && Math.abs(current.min - last.min) <= tolerance && Math.abs(current.max - last.max) <= tolerance) {
        return current;
      }
      last = current;
    }
    beta.push(b);
    previous = q;
    q = new Float64Array(n);
    for (let i = 0; i < n; i++) q[i] = w[i] / b;
  }
  return undefined;
}

/** A fixed pseudo-random unit vector orthogonal to `deflate` (a structured start could miss an eigenvector). */
function startVector(n: number, deflate: Float64Array): Float64Array {
  const v = new Float64Array(n);
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    v[i] = seed / 2147483648 - 0.5;
  }
  project(v, deflate);
  const norm = Math.sqrt(dot(v, v));
  for (let i = 0; i < n; i++) v[i] /= norm;
  return v;
}

/** Removes from v its component along the unit vector u, twice ("twice is enough", Kahan). */
function project(v: Float64Array, u: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const c = dot(v, u);
    for (let i = 0; i < v.length; i++) v[i] -= c * u[i];
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
