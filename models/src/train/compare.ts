// `heron train --algo compare` (seed 000: several machine-learning algorithms compared on one cohort): every
// algorithm is trained on the whole training set (its package), and cross-validated on the SAME stratified folds
// of the training set, the whole pipeline (screening, scaling, fitting) re-run inside each fold so no held-out case
// informs its own prediction. AUCs carry DeLong 95 % CIs and every pair of algorithms is compared by DeLong's
// paired test on the same cases: out-of-fold predictions, then each held-out set.
import { ALGORITHM_NAMES, type AlgorithmName } from '../algorithms/algorithm';
import { aucWithCi, delongTest, type AucEstimate, type DelongTest } from '../stats/delong';
import { rocPoints } from './evaluate';
import { stratifiedFolds } from './folds';
import { predictTrained, trainModel, type LabelledSet, type TrainedModel, type TrainOptions } from './train-model';

export const COMPARED_ALGORITHMS: ('lasso-lr' | AlgorithmName)[] = ['lasso-lr', ...ALGORITHM_NAMES];

export interface ComparedSet {
  /** 'cross-validation' is the out-of-fold prediction of every training case. */
  set: 'cross-validation' | 'test' | 'external';
  n: number;
  positives: number;
  auc: Record<string, AucEstimate>;
  /** ROC points of each algorithm's predictions on this set (evaluate.ts `rocPoints`). */
  roc: Record<string, [number, number][]>;
  /** One entry per unordered pair, in the order of `algorithms`. */
  pairs: { a: string; b: string; test: DelongTest }[];
}

export interface Comparison {
  algorithms: string[];
  folds: number;
  seed: number;
  models: { algo: string; model: TrainedModel }[];
  sets: ComparedSet[];
}

function subset(set: LabelledSet, rows: number[]): LabelledSet {
  const pick = (col: Float64Array) => Float64Array.from(rows, (r) => col[r]);
  return {
    ids: rows.map((r) => set.ids[r]),
    features: new Map([...set.features].map(([k, v]) => [k, pick(v)])),
    clinical: new Map([...set.clinical].map(([k, v]) => [k, pick(v)])),
    y: rows.map((r) => set.y[r]),
  };
}

function compareSet(
  name: ComparedSet['set'],
  y: number[],
  scores: Map<string, Float64Array>,
  algorithms: string[],
): ComparedSet {
  const pairs: ComparedSet['pairs'] = [];
  for (let i = 0; i < algorithms.length; i++)
    for (let j = i + 1; j < algorithms.length; j++)
      pairs.push({
        a: algorithms[i],
        b: algorithms[j],
        test: delongTest(scores.get(algorithms[i])!, scores.get(algorithms[j])!, y),
      });
  return {
    set: name,
    n: y.length,
    positives: y.reduce((s, v) => s + v, 0),
    auc: Object.fromEntries(algorithms.map((a) => [a, aucWithCi(scores.get(a)!, y)])),
    roc: Object.fromEntries(algorithms.map((a) => [a, rocPoints(scores.get(a)!, y)])),
    pairs,
  };
}

export function compareAlgorithms(
  train: LabelledSet,
  others: { name: 'test' | 'external'; set: LabelledSet }[],
  options: Omit<TrainOptions, 'algo'>,
  algorithms = COMPARED_ALGORITHMS,
): Comparison {
  if (options.clinical.length)
    throw new Error('--algo compare compares radiomics models; combine clinical factors with --algo lasso-lr');
  const models = algorithms.map((algo) => ({ algo, model: trainModel(train, others, { ...options, algo }) }));
  const folds = stratifiedFolds(train.y, options.folds, options.seed);
  const n = train.y.length;
  const oof = new Map(algorithms.map((a) => [a, new Float64Array(n)]));
  folds.forEach((fold, k) => {
    const held = new Set(fold);
    const inner = subset(
      train,
      Array.from({ length: n }, (_, i) => i).filter((i) => !held.has(i)),
    );
    const out = subset(train, fold);
    for (const algo of algorithms) {
      let model: TrainedModel;
      try {
        model = trainModel(inner, [], { ...options, algo });
      } catch (err) {
        throw new Error(
          `cross-validation fold ${k + 1} of ${folds.length}, ${algo}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const p = predictTrained(model, out);
      fold.forEach((r, q) => (oof.get(algo)![r] = p[q]));
    }
  });
  const sets = [compareSet('cross-validation', train.y, oof, algorithms)];
  for (const o of others) {
    const scores = new Map(models.map((m) => [m.algo, predictTrained(m.model, o.set)]));
    sets.push(compareSet(o.name, o.set.y, scores, algorithms));
  }
  return { algorithms, folds: options.folds, seed: options.seed, models, sets };
}
