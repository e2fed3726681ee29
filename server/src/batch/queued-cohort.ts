import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisConnection } from '../analysis/redis-queue';
import type { ExtractionSettings } from '@heron/models';
import type { CohortRow } from '../cli/cohort-output';
import type { CaseOutcome } from '../cli/cohort-task';
import { batchKeys, FEATURES_QUEUE, RUN_KEEP_SECONDS, runId } from './batch-keys';
import { decodeOutcome } from './case-codec';
import type { FeatureJob } from './feature-worker';

export interface QueuedCohortOptions {
  url: string;
  prefix: string;
  /** How often the run's hash is read for new outcomes. */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** BullMQ's connections retry for ever; a command line should say at once that Redis is not there. */
async function answering(redis: Redis, url: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`Redis at ${new URL(url).host} does not answer; is redis-server running, is the URL right?`)),
      10_000,
    );
  });
  try {
    await Promise.race([redis.ping(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The outcomes of a cohort's cases computed by `heron worker`s: each case not yet computed for this run (batch-keys.ts)
 * becomes one BullMQ job, and this waits until every row has an outcome in the run's hash, calling `finished` as each
 * arrives. Cases computed before an interruption are read back, not queued again; cases that failed are queued again
 * (the failure may have been a file not yet there). A case whose job BullMQ gave up on (its workers died under it
 * twice) is a failure saying so.
 */
export async function queuedCohort(
  rows: CohortRow[],
  cohortPath: string,
  cohortText: string,
  settings: ExtractionSettings,
  opts: QueuedCohortOptions,
  finished: (index: number, outcome: CaseOutcome) => void,
): Promise<CaseOutcome[]> {
  const run = runId(cohortPath, cohortText, settings);
  const keys = batchKeys(opts.prefix, run);
  const redis = redisConnection(opts.url);
  const connection = redisConnection(opts.url);
  const queue = new Queue<FeatureJob>(FEATURES_QUEUE, { connection, prefix: opts.prefix });
  try {
    await answering(redis, opts.url);
    const outcomes: (CaseOutcome | undefined)[] = new Array(rows.length);
    const stored = await redis.hgetall(keys.results);
    const pending = new Set<number>();
    for (let index = 0; index < rows.length; index++) {
      const text = stored[String(index)];
      const earlier = text === undefined ? undefined : decodeOutcome(text);
      if (earlier && !('error' in earlier)) outcomes[index] = earlier;
      else pending.add(index);
    }
    if (pending.size) await redis.hdel(keys.results, ...[...pending].map(String));
    await redis.expire(keys.results, RUN_KEEP_SECONDS);
    console.log(
      `run ${run}: ${rows.length - pending.size} of ${rows.length} cases already computed, ${pending.size} queued for the workers`,
    );
    for (const [index, outcome] of outcomes.entries()) if (outcome) finished(index, outcome);
    // A job that BullMQ failed in an earlier run would make adding it again a no-op: remove it first.
    for (const index of pending) {
      const old = await queue.getJob(keys.job(index));
      if (old && (await old.isFailed())) await old.remove();
    }
    await queue.addBulk(
      [...pending].map((index) => ({
        name: 'case',
        data: { run, index, row: rows[index], cohortPath, settings },
        opts: { jobId: keys.job(index), removeOnComplete: true, removeOnFail: { age: RUN_KEEP_SECONDS } },
      })),
    );
    if (pending.size && (await queue.getWorkersCount()) === 0)
      console.error('no heron worker is connected to this Redis yet; the cases wait until one starts');
    let checks = 0;
    while (pending.size) {
      await sleep(opts.pollMs ?? 500);
      const waiting = [...pending];
      const texts = await redis.hmget(keys.results, ...waiting.map(String));
      for (const [k, text] of texts.entries()) {
        if (text === null) continue;
        const index = waiting[k];
        pending.delete(index);
        outcomes[index] = decodeOutcome(text);
        finished(index, outcomes[index]);
      }
      // Every few seconds: cases BullMQ gave up on never reach the hash.
      if (++checks % 10 === 0 && pending.size) {
        for (const job of await queue.getFailed()) {
          const index = job.data.run === run ? job.data.index : -1;
          if (!pending.has(index)) continue;
          pending.delete(index);
          outcomes[index] = { error: `its workers stopped while computing it (${job.failedReason})` };
          finished(index, outcomes[index]);
        }
      }
    }
    return outcomes as CaseOutcome[];
  } finally {
    await queue.close();
    connection.disconnect();
    redis.disconnect();
  }
}
