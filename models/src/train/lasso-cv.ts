// Lambda for the LASSO by stratified k-fold cross-validation over a log-spaced path with warm starts (Friedman,
// Hastie & Tibshirani 2010, sec. 2.5 and 6; glmnet's cv.glmnet with type.measure = "deviance"). The chosen lambda
// minimises the mean held-out binomial deviance ("lambda.min"); "lambda.1se" is the largest lambda within one
// standard error of that minimum (Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed., 7.10).
import { expit } from '../stats/descriptive';
import { type Columns, fitLasso, lambdaMax, type LassoFit } from './lasso';
import { stratifiedFolds } from './folds';

export interface LassoCvOptions {
  folds?: number;
  nLambda?: number;
  /** Smallest lambda as a fraction of lambda max. */
  lambdaRatio?: number;
  seed?: number;
  rule?: 'min' | '1se';
}

export interface LassoCvResult {
  lambdas: number[];
  /** Mean held-out deviance per lambda, and its standard error. */
  cvDeviance: number[];
  cvSe: number[];
  lambdaMin: number;
  lambda1se: number;
  chosen: number;
  fit: LassoFit;
  /** Number of non-zero weights along the path fitted on all the data. */
  nonZero: number[];
}

const subset = (x: Columns, rows: number[]): Columns => x.map((c) => Float64Array.from(rows, (r) => c[r]));

export function lassoCv(x: Columns, y: ArrayLike<number>, options: LassoCvOptions = {}): LassoCvResult {
  const k = options.folds ?? 10;
  const nLambda = options.nLambda ?? 50;
  const ratio = options.lambdaRatio ?? 0.01;
  const top = lambdaMax(x, y);
  if (!(top > 0)) throw new Error('LASSO: no feature varies with the outcome (every gradient is 0)');
  const lambdas = Array.from({ length: nLambda }, (_, i) => top * ratio ** (i / (nLambda - 1)));
  const folds = stratifiedFolds(y, k, options.seed ?? 1);
  const deviance = lambdas.map(() => new Float64Array(k));
  folds.forEach((test, f) => {
    const inTest = new Set(test);
    const train = Array.from({ length: y.length }, (_, i) => i).filter((i) => !inTest.has(i));
    const xTrain = subset(x, train);
    const yTrain = train.map((i) => y[i]);
    let start: LassoFit | undefined;
    lambdas.forEach((lambda, l) => {
      start = fitLasso(xTrain, yTrain, lambda, { start, tolerance: 1e-8 });
      let d = 0;
      for (const i of test) {
        let eta = start.intercept;
        for (let j = 0; j < x.length; j++) if (start.weights[j] !== 0) eta += x[j][i] * start.weights[j];
        const p = Math.min(Math.max(expit(eta), 1e-15), 1 - 1e-15);
        d += -2 * (y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
      }
      deviance[l][f] = d / test.length;
    });
  });
  const cvDeviance = deviance.map((d) => d.reduce((s, v) => s + v, 0) / k);
  const cvSe = deviance.map((d, l) => Math.sqrt(d.reduce((s, v) => s + (v - cvDeviance[l]) ** 2, 0) / (k - 1) / k));
  let best = 0;
  for (let l = 1; l < nLambda; l++) if (cvDeviance[l] < cvDeviance[best]) best = l;
  let oneSe = best;
  for (let l = best; l >= 0; l--) if (cvDeviance[l] <= cvDeviance[best] + cvSe[best]) oneSe = l;
  const chosenIndex = options.rule === '1se' ? oneSe : best;
  let fit: LassoFit | undefined;
  const nonZero: number[] = [];
  let chosenFit: LassoFit | undefined;
  lambdas.forEach((lambda, l) => {
    fit = fitLasso(x, y, lambda, { start: fit, tolerance: l === chosenIndex ? 1e-13 : 1e-8 });
    nonZero.push(fit.weights.reduce((s, w) => s + (w !== 0 ? 1 : 0), 0));
    if (l === chosenIndex) chosenFit = { ...fit, weights: Float64Array.from(fit.weights) };
  });
  return {
    lambdas,
    cvDeviance,
    cvSe,
    lambdaMin: lambdas[best],
    lambda1se: lambdas[oneSe],
    chosen: lambdas[chosenIndex],
    fit: chosenFit!,
    nonZero,
  };
}
