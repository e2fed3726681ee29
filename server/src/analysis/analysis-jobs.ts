import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type Job, type ProgressEvent, type Stage, STAGES } from '../contract';

/** Reports progress from inside a running analysis. */
export type Progress = (stage: Stage, message: string) => void;

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
 * In-process analysis jobs: one at a time per study (a second Analyze while one runs is refused with a
 * message), idempotency keys (a retried POST answers the same job instead of running twice), and
 * progress events that the API streams as server-sent events.
 */
export class AnalysisJobs<R> {
  private readonly jobs = new Map<string, Job<R>>();
  private readonly byKey = new Map<string, string>();
  private readonly events = new EventEmitter();

  constructor(private readonly now: () => Date = () => new Date()) {
    this.events.setMaxListeners(100);
  }

  get(id: string): Job<R> | undefined {
    return this.jobs.get(id);
  }

  /** Calls `listener` for every later event of the job; returns the unsubscribe function. */
  subscribe(id: string, listener: (e: ProgressEvent) => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  /**
   * Starts `run` as a job unless the idempotency key names an earlier one (which is returned as is)
   * or the study already has an analysis running.
   */
  start(
    studyInstanceUID: string,
    idempotencyKey: string | undefined,
    run: (progress: Progress, jobId: string) => Promise<R>,
  ): { job: Job<R>; repeated: boolean } {
    this.forgetOld();
    if (idempotencyKey) {
      const earlier = this.byKey.get(idempotencyKey);
      const job = earlier ? this.jobs.get(earlier) : undefined;
      if (job) return { job, repeated: true };
    }
    const busy = [...this.jobs.values()].find(
      (j) => j.studyInstanceUID === studyInstanceUID && (j.state === 'queued' || j.state === 'running'),
    );
    if (busy) {
      throw new JobRefused('An analysis of this study is already running; wait for its result before starting another.', 409);
    }
    const job: Job<R> = {
      id: randomUUID(),
      studyInstanceUID,
      state: 'queued',
      events: [],
      createdAt: this.now().toISOString(),
    };
    this.jobs.set(job.id, job);
    if (idempotencyKey) this.byKey.set(idempotencyKey, job.id);
    this.emit(job, { state: 'queued', fraction: 0, message: 'Waiting to start' });
    void this.execute(job, run);
    return { job, repeated: false };
  }

  private async execute(job: Job<R>, run: (progress: Progress, jobId: string) => Promise<R>): Promise<void> {
    job.state = 'running';
    const progress: Progress = (stage, message) => {
      this.emit(job, { state: 'running', stage, fraction: STAGES.indexOf(stage) / STAGES.length, message });
    };
    try {
      job.result = await run(progress, job.id);
      job.state = 'succeeded';
      this.emit(job, { state: 'succeeded', fraction: 1, message: 'Done' });
    } catch (err) {
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
      this.emit(job, { state: 'failed', fraction: 1, message: job.error });
    } finally {
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
        for (const [key, jobId] of this.byKey) if (jobId === id) this.byKey.delete(key);
      }
    }
  }
}
