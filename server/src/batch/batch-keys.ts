import { createHash } from 'node:crypto';
import type { ExtractionSettings } from '@heron/models';

/** The BullMQ queue of batch feature cases, beside the analyses' queue under the same prefix. */
export const FEATURES_QUEUE = 'features';

/** Finished cases are kept a week: long enough to resume a run interrupted on a Friday. */
export const RUN_KEEP_SECONDS = 7 * 24 * 3600;

/**
 * A run is its cohort (where it is, since paths in it are relative to it, and what it says) and its settings: the
 * same command repeated is the same run and resumes it; a changed cohort or settings file is a new run.
 */
export function runId(cohortPath: string, cohortText: string, settings: ExtractionSettings): string {
  return createHash('sha256')
    .update(JSON.stringify([cohortPath, cohortText, settings]))
    .digest('hex')
    .slice(0, 24);
}

export const batchKeys = (prefix: string, run: string) => ({
  /** Hash: row index → the case's outcome (case-codec.ts). */
  results: `${prefix}:features:${run}:results`,
  /** Hash: row index → how many times its extraction was computed in this run (1 unless a worker died after it). */
  computed: `${prefix}:features:${run}:computed`,
  /** BullMQ job id of a row: one job per case per run, so that adding it again while it waits adds nothing. */
  job: (index: number) => `${run}-${index}`,
});
