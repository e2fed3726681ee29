import { createServer } from 'node:net';
import type { HeronConfig } from '../config/heron-config';
import type { Finding } from './doctor-checks';
import { checkQueue } from './queue-check';

const withQueue = (queue: HeronConfig['queue']) => ({ queue }) as HeronConfig;

it('says analyses run in the server when no Redis is configured', async () => {
  const findings: Finding[] = [];
  await checkQueue(withQueue({ prefix: 'heron', concurrency: 1, stallSeconds: 30 }), findings);
  expect(findings).toEqual([{ severity: 'ok', text: expect.stringMatching(/inside the server process/) }]);
});

it('names a Redis that does not answer as a problem with its fix, without its password', async () => {
  // A port that was free a moment ago: nothing listens on it.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const findings: Finding[] = [];
  await checkQueue(
    withQueue({ redisUrl: `redis://:s3cret@127.0.0.1:${port}`, prefix: 'heron', concurrency: 1, stallSeconds: 30 }),
    findings,
  );
  expect(findings).toEqual([
    {
      severity: 'problem',
      text: expect.stringMatching(new RegExp(`redis://127.0.0.1:${port} .*does not answer.*HERON_REDIS_URL`)),
    },
  ]);
  expect(findings[0]!.text).not.toContain('s3cret');
});
