// The training pipeline of `heron train`, pure: validated tables in, a trained model with its evaluation out.
// Seed 001/002 methods: z-scoring, collinearity and univariate screening, LASSO logistic regression with k-fold
// cross-validated lambda (or gradient boosting), an optional combined model of the Rad-score and clinical factors
// (nomogram style), evaluation on training, test and external sets, DeLong tests between models and the
// generalization decay index.
import { delongTest, type DelongTest } from '../stats/delong';
import { expit, mean, quantile, sd } from '../stats/descriptive';
import { generalizationDecay, type Gdi } from '../stats/generalization';
import { bootstrapCalibration, type BootstrapCalibration } from '../stats/bootstrap-calibration';
import { fitLogistic } from '../stats/logistic-fit';
import { youdenThreshold } from '../stats/threshold';
import { ensembleMargin, type TreeEnsemble } from '../tree-ensemble';
import type { TrainingStats } from '../manifest';
import { evaluateSet, type SetEvaluation } from './evaluate';
import { minMax } from '../stats/min-max';
import { screenFeatures, type Screening, type UnivariateTest } from './feature-selection';
import { gbdtImportance } from './gbdt-importance';
import { applyIccVerdicts, type IccVerdicts } from './icc-filter';
import { lassoCv, type LassoCvResult } from './lasso-cv';
import type { LogisticModel } from '../onnx/logistic-graph';
import { mulberry32 } from './random';
import { predictProbability, trainAlgorithm, type AlgorithmModel, type AlgorithmName } from '../algorithms/algorithm';

export const MIN_CASES_PER_CLASS = 20;

export interface LabelledSet {
  ids: string[];
  /** Radiomics feature columns, named `<sequence>/<region>/<feature>`. */
  features: Map<string, Float64Array>;
  clinical: Map<string, Float64Array>;
  y: number[];
}

export interface TrainOptions {
  /** LASSO-LR (cross-validated lambda) or one of the classifiers of algorithms/algorithm.ts. */
  algo: 'lasso-lr' | AlgorithmName;
  folds: number;
  seed: number;
  clinical: string[];
  backgroundSize?: number;
  /** How the LASSO's inputs are scaled on the training set: z-scores (default) or min-max to [0, 1] (seed 004). */
  scaling?: Scaling;
  /** The univariate filter of the screening: Mann-Whitney (default) or the ANOVA F test (seed 004). */
  univariate?: UnivariateTest;
  /** Inter-reader ICC verdicts (`heron icc`): only kept features are candidates (seeds 001, 002, 004). */
  icc?: IccVerdicts;
  /**
   * How the LASSO-LR route picks its features after screening: the cross-validated LASSO (default, seed 002), or the
   * `top` features by gradient-boosting gain followed by an unpenalised logistic regression (seed 001).
   */
  selection?: Selection;
  /** With `selection: 'gbdt-importance'`: how many features to keep at most (default 10). */
  top?: number;
}

export type Scaling = 'z-score' | 'min-max';
export type Selection = 'lasso' | 'gbdt-importance';

/** The preprocessing and selection choices, as recorded in the manifest's `pipeline`. */
export interface Pipeline {
  scaling: Scaling;
  univariate: UnivariateTest;
  icc?: { source: string; assessed: number; kept: number };
  selection?: { method: 'gbdt-importance'; top: number };
}

export interface TrainedModel {
  algo: TrainOptions['algo'];
  pipeline: Pipeline;
  /** Model inputs in order (features then `clinical/<name>`). */
  inputs: string[];
  logistic?: LogisticModel;
  trees?: TreeEnsemble;
  /** The fitted classifier when `algo` is not lasso-lr (for gbdt also in `trees`, for lr also in `logistic`). */
  algorithm?: AlgorithmModel;
  screening: Screening & { names: string[] };
  lasso?: LassoCvResult & { names: string[] };
  /** With GBDT selection: each screened feature's share of the total gain, highest first (the kept ones marked). */
  gbdtSelection?: { name: string; gain: number; kept: boolean }[];
  /** Rad-score coefficient and clinical coefficients of the combined model, when clinical inputs are used. */
  combined?: {
    radScore: number;
    clinical: Record<string, number>;
    intercept: number;
    /** Training range of the Rad-score and of each clinical input: the axes of the nomogram. */
    ranges: Record<string, [number, number]>;
    /**
     * Bootstrap optimism-corrected calibration of the combined model (B = 200). Each bootstrap refits the
     * combined logistic regression on the Rad-score and clinical factors; the radiomics selection is not repeated.
     */
    calibration: BootstrapCalibration;
  };
  threshold: number;
  evaluations: SetEvaluation[];
  /** Radiomics-only model evaluations, when a combined model exists. */
  radiomicsOnly?: SetEvaluation[];
  delong: { set: string; test: DelongTest }[];
  gdi?: Gdi & { from: string; to: string };
  stats: TrainingStats[];
  background: number[][];
}

export function validateSet(set: LabelledSet, what: string): void {
  const positives = set.y.filter((v) => v === 1).length;
  const negatives = set.y.filter((v) => v === 0).length;
  if (positives + negatives !== set.y.length) throw new Error(`${what}: labels must be 0 or 1`);
  if (what === 'training set' && (positives < MIN_CASES_PER_CLASS || negatives < MIN_CASES_PER_CLASS)) {
    throw new Error(
      `${what}: at least ${MIN_CASES_PER_CLASS} cases per class are needed; it has ${positives} positive and ${negatives} negative`,
    );
  }
  if (positives === 0 || negatives === 0) throw new Error(`${what}: needs cases of both classes to be evaluated`);
}

export function trainingStats(col: Float64Array): TrainingStats {
  const sorted = Float64Array.from(col).sort();
  const q = (p: number) => quantile(sorted, p);
  return {
    mean: mean(col),
    sd: sd(col),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    quantiles: { p01: q(0.01), p05: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), p99: q(0.99) },
  };
}

function rowsOf(columns: Float64Array[], n: number): Float64Array {
  const m = columns.length;
  const x = new Float64Array(n * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) x[i * m + j] = columns[j][i];
  return x;
}

function predictLogistic(model: LogisticModel, columns: Float64Array[], n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    let z = model.intercept;
    for (let j = 0; j < columns.length; j++) z += (model.weights[j] * (columns[j][i] - model.mean[j])) / model.sd[j];
    return expit(z);
  });
}

export function trainModel(
  train: LabelledSet,
  others: { name: 'test' | 'external'; set: LabelledSet }[],
  options: TrainOptions,
): TrainedModel {
  validateSet(train, 'training set');
  others.forEach((o) => validateSet(o.set, `${o.name} set`));
  if (options.algo !== 'lasso-lr' && options.clinical.length)
    throw new Error('clinical inputs are combined through logistic regression; use --algo lasso-lr');
  const allNames = [...train.features.keys()];
  if (allNames.length === 0) throw new Error('the features file has no feature columns');
  const selection = options.selection ?? 'lasso';
  if (selection === 'gbdt-importance' && options.algo !== 'lasso-lr')
    throw new Error('GBDT-importance selection feeds a logistic regression; use it with --algo lasso-lr');
  const top = options.top ?? 10;
  const names = options.icc ? applyIccVerdicts(allNames, options.icc) : allNames;
  for (const o of others) {
    const missing = names.filter((n) => !o.set.features.has(n));
    if (missing.length)
      throw new Error(
        `${o.name} set: missing feature column${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}`,
      );
  }
  const columns = names.map((n) => train.features.get(n)!);
  const scaling = options.scaling ?? 'z-score';
  const univariate = options.univariate ?? 'mann-whitney';
  const screening = screenFeatures(columns, train.y, { univariate });
  if (screening.kept.length === 0) {
    throw new Error(
      `no feature passed screening (|r| <= 0.8 and ${univariate === 'f-classif' ? 'ANOVA F' : 'Mann-Whitney'} p < 0.05): nothing separates the classes in the training set`,
    );
  }
  const keptNames = screening.kept.map((j) => names[j]);
  const keptCols = screening.kept.map((j) => columns[j]);
  const n = train.y.length;
  let inputs: string[];
  let logistic: LogisticModel | undefined;
  let trees: TreeEnsemble | undefined;
  let algorithm: AlgorithmModel | undefined;
  let lasso: TrainedModel['lasso'];
  let gbdtSelection: TrainedModel['gbdtSelection'];
  let radiomicsProb: (set: LabelledSet) => Float64Array;
  let modelColumns: (set: LabelledSet) => Float64Array[];
  if (options.algo === 'lasso-lr') {
    // Min-max scaling is the same standardiser with the minimum as centre and the range as scale.
    const range = scaling === 'min-max' ? minMax(keptCols, keptNames) : undefined;
    const mu = range ? range.min : keptCols.map(mean);
    const sigma = range ? range.range : keptCols.map(sd);
    const z = keptCols.map((c, j) => Float64Array.from(c, (v) => (v - mu[j]) / sigma[j]));
    let selected: number[];
    let weights: number[];
    let intercept: number;
    if (selection === 'gbdt-importance') {
      const importance = gbdtImportance(keptCols, train.y, top);
      selected = [...importance.selected].sort((a, b) => a - b);
      if (selected.length === 0)
        throw new Error('gradient boosting made no split: the features carry no usable signal');
      gbdtSelection = keptNames
        .map((name, j) => ({ name, gain: importance.gain[j], kept: importance.selected.includes(j) }))
        .sort((a, b) => b.gain - a.gain);
      const fit = fitLogistic(
        selected.map((j) => z[j]),
        train.y,
      );
      // Newton's method that does not settle within its iterations is walking off to infinity (separation).
      if (fit.iterations >= 100)
        throw new Error(
          `logistic regression on the ${selected.length} GBDT-selected features did not converge (the classes are separated); keep fewer with --top`,
        );
      intercept = fit.coefficients[0];
      weights = fit.coefficients.slice(1);
    } else {
      const cv = lassoCv(z, train.y, { folds: options.folds, seed: options.seed });
      lasso = { ...cv, names: keptNames };
      selected = keptNames.map((_, j) => j).filter((j) => cv.fit.weights[j] !== 0);
      if (selected.length === 0)
        throw new Error(
          'the cross-validated LASSO kept no feature (the best lambda is lambda max): the features carry no usable signal',
        );
      weights = selected.map((j) => cv.fit.weights[j]);
      intercept = cv.fit.intercept;
    }
    inputs = selected.map((j) => keptNames[j]);
    logistic = {
      mean: selected.map((j) => mu[j]),
      sd: selected.map((j) => sigma[j]),
      weights,
      intercept,
    };
    const model = logistic;
    const chosen = selected;
    const radiomicsColumns = (set: LabelledSet) => chosen.map((j) => set.features.get(keptNames[j])!);
    modelColumns = radiomicsColumns;
    radiomicsProb = (set) => predictLogistic(model, radiomicsColumns(set), set.y.length);
  } else {
    inputs = keptNames;
    const fitted = trainAlgorithm(options.algo, rowsOf(keptCols, n), train.y, keptCols.length, options.seed);
    algorithm = fitted;
    if (fitted.kind === 'gbdt') trees = fitted.ensemble;
    if (fitted.kind === 'logistic') logistic = fitted.logistic;
    const algorithmColumns = (set: LabelledSet) => keptNames.map((name) => set.features.get(name)!);
    modelColumns = algorithmColumns;
    radiomicsProb = (set) => predictProbability(fitted, rowsOf(algorithmColumns(set), set.y.length), set.y.length);
  }
  let combined: TrainedModel['combined'];
  let prob = radiomicsProb;
  if (options.clinical.length) {
    for (const c of options.clinical) {
      for (const s of [train, ...others.map((o) => o.set)])
        if (!s.clinical.has(c)) throw new Error(`clinical column '${c}' is missing`);
    }
    // Nomogram-style combined model: logistic regression of the outcome on the Rad-score (the radiomics model's
    // log-odds) and the clinical factors (seed 001, "combined models").
    const radScore = (set: LabelledSet) => Float64Array.from(radiomicsProb(set), (p) => Math.log(p / (1 - p)));
    const covariates = [radScore(train), ...options.clinical.map((c) => train.clinical.get(c)!)];
    const fit = fitLogistic(covariates, train.y).coefficients;
    const range = (c: Float64Array): [number, number] => [Math.min(...c), Math.max(...c)];
    const refit = (rows: Int32Array) => {
      const refitted = fitLogistic(
        covariates.map((c) => Float64Array.from(rows, (i) => c[i])),
        Float64Array.from(rows, (i) => train.y[i]),
      );
      // A sample whose classes separate has no maximum-likelihood fit: counted as failed, not used.
      if (refitted.iterations >= 100)
        throw new Error('the combined logistic regression did not converge (the classes are separated)');
      const beta = refitted.coefficients;
      return (i: number) => expit(beta[0] + covariates.reduce((s, c, j) => s + beta[j + 1] * c[i], 0));
    };
    combined = {
      intercept: fit[0],
      radScore: fit[1],
      clinical: Object.fromEntries(options.clinical.map((c, k) => [c, fit[k + 2]])),
      ranges: Object.fromEntries([
        ['Rad-score', range(covariates[0])],
        ...options.clinical.map((c, k) => [c, range(covariates[k + 1])]),
      ]),
      calibration: bootstrapCalibration(train.y, refit, { B: 200, seed: options.seed }),
    };
    // The combined model is linear in the raw inputs: fold the Rad-score into one standardiser + LR graph.
    const lr = logistic!;
    const clinicalCols = options.clinical.map((c) => train.clinical.get(c)!);
    const cm = clinicalCols.map(mean);
    const cs = clinicalCols.map((c) => sd(c) || 1);
    logistic = {
      mean: [...lr.mean, ...cm],
      sd: [...lr.sd, ...cs],
      weights: [...lr.weights.map((w) => w * fit[1]), ...options.clinical.map((_, k) => fit[k + 2] * cs[k])],
      intercept: fit[0] + fit[1] * lr.intercept + options.clinical.reduce((s, _, k) => s + fit[k + 2] * cm[k], 0),
    };
    const model = logistic;
    const radiomicsInputs = inputs;
    inputs = [...radiomicsInputs, ...options.clinical.map((c) => `clinical/${c}`)];
    modelColumns = (set) => [
      ...radiomicsInputs.map((name) => set.features.get(name)!),
      ...options.clinical.map((c) => set.clinical.get(c)!),
    ];
    prob = (set) => predictLogistic(model, modelColumns(set), set.y.length);
  }
  const trainP = prob(train);
  const threshold = youdenThreshold(trainP, train.y).threshold;
  const sets = [{ name: 'train' as const, set: train }, ...others];
  const evaluations = sets.map((s) =>
    evaluateSet(s.name, s.name === 'train' ? trainP : prob(s.set), s.set.y, threshold),
  );
  let radiomicsOnly: SetEvaluation[] | undefined;
  const delong: TrainedModel['delong'] = [];
  if (combined) {
    const radThreshold = youdenThreshold(radiomicsProb(train), train.y).threshold;
    radiomicsOnly = sets.map((s) => evaluateSet(s.name, radiomicsProb(s.set), s.set.y, radThreshold));
    for (const s of sets) delong.push({ set: s.name, test: delongTest(prob(s.set), radiomicsProb(s.set), s.set.y) });
  }
  const held = evaluations.find((e) => e.set === 'test') ?? evaluations.find((e) => e.set === 'external');
  const gdi = held
    ? { ...generalizationDecay(evaluations[0].auc.auc, held.auc.auc), from: 'train', to: held.set }
    : undefined;
  const trainCols = modelColumns(train);
  const random = mulberry32(options.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const background = order
    .slice(0, Math.min(options.backgroundSize ?? 50, n))
    .sort((a, b) => a - b)
    .map((r) => trainCols.map((c) => c[r]));
  return {
    algo: options.algo,
    pipeline: {
      scaling,
      univariate,
      ...(options.icc ? { icc: { source: options.icc.source, assessed: allNames.length, kept: names.length } } : {}),
      ...(selection === 'gbdt-importance' ? { selection: { method: 'gbdt-importance' as const, top } } : {}),
    },
    inputs,
    logistic,
    trees,
    ...(algorithm && algorithm.kind !== 'gbdt' ? { algorithm } : {}),
    screening: { ...screening, names },
    lasso,
    gbdtSelection,
    combined,
    threshold,
    evaluations,
    radiomicsOnly,
    delong,
    gdi,
    stats: trainCols.map(trainingStats),
    background,
  };
}

/** The trained model's probabilities for another labelled set (the cross-validation of `--algo compare`). */
export function predictTrained(model: TrainedModel, set: LabelledSet): Float64Array {
  const n = set.y.length;
  const columns = model.inputs.map((name) => {
    const col = name.startsWith('clinical/') ? set.clinical.get(name.slice(9)) : set.features.get(name);
    if (!col) throw new Error(`the set has no column '${name}'`);
    return col;
  });
  if (model.algorithm) return predictProbability(model.algorithm, rowsOf(columns, n), n);
  if (model.trees) {
    const x = rowsOf(columns, n);
    const m = columns.length;
    return Float64Array.from({ length: n }, (_, i) =>
      expit(ensembleMargin(model.trees!, x.subarray(i * m, (i + 1) * m))),
    );
  }
  return predictLogistic(model.logistic!, columns, n);
}
