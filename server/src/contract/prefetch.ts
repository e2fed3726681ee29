import { z } from 'zod';

/** POST /api/studies/:study/prefetch: read the series a model would read into the server's volume cache. */
export const prefetchRequestSchema = z
  .object({
    modelId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a model id'),
  })
  .strict();
export type PrefetchRequest = z.infer<typeof prefetchRequestSchema>;

/**
 * Answered at once (202) whatever then happens: a prefetch only saves time, and its failure is found again, and
 * reported, by the analysis that follows. `started` false says why nothing was started.
 */
export const prefetchSchema = z.object({
  started: z.boolean(),
  reason: z.enum(['started', 'already-running', 'recent', 'busy', 'cache-off', 'queue']),
});
export type Prefetch = z.infer<typeof prefetchSchema>;
