// The manifest of a survival package (models/<id>/manifest.json with task.question 'disease-free-survival'): a Cox
// or LASSO-Cox linear predictor as an ONNX graph, the baseline survival at stated times, and the cut-off that splits
// low from high risk. A separate schema from the classifiers' (manifest.ts) because nothing of a classifier's
// threshold, calibration or AUC table applies; the shared parts (inputs, sequences, regions) use the same schemas.
import { z } from 'zod';
import { finite, inputsSchema, manifestSchema, regionSchema, sequencesSchema } from './manifest';
import { SURVIVAL_QUESTIONS } from './questions';

const probability = finite.refine((p) => p >= 0 && p <= 1, 'must lie in [0, 1]');

export const survivalManifestSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  name: z.string().min(1),
  version: z.string().min(1),
  created: z.string(),
  task: z.object({
    question: z.enum(SURVIVAL_QUESTIONS),
    description: z.string().min(1),
    population: z.string().min(1).optional(),
    /** What counts as an event, e.g. "recurrence, metastasis or death". */
    event: z.string().min(1),
    timeUnit: z.enum(['months', 'years', 'days']),
  }),
  inputs: inputsSchema,
  sequences: sequencesSchema,
  regions: z.array(regionSchema).min(1),
  model: z.object({
    /** Standardiser + linear predictor (onnx/cox-graph.ts); output `risk_score` [N, 1]. */
    kind: z.literal('cox'),
    fit: z.enum(['cox', 'lasso-cox']),
    file: z.literal('model.onnx'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    opset: z.object({ onnx: z.number().int(), ir: z.number().int() }),
  }),
  survival: z.object({
    /** Times at which the package states survival probabilities, increasing, in task.timeUnit. */
    times: z.array(finite.refine((t) => t > 0, 'must be positive')).min(1),
    /** Baseline survival S0(t) at each time (Breslow estimator at risk score 0); S(t | x) = S0(t)^exp(score). */
    baselineSurvival: z.array(probability).min(1),
    /** Risk score at or above which a case is in the high-risk group, and how the cut-off was chosen. */
    cutoff: z.object({ value: finite, rule: z.string().min(1) }),
    groups: z.tuple([z.string().min(1), z.string().min(1)]),
  }),
  explanation: z.object({
    method: z.literal('linear'),
    /** Shapley values of the risk score (the log relative hazard), not of a probability. */
    space: z.literal('risk-score'),
    background: z.array(z.array(finite)).min(1),
  }),
  performance: z
    .array(
      z.object({
        set: z.enum(['train', 'test', 'external']),
        n: z.number().int().positive(),
        events: z.number().int().nonnegative(),
        concordance: finite,
        /** Time-dependent AUC at each stated time (null where it cannot be estimated). */
        timeAuc: z.array(finite.nullable()).optional(),
      }),
    )
    .min(1),
  intendedUse: z.string().min(1),
  limitations: z.array(z.string()),
  trainingData: z.object({ description: z.string(), synthetic: z.boolean(), n: z.number().int().positive() }),
});

export type SurvivalManifest = z.infer<typeof survivalManifestSchema>;

/** Parses a survival manifest, or throws one message listing every problem with its JSON path. */
export function parseSurvivalManifest(raw: unknown): SurvivalManifest {
  const result = survivalManifestSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid survival model manifest:\n  ${problems.join('\n  ')}`);
  }
  const m = result.data;
  const { times, baselineSurvival } = m.survival;
  if (baselineSurvival.length !== times.length)
    throw new Error(
      `invalid survival model manifest: ${times.length} times but ${baselineSurvival.length} baseline survival values`,
    );
  for (let k = 1; k < times.length; k++) {
    if (!(times[k] > times[k - 1])) throw new Error('invalid survival model manifest: survival.times must increase');
    if (baselineSurvival[k] > baselineSurvival[k - 1])
      throw new Error('invalid survival model manifest: baseline survival cannot rise with time');
  }
  // The extraction settings follow the classifier's rules (every input's sequence and region defined).
  manifestSchema.shape.sequences.parse(m.sequences);
  const names = new Set<string>();
  for (const { name } of m.inputs) {
    if (names.has(name)) throw new Error(`invalid survival model manifest: input '${name}' is listed twice`);
    names.add(name);
    if (name.startsWith('clinical/') || name.startsWith('DCE/kinetics/')) continue;
    const [sequence, region] = name.split('/');
    if (!m.sequences[sequence]?.regions.includes(region))
      throw new Error(`invalid survival model manifest: input '${name}' names a sequence or region with no settings`);
  }
  if (m.explanation.background.some((row) => row.length !== m.inputs.length))
    throw new Error(`invalid survival model manifest: every background case must have ${m.inputs.length} values`);
  return m;
}
