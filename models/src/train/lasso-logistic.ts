// LASSO logistic regression at one lambda with glmnet's conventions (family = "binomial", standardize = TRUE): the
// features are standardised with their mean and population standard deviation, fitted by fitLasso (whose objective,
// (1/n) sum logloss + lambda ||w||_1 with an unpenalised intercept, is glmnet's), and the coefficients returned in the
// features' own units: w_j / s_j, and b0 - sum_j w_j m_j / s_j (Friedman, Hastie & Tibshirani 2010, section 2.1).
import { standardise } from '../stats/standardise';
import { fitLasso } from './lasso';

export interface LassoLogisticFit {
  intercept: number;
  coefficients: Float64Array;
  lambda: number;
}

export function fitLassoLogistic(
  x: ArrayLike<number>[],
  y: ArrayLike<number>,
  lambda: number,
  names?: string[],
): LassoLogisticFit {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`LASSO: lambda must be >= 0, got ${lambda}`);
  let cases = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`LASSO: label ${y[i]} of case ${i + 1} must be 0 or 1`);
    cases += y[i];
  }
  if (cases === 0 || cases === y.length) throw new Error('LASSO: the labels must include both 0 and 1');
  const { x: xs, mean, scale } = standardise(x, names);
  const maxIterations = 1000;
  const fit = fitLasso(xs, y, lambda, { maxIterations });
  if (fit.iterations >= maxIterations)
    throw new Error(`LASSO: no convergence in ${maxIterations} iterations (are the classes separable at this lambda?)`);
  const coefficients = Float64Array.from(fit.weights, (w, j) => w / scale[j]);
  let intercept = fit.intercept;
  for (let j = 0; j < coefficients.length; j++) intercept -= coefficients[j] * mean[j];
  return { intercept, coefficients, lambda };
}
