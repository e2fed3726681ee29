import type { Job, ProgressEvent, StorageState } from '../contract';
import type { Idempotency, Progress } from './analysis-jobs';

/**
 * What a runner may do besides reporting progress: show its result before its last step (the store), and keep the
 * objects it is about to store so that a failed store can be retried with the very same objects.
 */
export interface JobResults<R> {
  /**
   * Records `result` as the job's and tells its listeners: the job reads as succeeded from then on while the runner
   * goes on. `report` names the report the result will store, so that a sign-off of it can ask this job first.
   */
  publish(result: R, event: { message: string; storage: StorageState; report: string }): Promise<void>;
  /** Keeps the built objects (Part 10 bytes) with the job for a retried store; bounded in size and time. */
  keep(objects: KeptObjects): Promise<void>;
}

/** The objects of a result, as they are kept for a retried store. */
export interface KeptObjects {
  studyInstanceUID: string;
  objects: Array<{ sopClassUID: string; sopInstanceUID: string; seriesInstanceUID: string; bytes: Uint8Array }>;
}

/** The work behind every job: the same function runs in the server process or in a `heron worker`. */
export type JobRunner<I, R> = (input: I, progress: Progress, jobId: string, results?: JobResults<R>) => Promise<R>;

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
  /** The job whose result stores (or stored) the report `uid`, while that job is remembered. */
  jobOfReport(uid: string): Promise<string | undefined>;
  /** The objects a job kept for a retried store, unless they have expired (or, in process, the server restarted). */
  kept(id: string): Promise<KeptObjects | undefined>;
  /** Changes a job's result after it was published (a retried store) and tells its listeners. */
  amend(id: string, event: Omit<ProgressEvent, 'at'>, change: (job: Job<R>) => void): Promise<Job<R> | undefined>;
  close(): Promise<void>;
}
