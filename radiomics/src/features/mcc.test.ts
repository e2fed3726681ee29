// MCC by deflated Lanczos against the definition: √ of the second largest eigenvalue of
// Q(i,j) = Σ_k p(i,k) p(j,k) / (px(i) py(k)), whose eigenvalues equal those of the symmetric Dx^(−½) P Dy^(−½) (…)ᵀ.
import { symmetricEigenvalues } from '../eigen';
import type { GlcmAngle } from './glcm';
import { secondLargestEigenvalueRoot } from './mcc';

function angleOf(p: number[][]): GlcmAngle {
  const n = p.length;
  const total = p.flat().reduce((a, b) => a + b, 0);
  const cells: [number, number, number][] = [];
  p.forEach((row, i) => row.forEach((v, j) => v !== 0 && cells.push([i, j, v / total])));
  const px = Float64Array.from(p, (row) => row.reduce((a, b) => a + b, 0) / total);
  const py = Float64Array.from({ length: n }, (_, j) => p.reduce((s, row) => s + row[j], 0) / total);
  return {
    n,
    ng: n,
    count: cells.length,
    i: Float64Array.from(cells, ([i]) => i + 1),
    j: Float64Array.from(cells, ([, j]) => j + 1),
    p: Float64Array.from(cells, ([, , v]) => v),
    row: Int32Array.from(cells, ([i]) => i),
    column: Int32Array.from(cells, ([, j]) => j),
    px,
    py,
    ux: 0,
    uy: 0,
    pSum: new Float64Array(0),
    pDiff: new Float64Array(0),
    hxy: 0,
  };
}

/** √λ₂ of S = N Nᵀ, N = Dx^(−½) P Dy^(−½), by a dense eigensolver. */
function reference(p: number[][]): number {
  const a = angleOf(p);
  const n = a.n;
  const nMatrix = new Float64Array(n * n);
  for (let k = 0; k < a.count; k++)
    nMatrix[a.row[k] * n + a.column[k]] = a.p[k] / Math.sqrt(a.px[a.row[k]] * a.py[a.column[k]]);
  const s = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let q = 0; q < n; q++) for (let c = 0; c < n; c++) s[r * n + q] += nMatrix[r * n + c] * nMatrix[q * n + c];
  return Math.sqrt(symmetricEigenvalues(s, n)[n - 2]);
}

function randomGlcm(n: number, seed: number, symmetric: boolean): number[][] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const p = Array.from({ length: n }, () =>
    Array.from({ length: n }, () => (next() < 0.4 ? Math.floor(next() * 20) : 0)),
  );
  for (let i = 0; i < n; i++) p[i][i] += 1;
  return symmetric ? p.map((row, i) => row.map((v, j) => v + p[j][i])) : p;
}

test.each([
  [40, 1, true],
  [60, 2, true],
  [25, 3, false],
  [8, 4, true],
])('%i levels (seed %i, symmetric %s) agree with the dense solution', (n, seed, symmetric) => {
  const p = randomGlcm(n, seed, symmetric);
  expect(secondLargestEigenvalueRoot(angleOf(p))).toBeCloseTo(reference(p), 12);
});

test('two levels: the hand-worked 2×2 case [[2, 1], [1, 2]] has √λ₂ = 1/3', () => {
  expect(
    secondLargestEigenvalueRoot(
      angleOf([
        [2, 1],
        [1, 2],
      ]),
    ),
  ).toBeCloseTo(1 / 3, 14);
});
