// `heron train`: trains a model package from a features CSV and labels, following the seed studies' methods, and
// writes model.onnx, manifest.json, MODEL_CARD.md and the evaluation report.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  ALGORITHM_NAMES,
  buildComparisonReport,
  buildPackage,
  compareAlgorithms,
  type ExtractionSettings,
  labelsById,
  labelsFor,
  type LabelledSet,
  parseExtractionSettings,
  parseIccVerdicts,
  parseTable,
  trainModel,
  type Table,
  type TrainedModel,
  type PackageInfo,
} from '@heron/models';
import { writeModelPackage } from '@heron/models/node';
import { type ClassificationQuestion, QUESTION_INFO, QUESTIONS } from '@heron/models';
import { type Command, parseOptions, UsageError } from './command';

const ALGOS = ['lasso-lr', ...ALGORITHM_NAMES, 'compare'] as const;
type Algo = (typeof ALGOS)[number];
const isAlgo = (v: string): v is Algo => (ALGOS as readonly string[]).includes(v);

function parse(argv: string[]) {
  return parseOptions(argv, {
    features: { type: 'string' },
    labels: { type: 'string' },
    out: { type: 'string' },
    algo: { type: 'string', default: 'lasso-lr' },
    scaling: { type: 'string', default: 'z-score' },
    univariate: { type: 'string', default: 'mann-whitney' },
    icc: { type: 'string' },
    selection: { type: 'string', default: 'lasso' },
    top: { type: 'string' },
    folds: { type: 'string', default: '10' },
    test: { type: 'string' },
    external: { type: 'string' },
    clinical: { type: 'string' },
    settings: { type: 'string' },
    seed: { type: 'string', default: '1' },
    name: { type: 'string' },
    created: { type: 'string' },
    synthetic: { type: 'boolean', default: false },
    question: { type: 'string', default: 'her2-positive-vs-negative' },
  });
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the ${what} ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function toSet(table: Table, labels: Map<string, number> | undefined, clinical: string[], what: string): LabelledSet {
  const y = labelsFor(table, labels, what);
  const features = new Map<string, Float64Array>();
  const clinicalCols = new Map<string, Float64Array>();
  table.columns.forEach((c, k) => {
    if (c === 'label') return;
    if (clinical.includes(c)) clinicalCols.set(c, table.values[k]);
    else if (/^[^/]+\/[^/]+\/[^/]+$/.test(c)) features.set(c, table.values[k]);
    else throw new Error(`${what}: column '${c}' is neither <sequence>/<region>/<feature> nor a --clinical column`);
  });
  return { ids: table.ids, features, clinical: clinicalCols, y };
}

function report(model: TrainedModel, algo: string): void {
  for (const e of model.evaluations)
    console.log(
      `  ${algo} ${e.set.padEnd(8)} n=${e.n} AUC ${e.auc.auc.toFixed(3)} (95 % CI ${e.auc.ci[0].toFixed(3)}-${e.auc.ci[1].toFixed(3)})`,
    );
  if (model.gdi) console.log(`  generalization decay index ${(100 * model.gdi.gdi).toFixed(1)} % (${model.gdi.zone})`);
}

export const trainCommand: Command = {
  name: 'train',
  summary:
    'train a model package (LASSO-LR, LR, SVM, random forest, boosted trees, kNN, naive Bayes, MLP) with its evaluation report, or compare them all',
  usage:
    `heron train --features F.csv --labels F.csv --out models/<id> [--algo ${ALGOS.join('|')}] [--folds K] [--test F.csv] ` +
    '[--scaling z-score|min-max] [--univariate mann-whitney|f-classif] [--icc F.icc.csv] [--selection lasso|gbdt-importance] [--top K] ' +
    '[--external F.csv] [--clinical col,col] [--settings F.settings.json] [--seed N] [--name TEXT] [--created YYYY-MM-DD] [--synthetic] ' +
    `[--question ${QUESTIONS.join('|')}]`,
  async run(argv) {
    const v = parse(argv);
    if (!v.features) throw new UsageError('--features F.csv is required');
    if (!v.out) throw new UsageError('--out DIR is required');
    const algo = v.algo;
    if (!isAlgo(algo)) throw new UsageError(`--algo must be one of ${ALGOS.join(', ')}; got '${algo}'`);
    const question = v.question as ClassificationQuestion;
    if (!(QUESTIONS as readonly string[]).includes(question))
      throw new UsageError(
        `--question must be one of ${QUESTIONS.join(', ')} (disease-free survival is trained with heron train-survival); got '${v.question}'`,
      );
    if (v.scaling !== 'z-score' && v.scaling !== 'min-max')
      throw new UsageError(`--scaling must be z-score or min-max, got '${v.scaling}'`);
    // --scaling is the LASSO's standardiser; the other classifiers standardise (or not, for trees) on their own.
    if (algo !== 'lasso-lr' && v.scaling !== 'z-score')
      throw new UsageError(
        `--scaling does not apply to --algo ${algo} (only the LASSO's inputs are scaled by it; trees do not depend on the scale of their inputs)`,
      );
    if (v.univariate !== 'mann-whitney' && v.univariate !== 'f-classif')
      throw new UsageError(`--univariate must be mann-whitney or f-classif, got '${v.univariate}'`);
    if (v.selection !== 'lasso' && v.selection !== 'gbdt-importance')
      throw new UsageError(`--selection must be lasso or gbdt-importance, got '${v.selection}'`);
    // GBDT-importance selection takes the place of the LASSO, so it exists only where the LASSO would be used.
    if (v.selection === 'gbdt-importance' && algo !== 'lasso-lr')
      throw new UsageError(
        `--selection gbdt-importance replaces the LASSO of --algo lasso-lr (then an unpenalised logistic regression); it does not apply to --algo ${algo}`,
      );
    if (v.top !== undefined && v.selection !== 'gbdt-importance')
      throw new UsageError('--top applies only to --selection gbdt-importance');
    const top = v.top === undefined ? 10 : Number(v.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be an integer >= 1, got '${v.top}'`);
    const folds = Number(v.folds);
    if (!Number.isInteger(folds) || folds < 2)
      throw new UsageError(`--folds must be an integer >= 2, got '${v.folds}'`);
    const seed = Number(v.seed);
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new UsageError(`--seed must be a non-negative integer, got '${v.seed}'`);
    const clinical = v.clinical
      ? v.clinical
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    const id = basename(v.out);
    const labels = v.labels
      ? labelsById(parseTable(await readText(v.labels, 'labels file'), v.labels), v.labels)
      : undefined;
    const train = toSet(
      parseTable(await readText(v.features, 'features file'), v.features),
      labels,
      clinical,
      'training set',
    );
    const others: { name: 'test' | 'external'; set: LabelledSet }[] = [];
    if (v.test)
      others.push({
        name: 'test',
        set: toSet(parseTable(await readText(v.test, 'test file'), v.test), labels, clinical, 'test set'),
      });
    if (v.external)
      others.push({
        name: 'external',
        set: toSet(
          parseTable(await readText(v.external, 'external file'), v.external),
          labels,
          clinical,
          'external set',
        ),
      });
    const settingsPath = v.settings ?? v.features.replace(/\.csv$/, '') + '.settings.json';
    let settings: ExtractionSettings;
    try {
      settings = parseExtractionSettings(JSON.parse(await readText(settingsPath, 'extraction settings')), settingsPath);
    } catch (err) {
      throw new Error(
        `${err instanceof Error ? err.message : String(err)} (heron features writes it next to the features CSV; or pass --settings)`,
      );
    }
    const icc = v.icc ? parseIccVerdicts(await readText(v.icc, 'ICC table'), basename(v.icc)) : undefined;
    const started = performance.now();
    const info = (packageId: string, name: string): PackageInfo => ({
      id: packageId,
      name,
      version: '1.0.0',
      created: v.created ?? new Date().toISOString().slice(0, 10),
      question,
      description: QUESTION_INFO[question].text,
      classes: QUESTION_INFO[question].classes!,
      sequences: settings.sequences,
      regions: settings.regions,
      intendedUse:
        'Research decision support next to a radiologist reading breast MRI; never a substitute for pathology (IHC/FISH).',
      limitations: [
        'Trained on a single cohort; performance elsewhere is unknown until validated on an external set.',
        'Features depend on the segmentation and on the extraction settings in this manifest; other settings give other values.',
        ...(v.synthetic ? ['Trained and evaluated on synthetic phantom data only: not for clinical use.'] : []),
      ],
      trainingData: {
        description: v.synthetic
          ? 'Synthetic breast-MRI phantom cohort (@heron/phantom)'
          : `Cases of ${basename(v.features!)}`,
        synthetic: v.synthetic,
      },
    });
    // --icc filters the candidate features of every algorithm (and of every fold of --algo compare).
    const common = {
      folds,
      seed,
      clinical,
      scaling: v.scaling,
      univariate: v.univariate,
      icc,
      selection: v.selection,
      top,
    } as const;
    if (algo === 'compare') {
      const comparison = compareAlgorithms(train, others, common);
      let count = 0;
      for (const { algo: a, model } of comparison.models) {
        const files = await buildPackage(model, info(`${id}-${a}`, `${v.name ?? id} (${a})`));
        count += (await writeModelPackage(join(v.out, a), files)).length;
        report(model, a);
      }
      await mkdir(v.out, { recursive: true });
      for (const [name, text] of Object.entries(buildComparisonReport(comparison, v.name ?? id, v.synthetic))) {
        await writeFile(join(v.out, name), text);
        count++;
      }
      const cv = comparison.sets[0];
      for (const a of comparison.algorithms)
        console.log(
          `  ${a.padEnd(14)} cross-validated AUC ${cv.auc[a].auc.toFixed(3)} (95 % CI ${cv.auc[a].ci[0].toFixed(3)}-${cv.auc[a].ci[1].toFixed(3)})`,
        );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Compared ${comparison.algorithms.length} algorithms on ${folds} folds in ${seconds} s; wrote ${count} files to ${v.out} (COMPARISON.md)`,
      );
      return 0;
    }
    const model = trainModel(train, others, { ...common, algo });
    const files = await buildPackage(model, info(id, v.name ?? id));
    const written = await writeModelPackage(v.out, files);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    report(model, algo);
    console.log(
      `Model ${id}: ${model.inputs.length} inputs, trained in ${seconds} s; wrote ${written.length} files to ${v.out}`,
    );
    return 0;
  },
};
