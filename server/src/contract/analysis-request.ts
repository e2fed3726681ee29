import { z } from 'zod';
import { outlineSchema } from './outline';
import { roleOverridesSchema } from './series-roles';
import { dicomUidSchema } from './uids';

/** Body of POST /api/analyses: the study, the model, the reader's role reassignments, the outline, clinical inputs. */
export const analysisRequestSchema = z.object({
  studyInstanceUID: dicomUidSchema,
  modelId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a model id'),
  overrides: roleOverridesSchema.optional(),
  outline: outlineSchema,
  clinical: z
    .record(z.string().regex(/^[a-z0-9_]+$/), z.number().refine(Number.isFinite, 'must be a finite number'))
    .optional(),
});
export type AnalysisRequest = z.infer<typeof analysisRequestSchema>;
