import { z } from 'zod';
import { outlineSchema } from './outline';
import { roleOverridesSchema } from './series-roles';
import { dicomUidSchema } from './uids';

/** Actions that answer more than one question in one analysis. */
export const ANALYSIS_FLOWS = ['her2-stratified'] as const;

/** Body of POST /api/analyses: the study, the model, the reader's role reassignments, the outline, clinical inputs. */
export const analysisRequestSchema = z.object({
  studyInstanceUID: dicomUidSchema,
  modelId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a model id'),
  overrides: roleOverridesSchema.optional(),
  outline: outlineSchema,
  clinical: z
    .record(z.string().regex(/^[a-z0-9_]+$/), z.number().refine(Number.isFinite, 'must be a finite number'))
    .optional(),
  /**
   * 'her2-stratified': seed 002's reading as one action. `modelId` names the HER2-positive vs negative model; when it
   * calls the tumour negative, the HER2-low vs HER2-zero model answers too, on the same fetch and outline.
   */
  flow: z.enum(ANALYSIS_FLOWS).optional(),
});
export type AnalysisRequest = z.infer<typeof analysisRequestSchema>;
