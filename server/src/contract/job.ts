import { z } from 'zod';
import { analysisResultSchema } from './result';
import { STAGES } from './stages';
import { dicomUidSchema } from './uids';

export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export const jobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobState = z.infer<typeof jobStateSchema>;

/** One step of an analysis, as GET /api/analyses/:id/events streams it. */
export const progressEventSchema = z.object({
  state: jobStateSchema,
  stage: stageSchema.optional(),
  /** 0..1 over the whole analysis. */
  fraction: z.number().min(0).max(1),
  message: z.string(),
  /** After the result: whether its SEG, SR and PDF are being stored, stored, or failed to store. */
  storage: z.enum(['storing', 'stored', 'failed']).optional(),
  at: z.string(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/**
 * An analysis as POST /api/analyses and GET /api/analyses/:id answer it; `result` once it succeeded, which is as soon as
 * it is computed: `result.storage` then tells whether its objects are stored yet.
 */
export const analysisJobSchema = z.object({
  id: z.string(),
  studyInstanceUID: dicomUidSchema,
  state: jobStateSchema,
  events: z.array(progressEventSchema),
  result: analysisResultSchema.optional(),
  error: z.string().optional(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
});
export type AnalysisJob = z.infer<typeof analysisJobSchema>;

/** A job of the server's queue, whose result is an R (an AnalysisResult for the API's analyses). */
export type Job<R> = Omit<AnalysisJob, 'result'> & { result?: R };
