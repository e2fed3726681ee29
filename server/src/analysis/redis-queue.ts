import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Job, ProgressEvent } from '../contract';
import { type Idempotency, JobRefused, MAX_RUN_MS } from './analysis-jobs';
import type { JobQueue, KeptObjects } from './job-queue';
import { decodeKept, KEEP_SECONDS, RELEASE_IF_OURS, type RedisKeys, redisKeys } from './redis-keys';

export interface RedisQueueOptions {
  url: string;
  /** Key prefix, so that two Heron installations may share one Redis. */
  prefix?: string;
  maxRunMs?: number;
  /** Runs of a job whose PACS failed (the first included) before it fails for good. */
  attempts?: number;
  /** First wait before a retry; it doubles each time. */
  backoffMs?: number;
}

/** What a queued job carries to the worker that takes it. */
export interface QueuedJob<I> {
  studyInstanceUID: string;
  input: I;
  maxRunMs: number;
}

/** A connection as BullMQ wants it: its blocking commands must not time out. */
export const redisConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: null });

/**
 * The queue of a Heron server when Redis is configured: jobs are added to BullMQ and run by whichever `heron worker`
 * (or server with its own worker) takes them; job state, the per-study lock and idempotency keys live in Redis, and
 * progress arrives over Redis pub/sub, so any server behind the load balancer answers for any job.
 */
export class RedisQueue<I, R> implements JobQueue<I, R> {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly queueConnection: Redis;
  private readonly queue: Queue<QueuedJob<I>>;
  private readonly keys: RedisKeys;
  private readonly listeners = new Map<string, Set<(e: ProgressEvent) => void>>();
  private readonly maxRunMs: number;

  constructor(private readonly opts: RedisQueueOptions) {
    this.keys = redisKeys(opts.prefix ?? 'heron');
    this.maxRunMs = opts.maxRunMs ?? MAX_RUN_MS;
    this.redis = redisConnection(opts.url);
    this.subscriber = redisConnection(opts.url);
    this.queueConnection = redisConnection(opts.url);
    this.queue = new Queue<QueuedJob<I>>(this.keys.queue, {
      connection: this.queueConnection,
      prefix: opts.prefix ?? 'heron',
    });
    this.subscriber.on('message', (channel: string, message: string) => {
      const id = channel.slice(channel.lastIndexOf(':') + 1);
      const event = JSON.parse(message) as ProgressEvent;
      for (const l of this.listeners.get(id) ?? []) l(event);
    });
  }

  async get(id: string): Promise<Job<R> | undefined> {
    const text = await this.redis.get(this.keys.job(id));
    return text ? (JSON.parse(text) as Job<R>) : undefined;
  }

  async subscribe(id: string, listener: (e: ProgressEvent) => void): Promise<() => void> {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
      await this.subscriber.subscribe(this.keys.events(id));
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) {
        this.listeners.delete(id);
        void this.subscriber.unsubscribe(this.keys.events(id)).catch(() => undefined);
      }
    };
  }

  async earlierOrRefusal(studyInstanceUID: string, idempotency: Idempotency | undefined): Promise<Job<R> | undefined> {
    if (idempotency) {
      const text = await this.redis.get(this.keys.idempotency(idempotency.key));
      const earlier = text ? (JSON.parse(text) as { jobId: string; request: string }) : undefined;
      const job = earlier ? await this.get(earlier.jobId) : undefined;
      if (job && earlier?.request !== idempotency.request) {
        throw new JobRefused(
          'This Idempotency-Key was already used for a different analysis request; send a new key for a new request.',
          422,
        );
      }
      if (job) return job;
    }
    const holder = await this.redis.get(this.keys.study(studyInstanceUID));
    if (holder) {
      const job = await this.get(holder);
      if (job && (job.state === 'queued' || job.state === 'running')) throw busy();
      // A lock whose job has finished (its worker died between the two writes) frees the study.
      await this.redis.eval(RELEASE_IF_OURS, 1, this.keys.study(studyInstanceUID), holder);
    }
    return undefined;
  }

  async start(
    studyInstanceUID: string,
    idempotency: Idempotency | undefined,
    input: I,
  ): Promise<{ job: Job<R>; repeated: boolean }> {
    const earlier = await this.earlierOrRefusal(studyInstanceUID, idempotency);
    if (earlier) return { job: earlier, repeated: true };
    const id = randomUUID();
    // The lock outlives the longest run by a minute plus the retries' waits: a worker that died holding it cannot
    // keep the study closed for good.
    const lockMs = this.maxRunMs * this.attempts() + 60_000 + this.backoffMs() * 2 ** this.attempts();
    const locked = await this.redis.set(this.keys.study(studyInstanceUID), id, 'PX', lockMs, 'NX');
    if (locked !== 'OK') throw busy();
    if (idempotency) {
      const claimed = await this.redis.set(
        this.keys.idempotency(idempotency.key),
        JSON.stringify({ jobId: id, request: idempotency.request }),
        'EX',
        KEEP_SECONDS,
        'NX',
      );
      if (claimed !== 'OK') {
        // The same key arrived at another server a moment ago: answer with that job.
        await this.redis.eval(RELEASE_IF_OURS, 1, this.keys.study(studyInstanceUID), id);
        const again = await this.earlierOrRefusal(studyInstanceUID, idempotency);
        if (again) return { job: again, repeated: true };
        throw busy();
      }
    }
    const at = new Date().toISOString();
    const job: Job<R> = {
      id,
      studyInstanceUID,
      state: 'queued',
      events: [{ state: 'queued', fraction: 0, message: 'Waiting for a worker', at }],
      createdAt: at,
    };
    await this.redis.set(this.keys.job(id), JSON.stringify(job), 'EX', KEEP_SECONDS);
    await this.queue.add(
      'analysis',
      { studyInstanceUID, input, maxRunMs: this.maxRunMs },
      {
        jobId: id,
        attempts: this.attempts(),
        backoff: { type: 'exponential', delay: this.backoffMs() },
        removeOnComplete: { age: KEEP_SECONDS },
        removeOnFail: { age: KEEP_SECONDS },
      },
    );
    return { job, repeated: false };
  }

  async jobOfReport(uid: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.report(uid))) ?? undefined;
  }

  async kept(id: string): Promise<KeptObjects | undefined> {
    const text = await this.redis.get(this.keys.kept(id));
    return text ? decodeKept(text) : undefined;
  }

  /**
   * A read-modify-write of the job's record: only after its worker has finished with it (a retried store of a failed
   * one), and retries of one job are serialised by the caller.
   */
  async amend(
    id: string,
    event: Omit<ProgressEvent, 'at'>,
    change: (job: Job<R>) => void,
  ): Promise<Job<R> | undefined> {
    const job = await this.get(id);
    if (!job) return undefined;
    const e: ProgressEvent = { ...event, at: new Date().toISOString() };
    job.events.push(e);
    change(job);
    await this.redis
      .multi()
      .set(this.keys.job(id), JSON.stringify(job), 'EX', KEEP_SECONDS)
      .publish(this.keys.events(id), JSON.stringify(e))
      .exec();
    return job;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.queueConnection.disconnect();
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  private attempts() {
    return this.opts.attempts ?? 3;
  }

  private backoffMs() {
    return this.opts.backoffMs ?? 2000;
  }
}

const busy = () =>
  new JobRefused('An analysis of this study is already running; wait for its result before starting another.', 409);
