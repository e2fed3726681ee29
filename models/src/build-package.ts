// Assembles a model package (ONNX, manifest, model card, report) from a trained model. Pure and deterministic:
// the same inputs give the same bytes, so a package is reproducible for a fixed seed.
import { type Manifest, parseManifest, type QUESTIONS, type TaskCoding } from './manifest';
import { QUESTION_CODING } from './question-coding';
import { FEATURE_NAMES_KEY, HERON_OPSET, sha256Hex } from './model-package';
import { logisticOnnx } from './onnx/logistic-graph';
import { treeEnsembleOnnx } from './onnx/tree-graph';
import { buildReport } from './report/report';
import type { TrainedModel } from './train/train-model';
import { ALGORITHM_LABELS, algorithmOnnx, explanationFor, type AlgorithmModel } from './algorithms/algorithm';

/** The manifest's model kind: what the graph is, as far as Heron reads it back (linear and tree graphs are read for
 *  closed-form SHAP and TreeSHAP). */
function kindOf(a: AlgorithmModel): Manifest['model']['kind'] {
  if (a.kind === 'logistic' || (a.kind === 'svm' && a.kernel.type === 'linear')) return 'logistic';
  if (a.kind === 'random-forest' || a.kind === 'gbdt') return 'tree-ensemble';
  return a.kind === 'svm' ? 'svm-rbf' : a.kind === 'gaussian-nb' ? 'naive-bayes' : a.kind;
}

export interface PackageInfo {
  id: string;
  name: string;
  version: string;
  /** ISO date; passed in so the package stays reproducible. */
  created: string;
  question: (typeof QUESTIONS)[number];
  description: string;
  classes: [string, string];
  /** How reports code the answer; the question's usual coding (question-coding.ts) when not given. */
  coding?: TaskCoding;
  sequences: Manifest['sequences'];
  regions: Manifest['regions'];
  intendedUse: string;
  limitations: string[];
  trainingData: { description: string; synthetic: boolean };
}

export interface PackageFiles {
  manifest: Manifest;
  onnx: Uint8Array;
  /** Text files: manifest.json, MODEL_CARD.md, REPORT.md and the SVG plots. */
  text: Record<string, string>;
}

export async function buildPackage(model: TrainedModel, info: PackageInfo): Promise<PackageFiles> {
  const algorithm = model.algorithm;
  const kind = algorithm ? kindOf(algorithm) : model.trees ? 'tree-ensemble' : 'logistic';
  const metadata = {
    [FEATURE_NAMES_KEY]: JSON.stringify(model.inputs),
    'heron.model_kind': kind,
    'heron.output': `P(${info.classes[1]})`,
    'heron.model_version': info.version,
    // Only for the classifiers of algorithms/, so that LASSO-LR and GBDT packages keep their bytes.
    ...(algorithm ? { 'heron.algorithm': model.algo } : {}),
  };
  const onnx = algorithm
    ? algorithmOnnx(algorithm, metadata)
    : model.trees
      ? treeEnsembleOnnx(model.trees, metadata)
      : logisticOnnx(model.logistic!, metadata);
  const usesMl = kind === 'tree-ensemble';
  const train = model.evaluations[0];
  const test = model.evaluations.find((e) => e.set === 'test') ?? train;
  const manifest = parseManifest({
    schemaVersion: 1,
    id: info.id,
    name: info.name,
    version: info.version,
    created: info.created,
    task: {
      question: info.question,
      description: info.description,
      classes: info.classes,
      coding: info.coding ?? QUESTION_CODING[info.question],
    },
    inputs: model.inputs.map((name, j) => ({ name, training: model.stats[j] })),
    sequences: info.sequences,
    regions: info.regions,
    model: {
      kind,
      file: 'model.onnx',
      sha256: await sha256Hex(onnx),
      opset: usesMl ? HERON_OPSET : { onnx: HERON_OPSET.onnx, ir: HERON_OPSET.ir },
    },
    explanation: algorithm
      ? { ...explanationFor(algorithm), background: model.background }
      : { method: model.trees ? 'tree' : 'linear', space: 'logodds', background: model.background },
    threshold: { probability: model.threshold, rule: 'Youden J on the training set' },
    calibration: {
      set: test.set,
      intercept: test.calibration.intercept,
      slope: test.calibration.slope,
      brier: test.calibration.brier,
    },
    performance: model.evaluations.map((e) => ({
      set: e.set,
      n: e.n,
      positives: e.positives,
      auc: e.auc.auc,
      aucCi95: e.auc.ci,
      sensitivity: e.atThreshold.sensitivity,
      specificity: e.atThreshold.specificity,
      accuracy: e.atThreshold.accuracy,
      f1: e.atThreshold.f1,
    })),
    generalization: model.gdi ? { gdi: model.gdi.gdi, zone: model.gdi.zone } : undefined,
    intendedUse: info.intendedUse,
    limitations: info.limitations,
    trainingData: { ...info.trainingData, n: train.n },
    // Recorded when not the defaults, so packages trained with the defaults stay byte for byte as before.
    ...(model.pipeline.scaling !== 'z-score' ||
    model.pipeline.univariate !== 'mann-whitney' ||
    model.pipeline.icc ||
    model.pipeline.selection
      ? { pipeline: model.pipeline }
      : {}),
  });
  const report = buildReport(model, info.name);
  const card = modelCard(manifest, model);
  return {
    manifest,
    onnx,
    text: { 'manifest.json': JSON.stringify(manifest, null, 2) + '\n', 'MODEL_CARD.md': card, ...report },
  };
}

function modelCard(m: Manifest, model: TrainedModel): string {
  const perf = m.performance.map(
    (p) =>
      `| ${p.set} | ${p.n} (${p.positives}) | ${p.auc.toFixed(3)} (${p.aucCi95[0].toFixed(3)}–${p.aucCi95[1].toFixed(3)}) | ${(100 * p.sensitivity).toFixed(1)} % | ${(100 * p.specificity).toFixed(1)} % |`,
  );
  return [
    `# Model card: ${m.name} (${m.id} ${m.version})`,
    '',
    ...(m.trainingData.synthetic
      ? [
          '> **Trained on synthetic data. Not for clinical use.** This model was trained and evaluated on computer-generated',
          '> phantom images only; its numbers say nothing about real patients.',
          '',
        ]
      : []),
    `**Question.** ${m.task.description} Output: the probability of "${m.task.classes[1]}" (vs "${m.task.classes[0]}").`,
    '',
    `**Intended use.** ${m.intendedUse}`,
    '',
    `**Training data.** ${m.trainingData.description} (${m.trainingData.n} training cases).`,
    '',
    `**Model.** ${model.algo === 'lasso-lr' ? (model.gbdtSelection ? 'logistic regression on GBDT-selected features' : 'LASSO logistic regression') : model.algorithm ? ALGORITHM_LABELS[model.algo] : 'gradient-boosted trees'} on ${m.inputs.length} inputs; ONNX opset ${m.model.opset.onnx}${m.model.opset.onnxMl ? ` + ai.onnx.ml ${m.model.opset.onnxMl}` : ''}, IR ${m.model.opset.ir}; sha256 \`${m.model.sha256}\`.`,
    ...(m.pipeline
      ? [
          `Preprocessing: ${m.pipeline.icc ? `inter-reader ICC(2,1) filter (${m.pipeline.icc.source}: ${m.pipeline.icc.kept} of ${m.pipeline.icc.assessed} features kept); ` : ''}${m.pipeline.scaling === 'min-max' ? 'min-max scaling to [0, 1] on the training set' : 'z-scores on the training set'}; univariate filter ${m.pipeline.univariate === 'f-classif' ? 'ANOVA F (f_classif)' : 'Mann-Whitney'} p < 0.05${m.pipeline.selection ? `; at most ${m.pipeline.selection.top} features by gradient-boosting gain, then unpenalised logistic regression` : ''}.`,
        ]
      : []),
    ...(model.combined
      ? [
          `Combined model of the Rad-score and ${Object.keys(model.combined.clinical).join(', ')}: nomogram below; bootstrap bias-corrected calibration slope ${model.combined.calibration.correctedSlope.toFixed(3)} (apparent ${model.combined.calibration.apparentSlope.toFixed(3)}, B = ${model.combined.calibration.B}; see REPORT.md).`,
          '',
          '![Nomogram](nomogram.svg)',
          '',
        ]
      : []),
    `Explanations: ${m.explanation.method === 'linear' ? 'closed-form' : m.explanation.method === 'tree' ? 'interventional TreeSHAP' : m.explanation.method === 'sampling' ? `permutation-sampled (${m.explanation.permutations} orders, each value with its standard error)` : 'exact'} SHAP in ${m.explanation.space === 'logodds' ? 'log-odds' : 'probability'} against ${m.explanation.background.length} background cases.`,
    '',
    `**Sequences and regions.** ${Object.entries(m.sequences)
      .map(([k, v]) => `${k} (${v.description})`)
      .join(
        '; ',
      )}. Regions: ${m.regions.map((r) => (r.kind === 'shell' ? `${r.name} (${r.mm} mm shell)` : `${r.name} (tumour)`)).join(', ')}.`,
    '',
    `**Decision threshold.** P >= ${m.threshold.probability.toFixed(4)} (${m.threshold.rule}).`,
    '',
    '| set | n (positive) | AUC (95 % CI) | sensitivity | specificity |',
    '|---|---|---|---|---|',
    ...perf,
    '',
    `Calibration (${m.calibration.set}): intercept ${m.calibration.intercept.toFixed(3)}, slope ${m.calibration.slope.toFixed(3)}, Brier ${m.calibration.brier.toFixed(3)}.`,
    ...(m.generalization
      ? [`Generalization decay index: ${(100 * m.generalization.gdi).toFixed(1)} % (${m.generalization.zone} zone).`]
      : []),
    '',
    '**Limitations.**',
    '',
    ...m.limitations.map((l) => `- ${l}`),
    '',
    'See REPORT.md for the full evaluation.',
    '',
  ].join('\n');
}
