// The table of `heron train --algo` classifiers: how each is trained on a row-major matrix of the screened inputs,
// how it predicts in TypeScript, and which ONNX graph carries it into a package. One entry per algorithm of the
// seed 000 comparison; LASSO-LR stays in train/lasso-cv.ts because its lambda is cross-validated there.
import { checkModel, decodeModel } from '../onnx/inspect';
import { knnOnnx } from '../onnx/knn-graph';
import { logisticOnnx, type LogisticModel } from '../onnx/logistic-graph';
import { mlpOnnx } from '../onnx/mlp-graph';
import { naiveBayesOnnx } from '../onnx/naive-bayes-graph';
import { svmOnnx } from '../onnx/svm-graph';
import { treeEnsembleOnnx } from '../onnx/tree-graph';
import { MAX_EXACT_INPUTS } from '../shap/exact';
import { DEFAULT_PERMUTATIONS } from '../shap/sampling';
import { expit } from '../stats/descriptive';
import { trainGbdt } from '../train/gbdt';
import { ensembleMargin, type TreeEnsemble } from '../tree-ensemble';
import { knnProbability, trainKnn, type KnnModel } from './knn';
import { logisticLogit, trainLogistic } from './logistic';
import { mlpLogit, trainMlp, type MlpModel } from './mlp';
import { naiveBayesLogit, trainNaiveBayes, type NaiveBayesModel } from './naive-bayes';
import { trainRandomForest, type ForestModel } from './random-forest';
import { svmLogit, trainSvm, type SvmModel } from './svm';

export type AlgorithmModel =
  | { kind: 'logistic'; logistic: LogisticModel }
  | { kind: 'gbdt'; ensemble: TreeEnsemble }
  | SvmModel
  | ForestModel
  | KnnModel
  | NaiveBayesModel
  | MlpModel;

export const ALGORITHM_NAMES = [
  'lr',
  'svm-linear',
  'svm-rbf',
  'random-forest',
  'gbdt',
  'knn',
  'naive-bayes',
  'mlp',
] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];

export const ALGORITHM_LABELS: Record<AlgorithmName, string> = {
  lr: 'Logistic regression (unpenalised)',
  'svm-linear': 'SVM, linear kernel (Platt-calibrated)',
  'svm-rbf': 'SVM, RBF kernel (Platt-calibrated)',
  'random-forest': 'Random forest (100 trees, leaves of >= 5 cases)',
  gbdt: 'Gradient boosting (100 trees, depth 3)',
  knn: 'k-nearest neighbours (k = 15)',
  'naive-bayes': 'Gaussian naive Bayes',
  mlp: 'MLP (one hidden layer of 8 ReLU units)',
};

/** Trains `name` on row-major `x` (n x m) with labels `y`; `seed` drives every random choice. */
export function trainAlgorithm(
  name: AlgorithmName,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  m: number,
  seed: number,
): AlgorithmModel {
  switch (name) {
    case 'lr':
      return { kind: 'logistic', logistic: trainLogistic(x, y, m) };
    case 'svm-linear':
      return trainSvm(x, y, m, { kernel: { type: 'linear' }, seed });
    case 'svm-rbf':
      // gamma = 1 / M on standardised inputs is scikit-learn's gamma='scale' for unit-variance inputs.
      return trainSvm(x, y, m, { kernel: { type: 'rbf', gamma: 1 / m }, seed });
    case 'random-forest':
      // Leaves of at least 5 cases, so that leaf shares estimate probabilities rather than being one case's 0/1 vote
      // (a forest of pure leaves separates its training set perfectly, where no calibration slope exists).
      return trainRandomForest(x, y, m, { seed, minLeaf: 5 });
    case 'gbdt':
      return { kind: 'gbdt', ensemble: trainGbdt(x, y, m, { trees: 100, depth: 3 }) };
    case 'knn':
      return trainKnn(x, y, m, Math.min(15, y.length));
    case 'naive-bayes':
      return trainNaiveBayes(x, y, m);
    case 'mlp':
      return trainMlp(x, y, m, { seed });
  }
}

function inputsOf(model: AlgorithmModel): number {
  switch (model.kind) {
    case 'logistic':
      return model.logistic.weights.length;
    case 'gbdt':
    case 'random-forest':
      return model.ensemble.nFeatures;
    default:
      return model.standardiser.mean.length;
  }
}

/** Probability of the positive class for row-major raw `x` (n rows), in double precision. */
export function predictProbability(model: AlgorithmModel, x: ArrayLike<number>, n: number): Float64Array {
  const m = inputsOf(model);
  const rows = (f: (row: ArrayLike<number>) => number) =>
    Float64Array.from({ length: n }, (_, i) => f(Array.prototype.slice.call(x, i * m, (i + 1) * m)));
  switch (model.kind) {
    case 'logistic':
      return logisticLogit(model.logistic, x, n).map(expit);
    case 'gbdt':
      return rows((r) => expit(ensembleMargin(model.ensemble, r)));
    case 'random-forest':
      // As the graph's Clip: a sum of leaf shares can pass 1 by rounding.
      return rows((r) => Math.min(1, Math.max(0, ensembleMargin(model.ensemble, r))));
    case 'svm':
      return svmLogit(model, x, n).map(expit);
    case 'knn':
      return knnProbability(model, x, n);
    case 'gaussian-nb':
      return naiveBayesLogit(model, x, n).map(expit);
    case 'mlp':
      return mlpLogit(model, x, n).map(expit);
  }
}

function graphOf(model: AlgorithmModel, metadata: Record<string, string>): Uint8Array {
  switch (model.kind) {
    case 'logistic':
      return logisticOnnx(model.logistic, metadata);
    case 'gbdt':
      return treeEnsembleOnnx(model.ensemble, metadata);
    case 'random-forest':
      return treeEnsembleOnnx(model.ensemble, metadata, 'probability');
    case 'svm':
      return svmOnnx(model, metadata);
    case 'knn':
      return knnOnnx(model, metadata);
    case 'gaussian-nb':
      return naiveBayesOnnx(model, metadata);
    case 'mlp':
      return mlpOnnx(model, metadata);
  }
}

/** The model's ONNX graph, checked with the same rules a package is loaded with (operators onnxruntime-web runs,
 *  opsets, one float input of width M), so an export that needs anything else fails here with the loader's message. */
export function algorithmOnnx(model: AlgorithmModel, metadata: Record<string, string> = {}): Uint8Array {
  const bytes = graphOf(model, metadata);
  checkModel(decodeModel(bytes), inputsOf(model));
  return bytes;
}

/** How a package of this model explains (manifest `explanation`): closed-form for linear graphs, TreeSHAP for
 *  tree ensembles, exact enumeration up to MAX_EXACT_INPUTS inputs and permutation sampling beyond. kNN and the
 *  random forest explain probabilities (their graphs have no finite log-odds); the others log-odds. */
export function explanationFor(model: AlgorithmModel): {
  method: 'linear' | 'tree' | 'exact' | 'sampling';
  space: 'logodds' | 'probability';
  permutations?: number;
} {
  const m = inputsOf(model);
  const space = model.kind === 'knn' || model.kind === 'random-forest' ? 'probability' : 'logodds';
  if (model.kind === 'logistic' || (model.kind === 'svm' && model.kernel.type === 'linear'))
    return { method: 'linear', space };
  if (model.kind === 'gbdt' || model.kind === 'random-forest') return { method: 'tree', space };
  return m <= MAX_EXACT_INPUTS
    ? { method: 'exact', space }
    : { method: 'sampling', space, permutations: DEFAULT_PERMUTATIONS };
}
