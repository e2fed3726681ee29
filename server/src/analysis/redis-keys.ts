import { createHash } from 'node:crypto';
import type { KeptObjects } from './job-queue';

/**
 * The names Heron's shared state has in Redis. Idempotency keys are hashed: they hold a login name, and Redis is not
 * where a reader's name should be readable.
 */
export const redisKeys = (prefix: string) => ({
  queue: 'analyses',
  job: (id: string) => `${prefix}:job:${id}`,
  events: (id: string) => `${prefix}:events:${id}`,
  owner: (id: string) => `${prefix}:owner:${id}`,
  study: (uid: string) => `${prefix}:study:${uid}`,
  idempotency: (key: string) => `${prefix}:idem:${createHash('sha256').update(key).digest('hex')}`,
  decision: (key: string) => `${prefix}:decision:${key}`,
  /** The job whose result stores a report (by the report's SOP Instance UID). */
  report: (uid: string) => `${prefix}:report:${uid}`,
  /** The built objects of a job's result, kept for a retried store. */
  kept: (id: string) => `${prefix}:kept:${id}`,
});
export type RedisKeys = ReturnType<typeof redisKeys>;

/** Deletes a lock only while it still holds our token: a lock that expired and was taken by another stays theirs. */
export const RELEASE_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Finished jobs and idempotency keys are kept a day, as in the in-process queue. */
export const KEEP_SECONDS = 24 * 3600;

/** The built objects of a result are kept this long for a retried store (a few MB each, so shorter than the job). */
export const KEEP_OBJECTS_SECONDS = 6 * 3600;

/** Kept objects as one Redis value: JSON with the bytes in base64. */
export const encodeKept = (k: KeptObjects): string =>
  JSON.stringify({ ...k, objects: k.objects.map((o) => ({ ...o, bytes: Buffer.from(o.bytes).toString('base64') })) });

export const decodeKept = (text: string): KeptObjects => {
  const k = JSON.parse(text) as Omit<KeptObjects, 'objects'> & {
    objects: Array<Omit<KeptObjects['objects'][number], 'bytes'> & { bytes: string }>;
  };
  return { ...k, objects: k.objects.map((o) => ({ ...o, bytes: new Uint8Array(Buffer.from(o.bytes, 'base64')) })) };
};
