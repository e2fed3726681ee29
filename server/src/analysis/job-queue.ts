import type { Job, ProgressEvent } from '../contract';
import type { Idempotency, Progress } from './analysis-jobs';

/** The work behind every job: the same function runs in the server process or in a `heron worker`. */
export type JobRunner<I, R> = (input: I, progress: Progress, jobId: string) => Promise<R>;

/**
 * Where analyses wait and run. Two implementations, one contract: `InProcessQueue` (the default: jobs, locks and
 * idempotency keys in this process) and `RedisQueue` (BullMQ on Redis: any number of Heron servers and `heron worker`s
 * share them). The input must survive JSON, since with Redis it travels to another process.
 */
export interface JobQueue<I, R> {
  get(id: string): Promise<Job<R> | undefined>;
  /** Calls `listener` for every later event of the job, wherever it runs; resolves to the unsubscribe function. */
  subscribe(id: string, listener: (e: ProgressEvent) => void): Promise<() => void>;
  /** The job the idempotency key already names, undefined when a new one may start; throws JobRefused otherwise. */
  earlierOrRefusal(studyInstanceUID: string, idempotency: Idempotency | undefined): Promise<Job<R> | undefined>;
  start(
    studyInstanceUID: string,
    idempotency: Idempotency | undefined,
    input: I,
  ): Promise<{ job: Job<R>; repeated: boolean }>;
  close(): Promise<void>;
}
