// Maximal correlation coefficient of one GLCM angle: √λ₂ of Q(i,j) = Σ_k p(i,k) p(j,k) / (px(i) py(k)).
// Q = Dx⁻¹ P Dy⁻¹ Pᵀ is similar to the symmetric S = N Nᵀ with N = Dx^(−½) P Dy^(−½): its eigenvalues are real and
// non-negative, the largest is 1 with eigenvector √px, and for a symmetric GLCM N itself is symmetric with
// λ(Q) = μ(N)². λ₂ is therefore the extreme eigenvalue of N (or S) on the complement of √px, found by Lanczos on
// the sparse matrix (with a dense eigensolver as fall-back). Levels with px = 0 (or py = 0) only add zero eigenvalues and are left out.
// (PyRadiomics adds ε to px·py inside Q; that shifts MCC by at most about 1e-11 relative on the reference cases.)
import { symmetricEigenvalues } from '../eigen';
import { extremeEigenvalues } from '../lanczos';
import type { GlcmAngle } from './glcm';

/** Below this many levels a dense eigensolver is as fast as Lanczos. */
const DENSE_LIMIT = 16;

export function secondLargestEigenvalueRoot(a: GlcmAngle): number {
  // A weighted matrix without any co-occurrence is all NaN, and so are its features.
  if (a.count > 0 && Number.isNaN(a.p[0])) return NaN;
  const rowIndex = compactIndex(a.px);
  const columnIndex = compactIndex(a.py);
  const m = rowIndex.count;
  if (m < 2) return 0;
  const symmetric = rowIndex.count === columnIndex.count && isSymmetric(a);
  // Entries of N over the kept rows/columns: N(r, c) = p / √(px·py).
  const r = new Int32Array(a.count);
  const c = new Int32Array(a.count);
  const v = new Float64Array(a.count);
  for (let k = 0; k < a.count; k++) {
    r[k] = rowIndex.index[a.row[k]];
    c[k] = columnIndex.index[a.column[k]];
    v[k] = a.p[k] / Math.sqrt(a.px[a.row[k]] * a.py[a.column[k]]);
  }
  const top = new Float64Array(m);
  for (let i = 0, k = 0; i < a.px.length; i++) if (a.px[i] > 0) top[k++] = Math.sqrt(a.px[i]);
  let lambda: number;
  if (m <= DENSE_LIMIT) {
    const matrix = dense(r, c, v, m, symmetric ? m : columnIndex.count);
    const spectrum = symmetric
      ? symmetricEigenvalues(matrix, m).map((mu) => mu * mu)
      : symmetricEigenvalues(gram(matrix, m, columnIndex.count), m);
    lambda = secondLargest(spectrum);
  } else if (symmetric) {
    const rowStart = compressedRows(r, m);
    const extremes = extremeEigenvalues((x, out) => rowProduct(rowStart, c, v, x, out), m, top);
    lambda = extremes
      ? Math.max(extremes.min ** 2, extremes.max ** 2)
      : secondLargest(symmetricEigenvalues(dense(r, c, v, m, m), m).map((mu) => mu * mu));
  } else {
    const t = new Float64Array(columnIndex.count);
    // S x = N (Nᵀ x).
    const apply = (x: Float64Array, out: Float64Array): void => {
      sparseProduct(c, r, v, x, t);
      sparseProduct(r, c, v, t, out);
    };
    lambda =
      extremeEigenvalues(apply, m, top)?.max ??
      secondLargest(symmetricEigenvalues(gram(dense(r, c, v, m, columnIndex.count), m, columnIndex.count), m));
  }
  // Left-out levels contribute exact zeros to the spectrum.
  if (m < a.n) lambda = Math.max(lambda, 0);
  return lambda < 0 ? NaN : Math.sqrt(lambda);
}

/** Second largest of the values (the dense fall-back keeps the eigenvalue 1 of √px in the spectrum). */
function secondLargest(values: Float64Array): number {
  return values.sort()[values.length - 2];
}

function dense(rows: Int32Array, columns: Int32Array, values: Float64Array, m: number, k: number): Float64Array {
  const out = new Float64Array(m * k);
  for (let e = 0; e < values.length; e++) out[rows[e] * k + columns[e]] = values[e];
  return out;
}

/** N Nᵀ for an m×k matrix N. */
function gram(n: Float64Array, m: number, k: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += n[a * k + c] * n[b * k + c];
      out[a * m + b] = s;
      out[b * m + a] = s;
    }
  }
  return out;
}

/** Start of each row's entries in row-sorted sparse entries (compressed sparse rows), with a final end marker. */
function compressedRows(rows: Int32Array, m: number): Int32Array {
  const start = new Int32Array(m + 1);
  for (let k = 0; k < rows.length; k++) start[rows[k] + 1]++;
  for (let i = 0; i < m; i++) start[i + 1] += start[i];
  return start;
}

/** out = A x for the row-sorted sparse A with row starts `rowStart`, columns and values. */
function rowProduct(
  rowStart: Int32Array,
  columns: Int32Array,
  values: Float64Array,
  x: Float64Array,
  out: Float64Array,
): void {
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let k = rowStart[i]; k < rowStart[i + 1]; k++) s += values[k] * x[columns[k]];
    out[i] = s;
  }
}

/** out = A x for the sparse A with entries (rows[k], columns[k], values[k]). */
function sparseProduct(
  rows: Int32Array,
  columns: Int32Array,
  values: Float64Array,
  x: Float64Array,
  out: Float64Array,
): void {
  out.fill(0);
  for (let k = 0; k < values.length; k++) out[rows[k]] += values[k] * x[columns[k]];
}

/** Compact positions of the indices with a non-zero marginal. */
function compactIndex(marginal: Float64Array): { index: Int32Array; count: number } {
  const index = new Int32Array(marginal.length).fill(-1);
  let count = 0;
  for (let i = 0; i < marginal.length; i++) if (marginal[i] > 0) index[i] = count++;
  return { index, count };
}

function isSymmetric(a: GlcmAngle): boolean {
  const matrix = new Float64Array(a.n * a.n);
  for (let k = 0; k < a.count; k++) matrix[a.row[k] * a.n + a.column[k]] = a.p[k];
  for (let k = 0; k < a.count; k++) if (matrix[a.column[k] * a.n + a.row[k]] !== a.p[k]) return false;
  return true;
}
