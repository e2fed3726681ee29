import { z } from 'zod';

/** What GET /api/models lists about a model: enough for the panel to say what it answers and how far to trust it. */
export const modelSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  question: z.string(),
  /** 'survival' for a survival package (risk score, risk group, S(t)); absent or 'classifier' otherwise. */
  kind: z.enum(['classifier', 'survival']).optional(),
  description: z.string(),
  /** Who the model applies to (e.g. "among HER2-negative tumours"); its answer means nothing outside it. */
  population: z.string(),
  /** [negative, positive]; a survival package's [low-risk, high-risk] group names. */
  classes: z.tuple([z.string(), z.string()]),
  /** Sequence name -> what it is read from. */
  sequences: z.record(z.string(), z.string()),
  intendedUse: z.string(),
  syntheticTraining: z.boolean(),
  sha256: z.string(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;
