// Gaussian naive Bayes: each input normal within each class, independent given the class (Hastie T, Tibshirani R,
// Friedman J, The Elements of Statistical Learning, 2nd ed., 2009, sec. 6.6.3). Variances are the maximum-likelihood
// (n) ones plus scikit-learn's default smoothing of 1e-9 times the largest input variance, so both agree. The model is
// held on the standardised scale (means and variances divided by the training sd), which is what the ONNX graph
// computes in float32 without losing digits to large raw values.
import { fitStandardiser, standardise, type Standardiser } from './standardiser';

export const VAR_SMOOTHING = 1e-9;

export interface NaiveBayesModel {
  kind: 'gaussian-nb';
  standardiser: Standardiser;
  /** Per class (0, 1) and input: mean and variance on the standardised scale. */
  means: [number[], number[]];
  variances: [number[], number[]];
  /** log(prior_1 / prior_0) + sum_j -1/2 log(var_1j / var_0j). */
  constant: number;
}

export function trainNaiveBayes(x: ArrayLike<number>, y: ArrayLike<number>, m: number): NaiveBayesModel {
  const n = y.length;
  const standardiser = fitStandardiser(x, n, m);
  const counts = [0, 0];
  for (let i = 0; i < n; i++) counts[y[i]]++;
  if (counts[0] === 0 || counts[1] === 0) throw new Error('naive Bayes needs both classes');
  const moments = (cls: number | null, j: number) => {
    let s = 0;
    let k = 0;
    for (let i = 0; i < n; i++) if (cls === null || y[i] === cls) ((s += x[i * m + j]), k++);
    const mu = s / k;
    let v = 0;
    for (let i = 0; i < n; i++) if (cls === null || y[i] === cls) v += (x[i * m + j] - mu) ** 2;
    return { mu, v: v / k };
  };
  let maxVar = 0;
  for (let j = 0; j < m; j++) maxVar = Math.max(maxVar, moments(null, j).v);
  const epsilon = VAR_SMOOTHING * maxVar;
  const means: [number[], number[]] = [[], []];
  const variances: [number[], number[]] = [[], []];
  let constant = Math.log(counts[1] / counts[0]);
  for (let j = 0; j < m; j++) {
    const { mean: c, sd: s } = { mean: standardiser.mean[j], sd: standardiser.sd[j] };
    for (const cls of [0, 1]) {
      const { mu, v } = moments(cls, j);
      means[cls].push((mu - c) / s);
      variances[cls].push((v + epsilon) / (s * s));
    }
    constant -= 0.5 * Math.log(variances[1][j] / variances[0][j]);
  }
  return { kind: 'gaussian-nb', standardiser, means, variances, constant };
}

/** Log posterior odds of class 1 for row-major raw `x`. */
export function naiveBayesLogit(model: NaiveBayesModel, x: ArrayLike<number>, n: number): Float64Array {
  const m = model.means[0].length;
  const z = standardise(model.standardiser, x, n);
  return Float64Array.from({ length: n }, (_, i) => {
    let s = model.constant;
    for (let j = 0; j < m; j++) {
      const d1 = z[i * m + j] - model.means[1][j];
      const d0 = z[i * m + j] - model.means[0][j];
      s += (d0 * d0) / (2 * model.variances[0][j]) - (d1 * d1) / (2 * model.variances[1][j]);
    }
    return s;
  });
}
