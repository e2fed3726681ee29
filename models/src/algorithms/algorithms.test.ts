// The classifiers against scikit-learn 1.2.1 on the Pima diabetes data (models/fixtures/r/sklearn-algorithms.json,
// written by models/fixtures/make-sklearn-algorithms.py): first 568 cases train, last 200 are predicted. Random forest
// and MLP draw random numbers differently from scikit-learn, so they are checked by held-out AUC instead.
import { aucWithCi } from '../stats/delong';
import { expit } from '../stats/descriptive';
import { expectClose, rFixture, rTable } from '../testing/r-fixtures';
import { ensembleMargin } from '../tree-ensemble';
import { knnProbability, trainKnn } from './knn';
import { logisticLogit, trainLogistic } from './logistic';
import { mlpLogit, trainMlp } from './mlp';
import { naiveBayesLogit, trainNaiveBayes } from './naive-bayes';
import { fitPlatt } from './platt';
import { trainRandomForest } from './random-forest';
import { svmDecision, svmLogit, trainSvm } from './svm';

interface Fixture {
  features: string[];
  label: string;
  train: number;
  logistic: { intercept: number; coefficients: number[] };
  gaussianNb: { probability: number[] };
  knn: { k: number; probability: number[] };
  svmLinear: { c: number; decision: number[]; supportVectors: number };
  svmRbf: { c: number; gamma: number; decision: number[]; supportVectors: number };
}

const fx = rFixture<Fixture>('sklearn-algorithms.json');
const table = rTable('pima.csv');
const m = fx.features.length;
const all = table[fx.label].length;
const rowsOf = (from: number, to: number) => {
  const x = new Float64Array((to - from) * m);
  for (let i = from; i < to; i++) fx.features.forEach((f, j) => (x[(i - from) * m + j] = table[f][i]));
  return x;
};
const xTrain = rowsOf(0, fx.train);
const yTrain = Array.from(table[fx.label].subarray(0, fx.train));
const xTest = rowsOf(fx.train, all);
const yTest = Array.from(table[fx.label].subarray(fx.train));
const nTest = yTest.length;

it('logistic regression: coefficients within 1e-6 of LogisticRegression(penalty=None)', () => {
  const model = trainLogistic(xTrain, yTrain, m);
  expectClose(model.intercept, fx.logistic.intercept, 1e-6);
  model.weights.forEach((w, j) => expectClose(w, fx.logistic.coefficients[j], 1e-6));
  const logit = logisticLogit(model, xTest, nTest);
  expect(aucWithCi(logit, yTest).auc).toBeGreaterThan(0.8);
});

it('Gaussian naive Bayes: probabilities within 1e-9 of GaussianNB', () => {
  const model = trainNaiveBayes(xTrain, yTrain, m);
  naiveBayesLogit(model, xTest, nTest).forEach((z, i) => expectClose(expit(z), fx.gaussianNb.probability[i], 1e-9));
});

it('k-nearest neighbours: the same neighbour shares as KNeighborsClassifier(k=15, brute)', () => {
  const model = trainKnn(xTrain, yTrain, m, fx.knn.k);
  knnProbability(model, xTest, nTest).forEach((p, i) => expectClose(p, fx.knn.probability[i], 1e-12));
});

describe('support vector machines', () => {
  // The dual optimum is unique in decision values; both solvers stop at a KKT gap (sklearn 1e-8, ours 1e-6), so the
  // decision values agree to about 1e-4.
  it.each([
    ['linear', { type: 'linear' as const }, fx.svmLinear],
    ['rbf', { type: 'rbf' as const, gamma: fx.svmRbf.gamma }, fx.svmRbf],
  ])('%s: decision values within 1e-4 of SVC, same number of support vectors', (_, kernel, ref) => {
    const model = trainSvm(xTrain, yTrain, m, { kernel, c: ref.c, tolerance: 1e-6, folds: 3, seed: 7 });
    svmDecision(model, xTest, nTest).forEach((f, i) => expectClose(f, ref.decision[i], 1e-4));
    expect(model.coefficients.length).toBe(ref.supportVectors);
    // Platt's slope is negative: larger decision values mean a higher probability of the positive class.
    expect(model.platt.a).toBeLessThan(0);
    expect(aucWithCi(svmLogit(model, xTest, nTest), yTest).auc).toBeGreaterThan(0.8);
  });
});

it('Platt scaling recovers a known sigmoid and survives separable data', () => {
  const f = Array.from({ length: 4000 }, (_, i) => -4 + (8 * i) / 3999);
  // Deterministic labels whose running share follows 1 / (1 + exp(-1.5 f + 0.5)).
  let acc = 0;
  const y = f.map((v) => {
    acc += expit(1.5 * v - 0.5);
    if (acc >= 1) {
      acc -= 1;
      return 1;
    }
    return 0;
  });
  const p = fitPlatt(f, y);
  expect(p.a).toBeCloseTo(-1.5, 1);
  expect(p.b).toBeCloseTo(0.5, 1);
  const sep = fitPlatt([-2, -1, 1, 2], [0, 0, 1, 1]);
  expect(Number.isFinite(sep.a) && Number.isFinite(sep.b)).toBe(true);
  expect(() => fitPlatt([1, 2], [1, 1])).toThrow(/both classes/);
});

it('random forest and MLP: held-out AUC on Pima as published for these methods (> 0.78), deterministic by seed', () => {
  const forest = trainRandomForest(xTrain, yTrain, m, { trees: 100, seed: 3 });
  const rf = Float64Array.from({ length: nTest }, (_, i) =>
    ensembleMargin(forest.ensemble, xTest.subarray(i * m, (i + 1) * m)),
  );
  expect(aucWithCi(rf, yTest).auc).toBeGreaterThan(0.78);
  rf.forEach((p) => expect(p >= 0 && p <= 1 + 1e-12).toBe(true));
  const again = trainRandomForest(xTrain, yTrain, m, { trees: 100, seed: 3 });
  expect(again).toEqual(forest);
  const mlp = trainMlp(xTrain, yTrain, m, { seed: 5 });
  expect(aucWithCi(mlpLogit(mlp, xTest, nTest), yTest).auc).toBeGreaterThan(0.78);
  expect(trainMlp(xTrain, yTrain, m, { seed: 5 })).toEqual(mlp);
});

it('refuses bad settings with clear messages', () => {
  expect(() => trainKnn(xTrain, yTrain, m, 0)).toThrow(/1 <= k <= 568/);
  expect(() => trainSvm(xTrain, yTrain, m, { kernel: { type: 'rbf', gamma: 0 } })).toThrow(/gamma must be positive/);
  expect(() => trainSvm(xTrain, yTrain, m, { kernel: { type: 'linear' }, c: -1 })).toThrow(/C must be positive/);
  const constant = Float64Array.from(xTrain).fill(3);
  expect(() => trainLogistic(constant, yTrain, m)).toThrow(/input 1 is constant/);
});
