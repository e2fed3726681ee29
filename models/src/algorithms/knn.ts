// k-nearest neighbours (Cover TM, Hart PE, Nearest neighbor pattern classification, IEEE Trans Inf Theory
// 1967;13:21-27): the probability is the share of positives among the k training cases nearest in Euclidean distance
// on the standardised inputs; equal distances are broken by training order.
import { fitStandardiser, standardise, type Standardiser } from './standardiser';

export interface KnnModel {
  kind: 'knn';
  k: number;
  standardiser: Standardiser;
  /** Standardised training cases, row-major, and their labels. */
  cases: Float64Array;
  labels: number[];
}

export function trainKnn(x: ArrayLike<number>, y: ArrayLike<number>, m: number, k = 15): KnnModel {
  const n = y.length;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new Error(`k-nearest neighbours needs 1 <= k <= ${n} training cases, got k = ${k}`);
  const standardiser = fitStandardiser(x, n, m);
  return { kind: 'knn', k, standardiser, cases: standardise(standardiser, x, n), labels: Array.from(y) };
}

export function knnProbability(model: KnnModel, x: ArrayLike<number>, n: number): Float64Array {
  const m = model.standardiser.mean.length;
  const z = standardise(model.standardiser, x, n);
  const t = model.labels.length;
  const d = new Float64Array(t);
  const order = Array.from({ length: t }, (_, i) => i);
  return Float64Array.from({ length: n }, (_, i) => {
    for (let r = 0; r < t; r++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += (z[i * m + j] - model.cases[r * m + j]) ** 2;
      d[r] = s;
    }
    order.sort((a, b) => d[a] - d[b] || a - b);
    let pos = 0;
    for (let q = 0; q < model.k; q++) pos += model.labels[order[q]];
    return pos / model.k;
  });
}
