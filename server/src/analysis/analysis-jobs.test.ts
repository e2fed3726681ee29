import { AnalysisJobs, JobRefused } from './analysis-jobs';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('AnalysisJobs', () => {
  it('publishes a result before the run ends, and the watchdog stops at it', async () => {
    const jobs = new AnalysisJobs<string>(undefined, 50);
    const store = deferred<void>();
    const { job } = jobs.start('1.2.3', undefined, async (progress, _id, results) => {
      progress('explain', 'Explaining');
      await results.publish('computed', { message: 'Result ready', storage: 'storing', report: '2.25.7' });
      await store.promise;
      await results.publish('stored', { message: 'Stored', storage: 'stored', report: '2.25.7' });
      return 'stored';
    });
    await settle();
    expect(job).toMatchObject({ state: 'succeeded', result: 'computed' });
    expect(jobs.jobOfReport('2.25.7')).toBe(job.id);
    // Past the watchdog's 50 ms, the store still runs: the watchdog guards the computation only.
    await new Promise((r) => setTimeout(r, 80));
    store.resolve();
    await settle();
    expect(job).toMatchObject({ state: 'succeeded', result: 'stored' });
    expect(job.events.filter((e) => e.storage).map((e) => [e.state, e.stage, e.storage])).toEqual([
      ['succeeded', 'store', 'storing'],
      ['succeeded', 'store', 'stored'],
    ]);
    // The runner's last word stands; no generic 'Done' follows it.
    expect(job.events.at(-1)?.message).toBe('Stored');
  });

  it('keeps objects for a retry up to its byte bound, oldest out', async () => {
    const jobs = new AnalysisJobs<number>(undefined, undefined, 1000);
    const big = (n: number) => ({
      studyInstanceUID: '1.2.3',
      objects: [
        {
          sopClassUID: '1',
          sopInstanceUID: `2.${n}`,
          seriesInstanceUID: '3',
          bytes: new Uint8Array(501),
        },
      ],
    });
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { job } = jobs.start(`1.2.${n}`, undefined, async (_p, _id, results) => {
        await results.keep(big(n));
        return n;
      });
      ids.push(job.id);
      await settle();
    }
    expect(ids.map((id) => jobs.kept(id)?.objects[0]?.sopInstanceUID)).toEqual([undefined, undefined, '2.2']);
  });

  it('runs a job through its stages and keeps the result', async () => {
    const jobs = new AnalysisJobs<number>();
    const { job } = jobs.start('1.2.3', undefined, async (progress) => {
      progress('fetch', 'Loading series');
      progress('predict', 'Running the model');
      return 42;
    });
    await settle();
    expect(jobs.get(job.id)?.state).toBe('succeeded');
    expect(jobs.get(job.id)?.result).toBe(42);
    expect(job.events.map((e) => [e.state, e.stage ?? '-', e.fraction])).toEqual([
      ['queued', '-', 0],
      ['running', 'fetch', 0],
      ['running', 'predict', 3 / 6],
      ['succeeded', '-', 1],
    ]);
  });

  it('keeps the error message of a failed job', async () => {
    const jobs = new AnalysisJobs<number>();
    const { job } = jobs.start('1.2.3', undefined, async () => {
      throw new Error('The outline is empty.');
    });
    await settle();
    expect(job.state).toBe('failed');
    expect(job.error).toBe('The outline is empty.');
    expect(job.events.at(-1)?.message).toBe('The outline is empty.');
  });

  it('refuses a second analysis of a study while one runs, and allows it afterwards', async () => {
    const jobs = new AnalysisJobs<number>();
    const gate = deferred<number>();
    jobs.start('1.2.3', undefined, () => gate.promise);
    expect(() => jobs.start('1.2.3', undefined, async () => 1)).toThrow(JobRefused);
    expect(jobs.start('4.5.6', undefined, async () => 1).job.studyInstanceUID).toBe('4.5.6');
    gate.resolve(7);
    await settle();
    expect(jobs.start('1.2.3', undefined, async () => 1).repeated).toBe(false);
  });

  it('answers a repeated idempotency key with the same job, without running again', async () => {
    const jobs = new AnalysisJobs<number>();
    let runs = 0;
    const first = jobs.start('1.2.3', { key: 'key-1', request: 'A' }, async () => ++runs);
    await settle();
    const again = jobs.start('1.2.3', { key: 'key-1', request: 'A' }, async () => ++runs);
    expect(again.repeated).toBe(true);
    expect(again.job.id).toBe(first.job.id);
    expect(runs).toBe(1);
  });

  it('refuses an idempotency key reused with another request with 422', async () => {
    const jobs = new AnalysisJobs<number>();
    jobs.start('1.2.3', { key: 'key-1', request: 'A' }, async () => 1);
    await settle();
    expect(() => jobs.start('4.5.6', { key: 'key-1', request: 'B' }, async () => 2)).toThrow(
      expect.objectContaining({ status: 422 }) as Error,
    );
  });

  it('fails a job over its time with a message, frees the study, and stops the run at its next stage', async () => {
    const jobs = new AnalysisJobs<number>(undefined, 20);
    const gate = deferred<number>();
    let stored = false;
    const { job } = jobs.start('1.2.3', undefined, async (progress) => {
      const v = await gate.promise;
      progress('store', 'Storing');
      stored = true;
      return v;
    });
    await new Promise((r) => setTimeout(r, 40));
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/^The analysis did not finish within .*the PACS stopped answering/);
    expect(jobs.start('1.2.3', undefined, async () => 1).repeated).toBe(false);
    gate.resolve(1);
    await settle();
    expect(stored).toBe(false);
  });

  it('streams later events to subscribers', async () => {
    const jobs = new AnalysisJobs<number>();
    const gate = deferred<number>();
    const { job } = jobs.start('1.2.3', undefined, async (progress) => {
      const v = await gate.promise;
      progress('store', 'Storing');
      return v;
    });
    const seen: string[] = [];
    const stop = jobs.subscribe(job.id, (e) => seen.push(e.state));
    gate.resolve(1);
    await settle();
    stop();
    expect(seen).toEqual(['running', 'succeeded']);
  });

  it('forgets finished jobs after a day', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const jobs = new AnalysisJobs<number>(() => now);
    const { job } = jobs.start('1.2.3', { key: 'k', request: 'A' }, async () => 1);
    await settle();
    now = new Date('2026-01-02T01:00:00Z');
    const next = jobs.start('1.2.3', { key: 'k', request: 'A' }, async () => 2);
    expect(next.repeated).toBe(false);
    expect(jobs.get(job.id)).toBeUndefined();
  });
});
