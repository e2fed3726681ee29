import { createHash } from 'node:crypto';

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
});
export type RedisKeys = ReturnType<typeof redisKeys>;

/** Deletes a lock only while it still holds our token: a lock that expired and was taken by another stays theirs. */
export const RELEASE_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Finished jobs and idempotency keys are kept a day, as in the in-process queue. */
export const KEEP_SECONDS = 24 * 3600;
