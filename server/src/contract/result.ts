import { z } from 'zod';
import type { ShapSpace as ModelShapSpace } from '@heron/models';
import { kineticsSchema } from './kinetics';
import { signoffStateSchema } from './signoff';
import { survivalResultSchema } from './survival';
import { dicomUidSchema } from './uids';

/** One model input's part in the prediction. */
export const contributionSchema = z.object({
  /** '<sequence>/<region>/<feature>' or 'clinical/<name>'. */
  input: z.string(),
  value: z.number(),
  shap: z.number(),
  /** Why the value is outside what the model was trained on. */
  outOfRange: z.string().optional(),
});
export type Contribution = z.infer<typeof contributionSchema>;

/** The space the SHAP values, their base and the model value are in (the models' own names). */
export const shapSpaceSchema = z.enum(['logodds', 'probability'] as const satisfies readonly ModelShapSpace[]);
export type ShapSpace = z.infer<typeof shapSpaceSchema>;

export const explanationSchema = z.object({
  /** 'risk-score': SHAP values of a survival package's risk score (the Cox linear predictor). */
  space: z.union([shapSpaceSchema, z.literal('risk-score')]),
  base: z.number(),
  value: z.number(),
  contributions: z.array(contributionSchema),
});
export type Explanation = z.infer<typeof explanationSchema>;

/**
 * Where the analysis's SEG, SR and PDF are: the result is shown as soon as it is computed and stored after, so a
 * reader sees 'storing', then 'stored', or 'failed' with a sentence and a retry. Nothing is signed before 'stored'.
 */
export const storageSchema = z.object({
  state: z.enum(['storing', 'stored', 'failed']),
  /** Why the store failed, as the panel shows it. */
  message: z.string().optional(),
  /** The report's SOP Instance UID, fixed before it is stored (a sign-off of it is refused until it is). */
  srSopInstanceUID: dicomUidSchema,
});
export type Storage = z.infer<typeof storageSchema>;
export type StorageState = Storage['state'];

/** What an analysis answers, as the API returns it and the panel's result card shows it. */
const oneAnswerSchema = z.object({
  analysisId: z.string(),
  studyInstanceUID: dicomUidSchema,
  question: z.object({ id: z.string(), text: z.string() }),
  /** [negative, positive]; `probability` is of classes[1]. */
  classes: z.tuple([z.string(), z.string()]),
  probability: z.number().min(0).max(1),
  predictedClass: z.string(),
  threshold: z.number(),
  model: z.object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    sha256: z.string(),
    syntheticTraining: z.boolean(),
    intendedUse: z.string(),
  }),
  explanation: explanationSchema,
  warnings: z.array(z.string()),
  /** A survival package's answer (see contract/survival.ts); absent for classifiers. */
  survival: survivalResultSchema.optional(),
  /** The outline's DCE kinetics; absent in results stored before kinetics existed. */
  kinetics: kineticsSchema.optional(),
  /** Null until the SEG, SR and PDF are in the study (see `storage`). */
  stored: z
    .object({
      segSopInstanceUID: dicomUidSchema,
      srSopInstanceUID: dicomUidSchema,
      /** The tumour-board report of the same analysis, an Encapsulated PDF in the study. */
      pdfSopInstanceUID: dicomUidSchema.optional(),
    })
    .nullable(),
  /** Absent in results from before the store followed the result. */
  storage: storageSchema.optional(),
  verification: signoffStateSchema,
  createdAt: z.string(),
  /** Seconds per stage, for the benchmark and the log. */
  timings: z.record(z.string(), z.number()),
});

/**
 * A stratified reading (request `flow`): the result above is the first step's; `second` the second step's, each with
 * its own model, SR and sign-off; null with `skipped` saying why when the first answer made the second question moot.
 */
export const stratifiedSchema = z.object({
  flow: z.literal('her2-stratified'),
  second: oneAnswerSchema.nullable(),
  skipped: z.string().optional(),
});
export type Stratified = z.infer<typeof stratifiedSchema>;

export const analysisResultSchema = oneAnswerSchema.extend({ stratified: stratifiedSchema.optional() });
export type AnalysisResult = z.infer<typeof analysisResultSchema>;
