// Per-input centre and scale learnt on the training set, shared by every algorithm that is not scale-invariant
// (distances of kNN and SVM kernels, gradient steps of the MLP), so that the ONNX graphs start with the same Sub/Div.
import { mean, sd } from '../stats/descriptive';

export interface Standardiser {
  mean: number[];
  sd: number[];
}

/** Learns mean and n - 1 standard deviation of each column of row-major `x` (n x m); constant columns are refused. */
export function fitStandardiser(x: ArrayLike<number>, n: number, m: number): Standardiser {
  const centre: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < m; j++) {
    const col = Float64Array.from({ length: n }, (_, i) => x[i * m + j]);
    const s = sd(col);
    if (!(s > 0)) throw new Error(`input ${j + 1} is constant on the training set and cannot be standardised`);
    centre.push(mean(col));
    scale.push(s);
  }
  return { mean: centre, sd: scale };
}

/** Row-major z-scores of `x`. */
export function standardise(s: Standardiser, x: ArrayLike<number>, n: number): Float64Array {
  const m = s.mean.length;
  const z = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) z[i * m + j] = (x[i * m + j] - s.mean[j]) / s.sd[j];
  return z;
}
