/**
 * Whether an analysis has nothing more to do: it failed, or it succeeded and its result's store has ended (stored, or
 * failed with a retry). A result is shown as soon as it is computed, before this. Plain TypeScript, no schema: the
 * panel uses it at run time. Takes any job-like object, so that clients with their own narrower types can ask too.
 */
export const analysisSettled = (job: { state: string; result?: unknown }): boolean =>
  job.state === 'failed' ||
  (job.state === 'succeeded' &&
    (job.result as { storage?: { state?: string } } | undefined)?.storage?.state !== 'storing');
