// Cholesky decomposition of a symmetric positive-definite matrix (row-major, k x k) and what is built on it: solving
// A x = b and inverting A. Golub GH, Van Loan CF, Matrix Computations, 4th ed., 2013, algorithm 4.2.1.

/** The lower-triangular L with A = L L'; throws `singular` when A is not positive definite. */
export function cholesky(a: ArrayLike<number>, k: number, singular: string): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let r = 0; r < j; r++) s -= l[i * k + r] * l[j * k + r];
      if (i === j) {
        if (!(s > 0)) throw new Error(singular);
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  return l;
}

/** Solves L L' x = b by forward then back substitution. */
export function choleskyBackSolve(l: Float64Array, b: ArrayLike<number>, k: number): Float64Array {
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

/** Solves A x = b for a symmetric positive-definite A. */
export function choleskySolve(a: ArrayLike<number>, b: ArrayLike<number>, k: number, singular: string): Float64Array {
  return choleskyBackSolve(cholesky(a, k, singular), b, k);
}

/** The inverse of a symmetric positive-definite A, column by column. */
export function choleskyInverse(a: ArrayLike<number>, k: number, singular: string): Float64Array {
  const l = cholesky(a, k, singular);
  const inv = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskyBackSolve(l, e, k);
    for (let i = 0; i < k; i++) inv[i * k + j] = col[i];
  }
  return inv;
}
