// Trains and assembles a survival package: Cox (or LASSO-Cox at a stated lambda) on the standardised inputs, the
// linear predictor as an ONNX graph, Breslow's baseline survival at the stated times, and the median training risk
// score as the cut-off between low and high risk (a median split has no optimism to correct, unlike the optimal
// cut-off of `heron stats risk-groups`). Pure and deterministic: the same data give the same bytes.
import { HERON_OPSET, sha256Hex } from './model-package';
import { coxOnnx, type CoxLinearPredictor } from './onnx/cox-graph';
import type { Manifest } from './manifest';
import { QUESTION_INFO } from './questions';
import { concordance } from './survival/concordance';
import { fitCox } from './survival/cox';
import { fitLassoCox } from './survival/lasso-cox';
import { survivalData } from './survival/survival-data';
import { parseSurvivalManifest, type SurvivalManifest } from './survival-manifest';
import { breslowBaseline, riskScore } from './survival-model';
import { trainingStats } from './train/train-model';

export interface SurvivalSet {
  /** Row per case, one value per input, in `inputs` order. */
  x: number[][];
  time: number[];
  event: number[];
}

export interface SurvivalPackageInfo {
  id: string;
  name: string;
  version: string;
  created: string;
  description?: string;
  event: string;
  timeUnit: SurvivalManifest['task']['timeUnit'];
  times: number[];
  /** LASSO-Cox at this lambda (glmnet's scale) when given, otherwise the unpenalised Cox model (Efron ties). */
  lambda?: number;
  inputs: string[];
  sequences: Manifest['sequences'];
  regions: Manifest['regions'];
  intendedUse: string;
  limitations: string[];
  trainingData: { description: string; synthetic: boolean };
}

export interface SurvivalPackageFiles {
  manifest: SurvivalManifest;
  model: CoxLinearPredictor;
  onnx: Uint8Array;
  text: Record<string, string>;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function buildSurvivalPackage(
  train: SurvivalSet,
  info: SurvivalPackageInfo,
  test?: SurvivalSet,
): Promise<SurvivalPackageFiles> {
  const m = info.inputs.length;
  if (train.x.some((row) => row.length !== m)) throw new Error(`every training case must have ${m} inputs`);
  const data = survivalData(train.time, train.event, 'survival training set');
  const columns = info.inputs.map((_, j) => Float64Array.from(train.x, (row) => row[j]));
  const stats = columns.map(trainingStats);
  if (stats.some((s) => !(s.sd > 0))) throw new Error('an input is constant in the training set; drop it');
  const raw =
    info.lambda === undefined
      ? fitCox(columns, data, { ties: 'efron' }).coefficients
      : fitLassoCox(columns, data, info.lambda, { names: info.inputs }).coefficients;
  const model: CoxLinearPredictor = {
    mean: stats.map((s) => s.mean),
    sd: stats.map((s) => s.sd),
    coefficients: Array.from(raw, (b, j) => b * stats[j].sd),
  };
  const scores = train.x.map((row) => riskScore(model, row));
  const performance: { set: 'train' | 'test'; set_: SurvivalSet; scores: number[] }[] = [
    { set: 'train', set_: train, scores },
  ];
  if (test) performance.push({ set: 'test' as const, set_: test, scores: test.x.map((row) => riskScore(model, row)) });
  const onnx = coxOnnx(model, {
    'heron.model_kind': 'cox',
    'heron.output': 'risk_score (log relative hazard against the training means)',
    'heron.model_version': info.version,
    'heron.input_names': JSON.stringify(info.inputs),
  });
  const step = Math.max(1, Math.floor(train.x.length / 50));
  const manifest = parseSurvivalManifest({
    schemaVersion: 1,
    id: info.id,
    name: info.name,
    version: info.version,
    created: info.created,
    task: {
      question: 'disease-free-survival',
      description: info.description ?? QUESTION_INFO['disease-free-survival'].text,
      event: info.event,
      timeUnit: info.timeUnit,
    },
    inputs: info.inputs.map((name, j) => ({ name, training: stats[j] })),
    sequences: info.sequences,
    regions: info.regions,
    model: {
      kind: 'cox',
      fit: info.lambda === undefined ? 'cox' : 'lasso-cox',
      file: 'model.onnx',
      sha256: await sha256Hex(onnx),
      opset: { onnx: HERON_OPSET.onnx, ir: HERON_OPSET.ir },
    },
    survival: {
      times: info.times,
      baselineSurvival: breslowBaseline(data, scores, info.times),
      cutoff: { value: median(scores), rule: 'median risk score of the training set' },
      groups: ['low risk', 'high risk'],
    },
    explanation: {
      method: 'linear',
      space: 'risk-score',
      background: train.x.filter((_, i) => i % step === 0).slice(0, 50),
    },
    performance: performance.map((p) => {
      const d = survivalData(p.set_.time, p.set_.event, `survival ${p.set} set`);
      return {
        set: p.set,
        n: p.set_.x.length,
        events: d.event.reduce((s, e) => s + e, 0),
        concordance: concordance(d, p.scores).concordance,
      };
    }),
    intendedUse: info.intendedUse,
    limitations: info.limitations,
    trainingData: { ...info.trainingData, n: train.x.length },
  });
  return {
    manifest,
    model,
    onnx,
    text: { 'manifest.json': JSON.stringify(manifest, null, 2) + '\n', 'MODEL_CARD.md': survivalCard(manifest) },
  };
}

function survivalCard(m: SurvivalManifest): string {
  const unit = m.task.timeUnit;
  return [
    `# Model card: ${m.name} (${m.id} ${m.version})`,
    '',
    ...(m.trainingData.synthetic
      ? [
          '> **Trained on synthetic data. Not for clinical use.** This model was trained and evaluated on computer-generated',
          '> phantom cases only; its numbers say nothing about real patients.',
          '',
        ]
      : []),
    `**Question.** ${m.task.description} Population: ${m.task.population ?? QUESTION_INFO[m.task.question].population}. Event: ${m.task.event}.`,
    '',
    `**Output.** A risk score (the ${m.model.fit === 'cox' ? 'Cox' : 'LASSO-Cox'} linear predictor, the log relative hazard against a case at the training means); the risk group (high risk when the score is at least ${m.survival.cutoff.value.toFixed(4)}, the ${m.survival.cutoff.rule}); and the disease-free survival probability at ${m.survival.times.map((t) => `${t} ${unit}`).join(', ')}: S(t) = S0(t)^exp(score).`,
    '',
    `**Intended use.** ${m.intendedUse}`,
    '',
    `**Training data.** ${m.trainingData.description} (${m.trainingData.n} training cases).`,
    '',
    `**Inputs.** ${m.inputs.map((i) => i.name).join(', ')}. ONNX opset ${m.model.opset.onnx}, IR ${m.model.opset.ir}; sha256 \`${m.model.sha256}\`. Explanations: closed-form SHAP of the risk score against ${m.explanation.background.length} background cases.`,
    '',
    '| time | baseline survival S0(t) |',
    '|---|---|',
    ...m.survival.times.map((t, k) => `| ${t} ${unit} | ${m.survival.baselineSurvival[k].toFixed(4)} |`),
    '',
    '| set | n | events | Harrell C |',
    '|---|---|---|---|',
    ...m.performance.map((p) => `| ${p.set} | ${p.n} | ${p.events} | ${p.concordance.toFixed(3)} |`),
    '',
    '**Limitations.**',
    '',
    ...m.limitations.map((l) => `- ${l}`),
    '',
  ].join('\n');
}
