import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type Job, type ProgressEvent, type Stage, STAGES } from '../contract';
import type { JobResults, KeptObjects } from './job-queue';

/** Reports progress from inside a running analysis; throws once the job has been stopped by its watchdog. */
export type Progress = (stage: Stage, message: string) => void;

/** An idempotency key and a fingerprint of the request it was first sent with. */
export interface Idempotency {
  key: string;
  request: string;
}

/** An analysis refused before it starts; `status` is the HTTP status to answer with. */
export class JobRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const KEEP_FINISHED_MS = 24 * 3600 * 1000;
/**
 * Objects kept for a retried store, in this process's memory: the newest go in, the oldest out past this many bytes
 * (an analysis's SEG, SR and PDF are a few MB), and all are lost when the server restarts.
 */
export const KEEP_OBJECTS_BYTES = 256 * 1024 * 1024;
const sizeOf = (k: KeptObjects) => k.objects.reduce((n, o) => n + o.bytes.length, 0);
/** Longest an analysis may run: the demo model takes seconds; minutes mean the PACS has stopped answering. */
export const MAX_RUN_MS = 10 * 60 * 1000;

const minutes = (ms: number) =>
  ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;

/**
 * In-process analysis jobs: one at a time per study (a second Analyze while one runs is refused with a
 * message), idempotency keys (a retried POST answers the same job instead of running twice), and
 * progress events that the API streams as server-sent events.
 */
export class AnalysisJobs<R> {
  private readonly jobs = new Map<string, Job<R>>();
  private readonly byKey = new Map<string, { jobId: string; request: string }>();
  private readonly events = new EventEmitter();
  private readonly reports = new Map<string, string>();
  /** In insertion order, oldest first, for the byte bound. */
  private readonly keptObjects = new Map<string, KeptObjects>();

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly maxRunMs = MAX_RUN_MS,
    private readonly keepBytes = KEEP_OBJECTS_BYTES,
  ) {
    this.events.setMaxListeners(100);
  }

  get(id: string): Job<R> | undefined {
    return this.jobs.get(id);
  }

  jobOfReport(uid: string): string | undefined {
    return this.reports.get(uid);
  }

  kept(id: string): KeptObjects | undefined {
    return this.keptObjects.get(id);
  }

  /** Changes a job's record after its result was published (a retried store) and tells its listeners. */
  amend(id: string, event: Omit<ProgressEvent, 'at'>, change: (job: Job<R>) => void): Job<R> | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    change(job);
    this.emit(job, event);
    return job;
  }

  private keep(id: string, objects: KeptObjects): void {
    this.keptObjects.delete(id);
    this.keptObjects.set(id, objects);
    let total = [...this.keptObjects.values()].reduce((n, k) => n + sizeOf(k), 0);
    for (const [old, k] of this.keptObjects) {
      if (total <= this.keepBytes || old === id) break;
      this.keptObjects.delete(old);
      total -= sizeOf(k);
    }
  }

  /** Calls `listener` for every later event of the job; returns the unsubscribe function. */
  subscribe(id: string, listener: (e: ProgressEvent) => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  /**
   * The job an idempotency key already names, or undefined when a new one may start; throws the refusal (422 key
   * reused with another request, 409 study busy) otherwise. The API asks before its slower checks against the PACS,
   * so that a busy study or a retried request costs no PACS look-up; `start` asks again.
   */
  earlierOrRefusal(studyInstanceUID: string, idempotency: Idempotency | undefined): Job<R> | undefined {
    this.forgetOld();
    if (idempotency) {
      const earlier = this.byKey.get(idempotency.key);
      const job = earlier ? this.jobs.get(earlier.jobId) : undefined;
      if (job && earlier?.request !== idempotency.request) {
        throw new JobRefused(
          'This Idempotency-Key was already used for a different analysis request; send a new key for a new request.',
          422,
        );
      }
      if (job) return job;
    }
    const busy = [...this.jobs.values()].find(
      (j) => j.studyInstanceUID === studyInstanceUID && (j.state === 'queued' || j.state === 'running'),
    );
    if (busy) {
      throw new JobRefused(
        'An analysis of this study is already running; wait for its result before starting another.',
        409,
      );
    }
    return undefined;
  }

  /**
   * Starts `run` as a job unless the idempotency key names an earlier one (which is returned as is, or refused
   * with 422 when the key came with a different request) or the study already has an analysis running.
   */
  start(
    studyInstanceUID: string,
    idempotency: Idempotency | undefined,
    run: (progress: Progress, jobId: string, results: JobResults<R>) => Promise<R>,
  ): { job: Job<R>; repeated: boolean } {
    const earlier = this.earlierOrRefusal(studyInstanceUID, idempotency);
    if (earlier) return { job: earlier, repeated: true };
    const job: Job<R> = {
      id: randomUUID(),
      studyInstanceUID,
      state: 'queued',
      events: [],
      createdAt: this.now().toISOString(),
    };
    this.jobs.set(job.id, job);
    if (idempotency) this.byKey.set(idempotency.key, { jobId: job.id, request: idempotency.request });
    this.emit(job, { state: 'queued', fraction: 0, message: 'Waiting to start' });
    void this.execute(job, run);
    return { job, repeated: false };
  }

  /**
   * Runs the job under a watchdog: a run over its time fails with a message and frees the study, whatever it is
   * waiting for. The abandoned run is stopped at its next stage (its progress call throws), so it cannot store a
   * result after the reader was told the analysis failed. The watchdog stops at the published result: the store after
   * it is bounded by the PACS client's own time limit and reports its failure in the result.
   */
  private async execute(
    job: Job<R>,
    run: (progress: Progress, jobId: string, results: JobResults<R>) => Promise<R>,
  ): Promise<void> {
    job.state = 'running';
    let overdue = false;
    let published = false;
    const progress: Progress = (stage, message) => {
      if (overdue) throw new Error('stopped by the watchdog');
      this.emit(job, { state: 'running', stage, fraction: STAGES.indexOf(stage) / STAGES.length, message });
    };
    let timer: NodeJS.Timeout | undefined;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        overdue = true;
        reject(
          new Error(
            `The analysis did not finish within ${minutes(this.maxRunMs)}, most likely because the PACS stopped answering. Nothing was stored; try again, and if it happens again ask your administrator to check the PACS.`,
          ),
        );
      }, this.maxRunMs);
    });
    const results: JobResults<R> = {
      publish: (result, e) => {
        if (overdue) return Promise.reject(new Error('stopped by the watchdog'));
        clearTimeout(timer);
        published = true;
        job.result = result;
        job.state = 'succeeded';
        this.reports.set(e.report, job.id);
        this.emit(job, { state: 'succeeded', stage: 'store', fraction: 1, message: e.message, storage: e.storage });
        return Promise.resolve();
      },
      keep: (objects) => Promise.resolve(this.keep(job.id, objects)),
    };
    try {
      job.result = await Promise.race([run(progress, job.id, results), watchdog]);
      job.state = 'succeeded';
      // A runner that published its result has told its listeners its last word.
      if (!published) this.emit(job, { state: 'succeeded', fraction: 1, message: 'Done' });
    } catch (err) {
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
      this.emit(job, { state: 'failed', fraction: 1, message: job.error });
    } finally {
      clearTimeout(timer);
      job.finishedAt = this.now().toISOString();
    }
  }

  private emit(job: Job<R>, e: Omit<ProgressEvent, 'at'>): void {
    const event: ProgressEvent = { ...e, at: this.now().toISOString() };
    job.events.push(event);
    this.events.emit(job.id, event);
  }

  /** Finished jobs are kept a day for polling and idempotent retries, then forgotten. */
  private forgetOld(): void {
    const cutoff = this.now().getTime() - KEEP_FINISHED_MS;
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && Date.parse(job.finishedAt) < cutoff) {
        this.jobs.delete(id);
        this.keptObjects.delete(id);
        for (const [uid, jobId] of this.reports) if (jobId === id) this.reports.delete(uid);
        for (const [key, earlier] of this.byKey) if (earlier.jobId === id) this.byKey.delete(key);
      }
    }
  }
}
