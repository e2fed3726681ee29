import type { Job, ProgressEvent } from '../contract';
import { AnalysisJobs, type Idempotency, MAX_RUN_MS } from './analysis-jobs';
import type { JobQueue, JobRunner, KeptObjects } from './job-queue';

/** The single-process queue: the same runner as a `heron worker` uses, run here by AnalysisJobs. */
export class InProcessQueue<I, R> implements JobQueue<I, R> {
  private readonly jobs: AnalysisJobs<R>;

  constructor(
    private readonly runner: JobRunner<I, R>,
    maxRunMs = MAX_RUN_MS,
  ) {
    this.jobs = new AnalysisJobs<R>(undefined, maxRunMs);
  }

  get(id: string): Promise<Job<R> | undefined> {
    return Promise.resolve(this.jobs.get(id));
  }

  subscribe(id: string, listener: (e: ProgressEvent) => void): Promise<() => void> {
    return Promise.resolve(this.jobs.subscribe(id, listener));
  }

  earlierOrRefusal(studyInstanceUID: string, idempotency: Idempotency | undefined): Promise<Job<R> | undefined> {
    return Promise.resolve().then(() => this.jobs.earlierOrRefusal(studyInstanceUID, idempotency));
  }

  start(studyInstanceUID: string, idempotency: Idempotency | undefined, input: I) {
    return Promise.resolve().then(() =>
      this.jobs.start(studyInstanceUID, idempotency, (progress, jobId, results) =>
        this.runner(input, progress, jobId, results),
      ),
    );
  }

  jobOfReport(uid: string): Promise<string | undefined> {
    return Promise.resolve(this.jobs.jobOfReport(uid));
  }

  kept(id: string): Promise<KeptObjects | undefined> {
    return Promise.resolve(this.jobs.kept(id));
  }

  amend(id: string, event: Omit<ProgressEvent, 'at'>, change: (job: Job<R>) => void): Promise<Job<R> | undefined> {
    return Promise.resolve(this.jobs.amend(id, event, change));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
