// Maximal correlation coefficient of one GLCM angle: √λ₂ of Q(i,j) = Σ_k p(i,k) p(j,k) / (px(i) py(k)).
// Q = Dx⁻¹ P Dy⁻¹ Pᵀ is similar to the symmetric S = N Nᵀ with N = Dx^(−½) P Dy^(−½), so its eigenvalues are
// real and non-negative; for a symmetric GLCM N itself is symmetric and λ(Q) = μ(N)². Levels with px = 0 (or
// py = 0) give zero rows and columns, i.e. eigenvalues 0, and are left out of the symmetric problem.
import { symmetricEigenvalues } from '../eigen';
import type { GlcmAngle } from './glcm';

export function secondLargestEigenvalueRoot(a: GlcmAngle): number {
  const rows = indicesWhere(a.px);
  const columns = indicesWhere(a.py);
  const m = rows.length;
  if (m < 2) return 0;
  const symmetric = rows.length === columns.length && isSymmetric(a);
  let lambdas: Float64Array;
  if (symmetric) {
    const nMatrix = scaledMatrix(a, rows, rows);
    lambdas = symmetricEigenvalues(nMatrix, m).map((mu) => mu * mu);
  } else {
    const nMatrix = scaledMatrix(a, rows, columns);
    lambdas = symmetricEigenvalues(gram(nMatrix, m, columns.length), m);
  }
  lambdas.sort();
  // Left-out levels contribute exact zeros to the spectrum.
  const second = m < a.n ? Math.max(lambdas[m - 2], 0) : lambdas[m - 2];
  return second < 0 ? NaN : Math.sqrt(second);
}

function indicesWhere(marginal: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < marginal.length; i++) if (marginal[i] > 0) out.push(i);
  return out;
}

function isSymmetric(a: GlcmAngle): boolean {
  for (let i = 0; i < a.n; i++) {
    for (let j = i + 1; j < a.n; j++) if (a.p[i * a.n + j] !== a.p[j * a.n + i]) return false;
  }
  return true;
}

/** N(r, c) = p(i_r, j_c) / √(px(i_r) py(j_c)) over the kept rows and columns. */
function scaledMatrix(a: GlcmAngle, rows: number[], columns: number[]): Float64Array {
  const out = new Float64Array(rows.length * columns.length);
  const sx = rows.map((i) => Math.sqrt(a.px[i]));
  const sy = columns.map((j) => Math.sqrt(a.py[j]));
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < columns.length; c++) out[r * columns.length + c] = a.p[rows[r] * a.n + columns[c]] / (sx[r] * sy[c]);
  }
  return out;
}

/** N Nᵀ for an m×k matrix N. */
function gram(nMatrix: Float64Array, m: number, k: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    for (let s = 0; s <= r; s++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += nMatrix[r * k + c] * nMatrix[s * k + c];
      out[r * m + s] = v;
      out[s * m + r] = v;
    }
  }
  return out;
}
