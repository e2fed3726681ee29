import { randomUUID } from 'node:crypto';
import { type Job as BullJob, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PacsError } from '@heron/dicom/dicomweb';
import { type Job, type ProgressEvent, STAGES } from '../contract';
import type { Progress } from './analysis-jobs';
import type { JobResults, JobRunner } from './job-queue';
import {
  encodeKept,
  KEEP_OBJECTS_SECONDS,
  KEEP_SECONDS,
  RELEASE_IF_OURS,
  type RedisKeys,
  redisKeys,
} from './redis-keys';
import { type QueuedJob, redisConnection } from './redis-queue';

export interface RedisWorkerOptions {
  url: string;
  prefix?: string;
  /** Jobs this process runs at once. */
  concurrency?: number;
  /** Which failures are worth another attempt: by default the PACS's own (5xx, unreachable), not a bad study. */
  retryable?: (err: unknown) => boolean;
  /** How long a job's lock lasts without renewal: a worker silent this long is taken for dead and its job rerun. */
  lockDurationMs?: number;
}

const pacsTrouble = (err: unknown) => err instanceof PacsError && (err.status >= 500 || err.status === 0);

const minutes = (ms: number) =>
  ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;

/**
 * Takes analyses off the Redis queue and runs them with the same runner the in-process queue uses. Each step is
 * written to the job's record and published for the servers' progress streams. PACS failures are retried with
 * exponential backoff (BullMQ's), anything else fails at once with its message; a job whose worker died is found
 * stalled by BullMQ and run again, or failed with a clear message once it has stalled too often.
 */
export class RedisWorker<I, R> {
  private readonly redis: Redis;
  private readonly workerConnection: Redis;
  private readonly worker: Worker<QueuedJob<I>>;
  private readonly keys: RedisKeys;

  constructor(
    private readonly runner: JobRunner<I, R>,
    private readonly opts: RedisWorkerOptions,
  ) {
    this.keys = redisKeys(opts.prefix ?? 'heron');
    this.redis = redisConnection(opts.url);
    this.workerConnection = redisConnection(opts.url);
    this.worker = new Worker<QueuedJob<I>>(this.keys.queue, (job) => this.process(job), {
      connection: this.workerConnection,
      prefix: opts.prefix ?? 'heron',
      concurrency: opts.concurrency ?? 1,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.lockDurationMs ?? 30_000,
      maxStalledCount: 1,
    });
    // BullMQ fails a job that stalled more than once without calling the processor: say so in the job's record.
    this.worker.on('failed', (job, err) => {
      if (!job?.id) return;
      void this.finishIfOpen(job.id, job.data.studyInstanceUID, err).catch(() => undefined);
    });
    this.worker.on('error', () => undefined);
  }

  /** Resolves once the worker is connected and taking jobs. */
  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** Graceful stop: no new jobs are taken and the running ones finish before this resolves. */
  async close(): Promise<void> {
    await this.worker.close();
    this.workerConnection.disconnect();
    this.redis.disconnect();
  }

  private async process(bull: BullJob<QueuedJob<I>>): Promise<void> {
    const id = bull.id as string;
    const { studyInstanceUID, input, maxRunMs } = bull.data;
    const before = await this.read(id);
    // A job already finished (its worker died after the last write, before BullMQ heard of it) is not run twice. One
    // whose result was shown but whose store had not finished is: its runner finds what the PACS already holds (the
    // objects' UIDs derive from the job id) and stores only what is missing.
    const storing = before?.events.filter((e) => e.storage).at(-1)?.storage === 'storing';
    if (!before || before.state === 'failed' || (before.state === 'succeeded' && !storing)) return;
    // The newest run of a job owns it: a worker BullMQ wrongly took for dead (its event loop busy past the lock) learns
    // within a quarter second that another has taken the job over and stops at its next stage, before storing.
    const owner = randomUUID();
    await this.redis.set(this.keys.owner(id), owner, 'EX', KEEP_SECONDS);
    let lost = false;
    const watch = setInterval(() => {
      void this.redis.get(this.keys.owner(id)).then(
        (v) => (lost = v !== owner),
        () => undefined,
      );
    }, 250);
    let writes = Promise.resolve();
    let overdue = false;
    let published = false;
    const emit = (e: Omit<ProgressEvent, 'at'>, change: (j: Job<R>) => void = () => undefined) => {
      writes = writes.then(() => (lost ? undefined : this.update(id, { ...e, at: new Date().toISOString() }, change)));
      return writes;
    };
    const progress: Progress = (stage, message) => {
      if (overdue) throw new Error('stopped by the watchdog');
      if (lost) throw new Error('taken over by another worker');
      void emit({ state: 'running', stage, fraction: STAGES.indexOf(stage) / STAGES.length, message });
    };
    const attempt = bull.attemptsMade + 1;
    const attempts = bull.opts.attempts ?? 1;
    // A job found running in its record was taken from a worker that stopped answering (BullMQ's stalled-job check);
    // one found storing had its result shown already, which stays shown while this run finishes the store.
    const message =
      attempt > 1
        ? `Starting again (attempt ${attempt} of ${attempts})`
        : storing
          ? 'The worker storing this result stopped; another finishes the store'
          : before.state === 'running'
            ? 'The worker running this analysis stopped; starting again on another'
            : 'Started';
    if (storing) await emit({ state: 'succeeded', stage: 'store', fraction: 1, message, storage: 'storing' });
    else await emit({ state: 'running', fraction: 0, message }, (j) => (j.state = 'running'));
    let timer: NodeJS.Timeout | undefined;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        overdue = true;
        reject(
          new Error(
            `The analysis did not finish within ${minutes(maxRunMs)}, most likely because the PACS stopped answering. Nothing was stored; try again, and if it happens again ask your administrator to check the PACS.`,
          ),
        );
      }, maxRunMs);
    });
    const results: JobResults<R> = {
      publish: async (result, e) => {
        if (overdue) throw new Error('stopped by the watchdog');
        if (lost) throw new Error('taken over by another worker');
        // The watchdog guards the computation; the store after the result is bounded by the PACS client's time limit.
        clearTimeout(timer);
        published = true;
        await this.redis.set(this.keys.report(e.report), id, 'EX', KEEP_SECONDS);
        await emit({ state: 'succeeded', stage: 'store', fraction: 1, message: e.message, storage: e.storage }, (j) => {
          j.state = 'succeeded';
          j.result = result;
          j.finishedAt = new Date().toISOString();
        });
      },
      keep: async (objects) => {
        await this.redis.set(this.keys.kept(id), encodeKept(objects), 'EX', KEEP_OBJECTS_SECONDS);
      },
    };
    try {
      const result = await Promise.race([this.runner(input, progress, id, results), watchdog]);
      // A runner that published its result has told its listeners its last word.
      if (!published)
        await emit({ state: 'succeeded', fraction: 1, message: 'Done' }, (j) => {
          j.state = 'succeeded';
          j.result = result;
          j.finishedAt = new Date().toISOString();
        });
      await this.release(studyInstanceUID, id);
    } catch (err) {
      // The run that took the job over reports its outcome.
      if (lost) return;
      const message = err instanceof Error ? err.message : String(err);
      if (!overdue && (this.opts.retryable ?? pacsTrouble)(err) && attempt < attempts) {
        await emit({ state: 'running', fraction: 0, message: `${message}; trying again shortly` });
        throw err;
      }
      await emit({ state: 'failed', fraction: 1, message }, (j) => {
        j.state = 'failed';
        j.error = message;
        j.finishedAt = new Date().toISOString();
      });
      await this.release(studyInstanceUID, id);
    } finally {
      clearTimeout(timer);
      clearInterval(watch);
    }
  }

  private async finishIfOpen(id: string, study: string, err: Error): Promise<void> {
    const job = await this.read(id);
    const storing = job?.events.filter((e) => e.storage).at(-1)?.storage === 'storing';
    if (!job || job.state === 'failed' || (job.state === 'succeeded' && !storing)) return;
    if (!/stalled/i.test(err.message)) return;
    if (storing) {
      // The result stays shown; its store is given up, and says so where the reader looks for it (result.storage).
      const message =
        'The workers storing this result stopped twice; its SEG, SR and PDF may not be in the study. Start the analysis again, and if it happens again ask your administrator to check the Heron workers.';
      const at = new Date().toISOString();
      await this.update(
        id,
        { state: 'succeeded', stage: 'store', fraction: 1, message, storage: 'failed', at },
        (j) => {
          const r = j.result as { storage?: { state: string; message?: string } } | undefined;
          if (r?.storage) r.storage = { ...r.storage, state: 'failed', message };
          j.finishedAt = at;
        },
      );
      await this.release(study, id);
      return;
    }
    const message =
      'The worker running this analysis stopped twice before finishing; nothing more will be tried. Start the analysis again, and if it happens again ask your administrator to check the Heron workers.';
    await this.update(id, { state: 'failed', fraction: 1, message, at: new Date().toISOString() }, (j) => {
      j.state = 'failed';
      j.error = message;
      j.finishedAt = new Date().toISOString();
    });
    await this.release(study, id);
  }

  private async read(id: string): Promise<Job<R> | undefined> {
    const text = await this.redis.get(this.keys.job(id));
    return text ? (JSON.parse(text) as Job<R>) : undefined;
  }

  /** One process runs a job at a time (BullMQ's lock), so a read-modify-write of its record is safe. */
  private async update(id: string, event: ProgressEvent, change: (j: Job<R>) => void): Promise<void> {
    const job = await this.read(id);
    if (!job) return;
    job.events.push(event);
    change(job);
    await this.redis
      .multi()
      .set(this.keys.job(id), JSON.stringify(job), 'EX', KEEP_SECONDS)
      .publish(this.keys.events(id), JSON.stringify(event))
      .exec();
  }

  private async release(study: string, id: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_OURS, 1, this.keys.study(study), id);
  }
}
