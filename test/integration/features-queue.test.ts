// `heron features --queue` (issue 15): a real redis-server and two `heron worker` processes compute a phantom
// cohort's cases; the file is byte for byte the one a local run writes; a bad case is named and sets the exit code;
// the command killed mid-run and started again finishes without computing any case twice.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisConnection } from '@heron/server';
import { runHeron } from '../support/cli';
import { repoRoot } from '../support/paths';
import { startTestRedis, type TestRedis } from '../support/redis-harness';

const CASES = 10;
const dir = mkdtempSync(join(tmpdir(), 'heron-features-queue-'));
const heron = join(repoRoot, 'server', 'bin', 'heron.mjs');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HERON_')));
let redis: TestRedis;
const workers: ChildProcess[] = [];
let configFile: string;
const cohort = join(dir, 'cohort.csv');

async function startWorker(): Promise<void> {
  const child = spawn(process.execPath, [heron, 'worker', '--config', configFile], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  let said = '';
  await new Promise<void>((resolve, reject) => {
    const listen = (d: Buffer) => {
      said += d.toString();
      if (said.includes('Heron worker is taking')) resolve();
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code) => reject(new Error(`heron worker exited (${code}):\n${said}`)));
  });
}

beforeAll(async () => {
  redis = await startTestRedis();
  const rows = Array.from({ length: CASES }, (_, i) => `c${i},${i % 2},${20 + i}`);
  // A bad row in the middle: its failure must be named and must not shift the rows after it.
  rows.splice(4, 0, 'bad,1,minus-one');
  writeFileSync(cohort, ['case_id,label,phantom_seed', ...rows].join('\n') + '\n');
  // A worker checks the configuration as `heron serve` does; this one never reaches its Orthanc.
  writeFileSync(join(dir, 'orthanc-password'), 'unused-password\n', { mode: 0o600 });
  writeFileSync(join(dir, 'readers.yaml'), 'dr-batch: batch-reader-password\n', { mode: 0o600 });
  configFile = join(dir, 'heron.config.yaml');
  writeFileSync(
    configFile,
    [
      'server:',
      '  viewer: false',
      'orthanc:',
      '  restUrl: http://127.0.0.1:9',
      '  username: heron',
      '  passwordFile: orthanc-password',
      'readersFile: readers.yaml',
      `modelsDir: ${join(repoRoot, 'models')}`,
      'stateDir: state',
      'logLevel: info',
      'queue:',
      `  redisUrl: ${redis.url}`,
      '  stallSeconds: 15',
    ].join('\n'),
  );
  await Promise.all([startWorker(), startWorker()]);
}, 120_000);

afterAll(async () => {
  for (const w of workers) {
    if (w.exitCode !== null || w.signalCode !== null) continue;
    const exited = new Promise((r) => w.once('exit', r));
    w.kill('SIGTERM');
    await exited;
  }
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('the queued file equals the local one; an interrupted run resumes without recomputing', async () => {
  const local = await runHeron(['features', '--cohort', cohort, '--out', join(dir, 'local.csv')]);
  expect(local.code).toBe(1);
  expect(local.err).toContain("skipped case bad: phantom_seed must be a non-negative integer, got 'minus-one'");

  // The first run, in its own process, killed outright once three cases are in.
  const out = join(dir, 'queued.csv');
  const args = [heron, 'features', '--cohort', cohort, '--out', out, '--queue', '--redis', redis.url];
  const first = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const firstExit = new Promise((r) => first.once('exit', r));
  const db = redisConnection(redis.url);
  try {
    let results: string[] = [];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      results = await db.keys('heron:features:*:results');
      if (results.length === 1 && (await db.hlen(results[0])) >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    first.kill('SIGKILL');
    await firstExit;
    const before = await db.hlen(results[0]);
    expect(before).toBeGreaterThanOrEqual(3);

    const second = await runHeron(['features', '--cohort', cohort, '--out', out, '--queue', '--redis', redis.url]);
    expect(second.code).toBe(1);
    // What was computed before the interruption was read back, not queued again.
    const resumed = /: (\d+) of 11 cases already computed/.exec(second.out);
    expect(Number(resumed?.[1])).toBeGreaterThanOrEqual(3);
    expect(second.err).toContain("skipped case bad: phantom_seed must be a non-negative integer, got 'minus-one'");
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'local.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'queued.settings.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'local.settings.json'), 'utf8'),
    );

    // Each good case computed exactly once over both runs (the bad one may be tried once per run).
    const computed = await db.hgetall(results[0].replace(/:results$/, ':computed'));
    for (let index = 0; index < CASES + 1; index++) {
      if (index === 4) expect(Number(computed[String(index)])).toBeGreaterThanOrEqual(1);
      else expect([index, computed[String(index)]]).toEqual([index, '1']);
    }
    console.log(`computed per case: ${JSON.stringify(computed)}; ${before} results before the interruption`);
  } finally {
    db.disconnect();
  }
}, 300_000);
