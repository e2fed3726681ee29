// Unpenalised logistic regression on standardised inputs (maximum likelihood by IRLS, stats/logistic-fit.ts): the
// reference model of the seed 000 comparison. Its package is the same standardiser + LR graph as the LASSO's.
import { fitLogistic } from '../stats/logistic-fit';
import type { LogisticModel } from '../onnx/logistic-graph';
import { fitStandardiser, standardise } from './standardiser';

export function trainLogistic(x: ArrayLike<number>, y: ArrayLike<number>, m: number): LogisticModel {
  const n = y.length;
  const s = fitStandardiser(x, n, m);
  const z = standardise(s, x, n);
  const columns = Array.from({ length: m }, (_, j) => Float64Array.from({ length: n }, (_, i) => z[i * m + j]));
  const beta = fitLogistic(columns, y).coefficients;
  if (beta.some((b) => !Number.isFinite(b)))
    throw new Error('logistic regression did not converge: the classes are (quasi-)separated by the inputs');
  return { mean: s.mean, sd: s.sd, weights: beta.slice(1), intercept: beta[0] };
}

export function logisticLogit(model: LogisticModel, x: ArrayLike<number>, n: number): Float64Array {
  const m = model.weights.length;
  return Float64Array.from({ length: n }, (_, i) => {
    let s = model.intercept;
    for (let j = 0; j < m; j++) s += (model.weights[j] * (x[i * m + j] - model.mean[j])) / model.sd[j];
    return s;
  });
}
