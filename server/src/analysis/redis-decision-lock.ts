import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RELEASE_IF_OURS, redisKeys } from './redis-keys';
import type { DecisionSerializer } from './decision-lock';

/** Longest a decision may hold its study: a sign-off reads the study and stores one SR, seconds at most. */
const HOLD_MS = 60_000;
/** Longest a decision waits for another on the same study before it is refused. */
const WAIT_MS = 30_000;

/**
 * The decision lock shared by every Heron server on one Redis: a decision on a study waits while another server's
 * decision on it runs, then goes ahead (and finds the first in the study, as with the in-process lock).
 */
export class RedisDecisionLock implements DecisionSerializer {
  private readonly keys;

  constructor(
    private readonly redis: Redis,
    prefix = 'heron',
  ) {
    this.keys = redisKeys(prefix);
  }

  async run<T>(key: string, decide: () => Promise<T>): Promise<T> {
    const lock = this.keys.decision(key);
    const token = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    let pause = 20;
    while ((await this.redis.set(lock, token, 'PX', HOLD_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline)
        throw Object.assign(new Error('Another decision on this study is still being stored; try again in a moment.'), {
          status: 409,
        });
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 250);
    }
    try {
      return await decide();
    } finally {
      await this.redis.eval(RELEASE_IF_OURS, 1, lock, token);
    }
  }
}
