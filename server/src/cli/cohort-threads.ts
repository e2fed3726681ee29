// Cohort cases computed on worker threads (piscina), so that the thread that asked stays free: `heron features
// --jobs N` keeps its progress moving, and a `heron worker` keeps renewing its BullMQ locks and answering Redis while
// a case is extracted. Structured cloning carries the feature Map and its NaNs across unchanged.
import { Piscina } from 'piscina';
import type { CaseOutcome, CaseRequest } from './cohort-task';

export interface CaseThreads {
  run(request: CaseRequest): Promise<CaseOutcome>;
  close(): Promise<void>;
}

export function caseThreads(threads: number): CaseThreads {
  const pool = new Piscina<CaseRequest, CaseOutcome>({
    filename: new URL('./cohort-task-entry.mjs', import.meta.url).href,
    // Started on the first case, not before: a `heron worker` that never gets a cohort case carries no idle engine.
    minThreads: 0,
    maxThreads: threads,
    // Each thread takes one case at a time: a case is seconds of CPU, interleaving two gains nothing.
    concurrentTasksPerWorker: 1,
    // Idle threads stay: a cohort's next case should not pay for loading the engine again.
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    async run(request) {
      try {
        return await pool.run(request);
      } catch (err) {
        // The thread itself died (out of memory, say): the case is lost with it, not wrong.
        throw new Error(
          `a feature thread stopped while computing case ${request.row.case_id}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
    close: () => pool.destroy(),
  };
}
