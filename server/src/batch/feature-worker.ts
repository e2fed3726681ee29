import { type Job as BullJob, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisConnection } from '../analysis/redis-queue';
import type { CaseRequest } from '../cli/cohort-task';
import { type CaseThreads, caseThreads } from '../cli/cohort-threads';
import { batchKeys, FEATURES_QUEUE, RUN_KEEP_SECONDS } from './batch-keys';
import { encodeOutcome } from './case-codec';

/** What a queued case carries: its run, its row and what the thread needs to compute it. */
export interface FeatureJob extends CaseRequest {
  run: string;
  index: number;
}

export interface FeatureWorkerOptions {
  url: string;
  prefix?: string;
  /** Cases this process computes at once, each on its own thread. */
  concurrency?: number;
  lockDurationMs?: number;
}

/**
 * Takes the cases of `heron features --queue` off Redis and computes each on a worker thread with the same function
 * a local run calls (cohort-task.ts), so this thread stays free to renew BullMQ's locks. The outcome, features or the
 * reason it failed, goes into the run's hash; a case whose features are already there (a rerun added it again while
 * it was being finished) is not computed twice.
 */
export class FeatureWorker {
  private readonly redis: Redis;
  private readonly connection: Redis;
  private readonly worker: Worker<FeatureJob>;
  private readonly threads: CaseThreads;
  private readonly prefix: string;

  constructor(opts: FeatureWorkerOptions) {
    this.prefix = opts.prefix ?? 'heron';
    this.redis = redisConnection(opts.url);
    this.connection = redisConnection(opts.url);
    this.threads = caseThreads(opts.concurrency ?? 1);
    this.worker = new Worker<FeatureJob>(FEATURES_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: opts.concurrency ?? 1,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.lockDurationMs ?? 30_000,
      // A case is pure computation: a worker killed under it loses nothing, and another computes it again.
      maxStalledCount: 2,
    });
    this.worker.on('error', () => undefined);
  }

  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** Takes no new case and finishes the ones under way. */
  async close(): Promise<void> {
    await this.worker.close();
    await this.threads.close();
    this.connection.disconnect();
    this.redis.disconnect();
  }

  private async process(job: BullJob<FeatureJob>): Promise<void> {
    const { run, index, row, cohortPath, settings } = job.data;
    const keys = batchKeys(this.prefix, run);
    const earlier = await this.redis.hget(keys.results, String(index));
    if (earlier && !earlier.startsWith('{"error"')) return;
    const outcome = await this.threads.run({ row, cohortPath, settings });
    await this.redis
      .multi()
      .hset(keys.results, String(index), encodeOutcome(outcome))
      .hincrby(keys.computed, String(index), 1)
      .expire(keys.results, RUN_KEEP_SECONDS)
      .expire(keys.computed, RUN_KEEP_SECONDS)
      .exec();
  }
}
