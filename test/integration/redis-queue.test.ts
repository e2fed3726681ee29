// The shared job queue (issue 15) against a real redis-server: two servers' queues and two workers on one Redis.
// The runner here is a small stand-in for the analysis pipeline, so that these tests exercise the queue itself
// (locks, idempotency, retries, progress across processes); redis-workers.test.ts runs real analyses.
import { PacsError } from '@heron/dicom/dicomweb';
import { type JobRunner, RedisDecisionLock, RedisQueue, RedisWorker, redisConnection } from '@heron/server';
import type { ProgressEvent } from '@heron/server/contract';
import { startTestRedis, type TestRedis } from '../support/redis-harness';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
}, 20_000);
afterAll(() => redis?.stop());

interface Input {
  n: number;
  failFirst?: 'pacs' | 'bad';
}

async function until<T>(get: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const finished = (q: RedisQueue<Input, number>, id: string) =>
  until(async () => {
    const j = await q.get(id);
    return j && (j.state === 'succeeded' || j.state === 'failed') ? j : undefined;
  });

test('20 jobs on two workers all finish, each run once; two servers share lock, idempotency and progress', async () => {
  const prefix = 'q1';
  const runs = new Map<number, number>();
  const runner: JobRunner<Input, number> = async (input, progress) => {
    runs.set(input.n, (runs.get(input.n) ?? 0) + 1);
    progress('fetch', 'Reading');
    await new Promise((r) => setTimeout(r, 30));
    progress('extract', 'Computing');
    return input.n * 2;
  };
  const a = new RedisQueue<Input, number>({ url: redis.url, prefix });
  const b = new RedisQueue<Input, number>({ url: redis.url, prefix });
  const workers = [1, 2].map(() => new RedisWorker(runner, { url: redis.url, prefix }));
  try {
    await Promise.all(workers.map((w) => w.ready()));
    // Progress of a job started on server A, followed on server B.
    const seen: ProgressEvent[] = [];
    const first = await a.start('1.2.3.100', { key: 'reader\u0000k1', request: 'r1' }, { n: 100 });
    const stop = await b.subscribe(first.job.id, (e) => seen.push(e));
    // The same study on the other server is refused while the job waits or runs; the same key answers the same job.
    await expect(b.start('1.2.3.100', undefined, { n: 101 })).rejects.toMatchObject({ status: 409 });
    const again = await b.start('1.2.3.100', { key: 'reader\u0000k1', request: 'r1' }, { n: 100 });
    expect(again).toMatchObject({ repeated: true, job: { id: first.job.id } });
    await expect(b.start('1.2.3.100', { key: 'reader\u0000k1', request: 'other' }, { n: 100 })).rejects.toMatchObject({
      status: 422,
    });
    const done = await finished(b, first.job.id);
    stop();
    expect(done).toMatchObject({ state: 'succeeded', result: 200 });
    await until(async () => (seen.some((e) => e.state === 'succeeded') ? true : undefined));
    expect(seen.map((e) => e.stage ?? e.state)).toEqual(['running', 'fetch', 'extract', 'succeeded']);

    // Twenty studies, alternately through both servers.
    const started = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).start(`1.2.3.${n}`, undefined, { n })),
    );
    const results = await Promise.all(started.map(({ job }) => finished(a, job.id)));
    expect(results.map((j) => [j.state, j.result])).toEqual(Array.from({ length: 20 }, (_, n) => ['succeeded', n * 2]));
    for (let n = 0; n < 20; n++) expect(runs.get(n)).toBe(1);
    // A finished job frees its study.
    const next = await b.start('1.2.3.0', undefined, { n: 0 });
    expect((await finished(a, next.job.id)).state).toBe('succeeded');
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all([a.close(), b.close()]);
  }
}, 60_000);

test('a PACS failure is retried with backoff; any other failure is final at once, with its message', async () => {
  const prefix = 'q2';
  const tries = new Map<number, number>();
  const runner: JobRunner<Input, number> = async (input) => {
    const t = (tries.get(input.n) ?? 0) + 1;
    tries.set(input.n, t);
    if (input.failFirst === 'pacs' && t === 1) throw new PacsError('Reading the study: the PACS (Orthanc) failed', 502);
    if (input.failFirst === 'bad') throw new Error('This study has no post-contrast series.');
    return t;
  };
  const q = new RedisQueue<Input, number>({ url: redis.url, prefix, backoffMs: 50 });
  const w = new RedisWorker(runner, { url: redis.url, prefix });
  try {
    await w.ready();
    const retried = await q.start('1.2.3.1', undefined, { n: 1, failFirst: 'pacs' });
    const bad = await q.start('1.2.3.2', undefined, { n: 2, failFirst: 'bad' });
    const r = await finished(q, retried.job.id);
    expect(r).toMatchObject({ state: 'succeeded', result: 2 });
    expect(r.events.map((e) => e.message)).toContain('Starting again (attempt 2 of 3)');
    const f = await finished(q, bad.job.id);
    expect(f).toMatchObject({ state: 'failed', error: 'This study has no post-contrast series.' });
    expect(tries.get(2)).toBe(1);
  } finally {
    await w.close();
    await q.close();
  }
}, 30_000);

test('decisions on one study through two servers run one after the other', async () => {
  const c1 = redisConnection(redis.url);
  const c2 = redisConnection(redis.url);
  const l1 = new RedisDecisionLock(c1, 'q3');
  const l2 = new RedisDecisionLock(c2, 'q3');
  const order: string[] = [];
  const decide = (name: string) => async () => {
    order.push(`${name} in`);
    await new Promise((r) => setTimeout(r, 100));
    order.push(`${name} out`);
    return name;
  };
  try {
    const results = await Promise.all([l1.run('1.2.3', decide('one')), l2.run('1.2.3', decide('two'))]);
    expect(results).toEqual(['one', 'two']);
    expect(order).toEqual([
      `${order[0]!.split(' ')[0]} in`,
      `${order[0]!.split(' ')[0]} out`,
      expect.any(String),
      expect.any(String),
    ]);
    expect(order[2]!.endsWith('in') && order[3]!.endsWith('out')).toBe(true);
  } finally {
    c1.disconnect();
    c2.disconnect();
  }
});
