import { Redis } from 'ioredis';
import type { HeronConfig } from '../config/heron-config';
import type { Finding } from './doctor-checks';

/** The shared queue's Redis, when one is configured: reachable, answering, and how many workers listen. */
export async function checkQueue(c: HeronConfig, findings: Finding[]): Promise<void> {
  if (!c.queue.redisUrl) {
    findings.push({
      severity: 'ok',
      text: 'Analyses run inside the server process (no queue.redisUrl); set it to share the work with heron workers.',
    });
    return;
  }
  const where = new URL(c.queue.redisUrl);
  const shown = `${where.protocol}//${where.host}`;
  // One attempt, no reconnection: doctor reports, it does not wait for Redis to come back.
  const redis = new Redis(c.queue.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    const clients = await redis.client('LIST');
    const workers = String(clients)
      .split('\n')
      .filter((line) => /cmd=(bzpopmin|brpoplpush|blmove)/i.test(line)).length;
    findings.push({
      severity: workers > 0 ? 'ok' : 'warning',
      text:
        workers > 0
          ? `Redis at ${shown} answers; ${workers} connection(s) wait for jobs (heron workers).`
          : `Redis at ${shown} answers, but no heron worker is waiting for jobs — start 'heron worker --config …' on at least one machine, or analyses stay queued.`,
    });
  } catch (err) {
    findings.push({
      severity: 'problem',
      text: `Redis at ${shown} (queue.redisUrl) does not answer: ${err instanceof Error ? err.message : String(err)} — start redis-server there or correct queue.redisUrl (HERON_REDIS_URL).`,
    });
  } finally {
    redis.disconnect();
  }
}
