// The model package manifest (models/<id>/manifest.json): the authoritative description of a model — the question
// it answers, its inputs in order, how to compute them, what it was trained on, how it performed, and the sha256 of
// its ONNX file. Validated with zod at every load.
import { z } from 'zod';
import { KINETIC_INPUT_PREFIX, KINETIC_INPUTS } from './kinetic-inputs';

export const QUESTIONS = [
  'her2-positive-vs-negative',
  'her2-low-vs-zero',
  'fish-status-ihc2plus',
  'pcr-after-neoadjuvant',
] as const;

/**
 * `<sequence>/<region>/<feature>` (e.g. `DCE2/intra/original_shape_Sphericity`), `clinical/<name>`, or a kinetic
 * measure of the outline over the whole DCE, `DCE/kinetics/<name>` (kinetic-inputs.ts lists the names).
 */
export const INPUT_NAME = new RegExp(
  `^(?:[A-Za-z0-9]+\\/(?:intra|peri\\d+(?:\\.\\d+)?mm)\\/[A-Za-z0-9.-]+_[A-Za-z0-9]+_[A-Za-z0-9]+|clinical\\/[a-z0-9_]+|DCE\\/kinetics\\/(?:${KINETIC_INPUTS.join('|')}))$`,
);

export const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** A coded concept as DICOM writes it (PS3.3 Table 8.8-1); CodeValue is SH, at most 16 characters. */
export const codeSchema = z.object({
  CodeValue: z.string().min(1).max(16),
  CodingSchemeDesignator: z.string().min(1),
  CodeMeaning: z.string().min(1),
});

/**
 * How the report codes a model's answer: what it is about in a word (`subject`, e.g. 'HER2', in the report's
 * titles), the concept of the probability, the concept of the predicted class, and the two classes as codes
 * (negative first, as `classes`).
 */
export const taskCodingSchema = z.object({
  subject: z.string().min(1).max(16),
  probability: codeSchema,
  prediction: codeSchema,
  classes: z.tuple([codeSchema, codeSchema]),
});
export type TaskCoding = z.infer<typeof taskCodingSchema>;

export const trainingStatsSchema = z.object({
  mean: finite,
  sd: finite,
  min: finite,
  max: finite,
  quantiles: z.object({ p01: finite, p05: finite, p25: finite, p50: finite, p75: finite, p95: finite, p99: finite }),
});

const setPerformanceSchema = z.object({
  set: z.enum(['train', 'cross-validation', 'test', 'external']),
  n: z.number().int().positive(),
  positives: z.number().int().nonnegative(),
  auc: finite,
  aucCi95: z.tuple([finite, finite]),
  sensitivity: finite,
  specificity: finite,
  accuracy: finite,
  f1: finite,
});

/** The series a sequence is read from: a DCE phase (0 = pre-contrast, n = n-th post-contrast), T2, DWI at a b-value, ADC. */
export const sequenceSourceSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('dce'), phase: z.number().int().min(0) }),
  z.object({ role: z.literal('t2') }),
  z.object({ role: z.literal('dwi'), bValue: z.number().min(0) }),
  z.object({ role: z.literal('adc') }),
]);
export type SequenceSource = z.infer<typeof sequenceSourceSchema>;

/**
 * A region features are measured on: the tumour, or a shell of `mm` around it. A shell is derived on the sequence's
 * own grid (`grid: 'original'`, the default) or, for a sequence whose parameters resample, on the resampled grid
 * (`'resampled'`: image and tumour resampled as the extraction resamples them, the shell derived there).
 */
export const regionSchema = z.object({
  name: z.string(),
  kind: z.enum(['tumour', 'shell']),
  mm: z.number().positive().optional(),
  grid: z.enum(['original', 'resampled']).optional(),
});

/** A model's inputs, each with its training statistics (both package kinds). */
export const inputsSchema = z
  .array(
    z.object({
      name: z
        .string()
        .regex(INPUT_NAME, 'must be <sequence>/<region>/<feature>, clinical/<name> or DCE/kinetics/<name>'),
      training: trainingStatsSchema,
    }),
  )
  .min(1);

/** Per sequence: its series (`source`), its regions and its PyRadiomics parameter file (both package kinds). */
export const sequencesSchema = z.record(
  z.string(),
  z.object({
    description: z.string(),
    source: sequenceSourceSchema,
    regions: z.array(z.string().min(1)).min(1),
    params: z.record(z.string(), z.unknown()),
  }),
);

export const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  name: z.string().min(1),
  version: z.string().min(1),
  created: z.string(),
  task: z.object({
    question: z.enum(QUESTIONS),
    description: z.string().min(1),
    /** classes[0] is the negative class (label 0), classes[1] the positive class whose probability the model gives. */
    classes: z.tuple([z.string().min(1), z.string().min(1)]),
    coding: taskCodingSchema,
    /** Who the model applies to, when it differs from the question's usual population (questions.ts). */
    population: z.string().min(1).optional(),
  }),
  inputs: inputsSchema,
  /**
   * Per sequence: which series of a study supplies it (`source`, matched against the series roles), which regions
   * are measured on it, and its PyRadiomics parameter file (as an object).
   */
  sequences: sequencesSchema,
  regions: z.array(regionSchema).min(1),
  model: z.object({
    /** svm-rbf, knn, naive-bayes and mlp are the standard-op graphs of models/src/onnx written by `heron train`. */
    kind: z.enum(['logistic', 'tree-ensemble', 'imported', 'svm-rbf', 'knn', 'naive-bayes', 'mlp']),
    file: z.literal('model.onnx'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    opset: z.object({ onnx: z.number().int(), onnxMl: z.number().int().optional(), ir: z.number().int() }),
  }),
  explanation: z.object({
    method: z.enum(['linear', 'tree', 'exact', 'sampling']),
    space: z.enum(['logodds', 'probability']),
    /** Permutation sampling (method 'sampling', models with more than 16 inputs that are neither linear nor trees):
     *  how many random orders are drawn; each value comes with its standard error. */
    permutations: z.number().int().min(2).optional(),
    /** Background cases for interventional SHAP, one array of inputs per case. */
    background: z.array(z.array(finite)).min(1),
  }),
  threshold: z.object({ probability: finite.refine((p) => p > 0 && p < 1, 'must lie in (0, 1)'), rule: z.string() }),
  calibration: z.object({ set: z.string(), intercept: finite, slope: finite, brier: finite }),
  performance: z.array(setPerformanceSchema).min(1),
  generalization: z.object({ gdi: finite, zone: z.enum(['safe', 'warning', 'high-risk']) }).optional(),
  intendedUse: z.string().min(1),
  limitations: z.array(z.string()),
  trainingData: z.object({ description: z.string(), synthetic: z.boolean(), n: z.number().int().positive() }),
  /**
   * Preprocessing and selection choices of `heron train` (`--scaling`, `--univariate`, `--icc`, `--selection`).
   * Written when any differs from the defaults; absent means z-score scaling, the Mann-Whitney filter, no ICC
   * filter and LASSO selection (packages written before the options existed).
   */
  pipeline: z
    .object({
      scaling: z.enum(['z-score', 'min-max']),
      univariate: z.enum(['mann-whitney', 'f-classif']),
      /** Inter-reader ICC filter: the verdicts file, how many candidates it assessed and how many it kept. */
      icc: z
        .object({ source: z.string().min(1), assessed: z.number().int().positive(), kept: z.number().int().positive() })
        .optional(),
      /** Features chosen by gradient-boosting gain (at most `top`) for an unpenalised logistic regression. */
      selection: z.object({ method: z.literal('gbdt-importance'), top: z.number().int().positive() }).optional(),
    })
    .optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type TrainingStats = z.infer<typeof trainingStatsSchema>;

export type ExtractionSettings = Pick<Manifest, 'sequences' | 'regions'>;

/** Every region a sequence measures is defined, every shell has a width, a shell on the resampled grid is resampled. */
function checkRegions(m: ExtractionSettings, what: string): void {
  for (const [sequence, s] of Object.entries(m.sequences)) {
    for (const region of s.regions) {
      const def = m.regions.find((r) => r.name === region);
      if (!def) throw new Error(`${what}: sequence ${sequence} measures region '${region}', which is not in regions`);
      if (def.kind === 'shell' && def.mm === undefined)
        throw new Error(`${what}: shell region '${region}' has no width (mm)`);
      if (def.grid === 'resampled') {
        const setting = (s.params.setting ?? {}) as Record<string, unknown>;
        if (def.kind !== 'shell')
          throw new Error(`${what}: region '${region}': only a shell can be derived on the resampled grid`);
        if (!Array.isArray(setting.resampledPixelSpacing)) {
          throw new Error(
            `${what}: sequence ${sequence} measures the shell '${region}' on the resampled grid, but its parameters do not resample (no setting.resampledPixelSpacing)`,
          );
        }
      }
    }
  }
}

/** Parses extraction settings (a settings.json of `heron features`), or throws one message listing every problem. */
export function parseExtractionSettings(raw: unknown, what = 'extraction settings'): ExtractionSettings {
  const result = manifestSchema.pick({ sequences: true, regions: true }).safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid ${what}:\n  ${problems.join('\n  ')}`);
  }
  checkRegions(result.data, `invalid ${what}`);
  return result.data;
}

/** Parses a manifest, or throws one message listing every problem with its JSON path. */
export function parseManifest(raw: unknown): Manifest {
  const result = manifestSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid model manifest:\n  ${problems.join('\n  ')}`);
  }
  const m = result.data;
  const names = new Set<string>();
  for (const { name } of m.inputs) {
    if (names.has(name)) throw new Error(`invalid model manifest: input '${name}' is listed twice`);
    names.add(name);
    if (name.startsWith('clinical/') || name.startsWith(KINETIC_INPUT_PREFIX)) continue;
    const [sequence, region] = name.split('/');
    if (!m.sequences[sequence])
      throw new Error(
        `invalid model manifest: input '${name}' names sequence '${sequence}', which has no extraction settings`,
      );
    if (!m.sequences[sequence].regions.includes(region)) {
      throw new Error(
        `invalid model manifest: input '${name}' names region '${region}', which sequence ${sequence} does not measure`,
      );
    }
  }
  checkRegions(m, 'invalid model manifest');
  if (m.explanation.background.some((row) => row.length !== m.inputs.length)) {
    throw new Error(`invalid model manifest: every background case must have ${m.inputs.length} values`);
  }
  return m;
}
