// `heron features` over a small phantom cohort: one thread and two worker threads write the same file, in the
// cohort's order; a bad row is reported and skipped; bad options are usage errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './command';
import { featuresCommand } from './features-command';

const dir = mkdtempSync(join(tmpdir(), 'heron-features-'));

test('--jobs 2 writes what one thread writes; a bad case is skipped and named', async () => {
  const cohort = join(dir, 'cohort.csv');
  writeFileSync(cohort, 'case_id,label,phantom_seed\nc1,1,11\nbad,0,minus-one\nc2,0,12\nc3,,13\n');
  const outputs: string[] = [];
  for (const jobs of ['1', '2']) {
    const out = join(dir, `features-${jobs}.csv`);
    expect(await featuresCommand.run(['--cohort', cohort, '--out', out, '--jobs', jobs])).toBe(1);
    outputs.push(readFileSync(out, 'utf8'));
  }
  expect(outputs[1]).toBe(outputs[0]);
  const lines = outputs[0].trim().split('\n');
  expect(lines.map((l) => l.split(',')[0])).toEqual(['case_id', 'c1', 'c2', 'c3']);
  expect(lines[0].split(',').length).toBeGreaterThan(100);
  // The phantom's own status fills a missing label.
  expect(['0', '1']).toContain(lines[3].split(',')[1]);
  const settings = JSON.parse(readFileSync(join(dir, 'features-2.settings.json'), 'utf8'));
  expect(Object.keys(settings.sequences)).toEqual(['DCE2', 'T2', 'DWI']);
}, 300_000);

test('bad options are usage errors', async () => {
  await expect(featuresCommand.run(['--cohort', 'c.csv', '--out', 'f.csv', '--jobs', '0'])).rejects.toThrow(UsageError);
  await expect(featuresCommand.run(['--cohort', 'c.csv', '--out', 'f.csv', '--jobs', 'two'])).rejects.toThrow(
    /--jobs must be a positive integer, got 'two'/,
  );
  await expect(featuresCommand.run(['--out', 'f.csv'])).rejects.toThrow(/--cohort cohort.csv is required/);
});

test('a cohort naming a case twice, or without case_id first, is refused before any extraction', async () => {
  const twice = join(dir, 'twice.csv');
  writeFileSync(twice, 'case_id,phantom_seed\nc1,1\nc1,2\n');
  await expect(featuresCommand.run(['--cohort', twice, '--out', join(dir, 'x.csv')])).rejects.toThrow(
    /twice.csv: case 'c1' appears twice/,
  );
  const unnamed = join(dir, 'unnamed.csv');
  writeFileSync(unnamed, 'seed,case_id\n1,c1\n');
  await expect(featuresCommand.run(['--cohort', unnamed, '--out', join(dir, 'x.csv')])).rejects.toThrow(
    /the first column must be case_id/,
  );
});

test('--queue options are checked before anything is read or queued', async () => {
  const base = ['--cohort', 'c.csv', '--out', 'f.csv'];
  const env = process.env.HERON_REDIS_URL;
  delete process.env.HERON_REDIS_URL;
  try {
    await expect(featuresCommand.run([...base, '--queue'])).rejects.toThrow(/--queue needs --redis/);
    await expect(featuresCommand.run([...base, '--queue', '--redis', 'http://x'])).rejects.toThrow(
      /must start with redis:\/\//,
    );
    await expect(featuresCommand.run([...base, '--queue', '--jobs', '2', '--redis', 'redis://x'])).rejects.toThrow(
      /--jobs and --queue exclude each other/,
    );
    await expect(featuresCommand.run([...base, '--redis', 'redis://x'])).rejects.toThrow(/only go with --queue/);
    await expect(featuresCommand.run([...base, '--queue', '--redis', 'redis://x', '--prefix', 'a:b'])).rejects.toThrow(
      /--prefix must be/,
    );
  } finally {
    if (env !== undefined) process.env.HERON_REDIS_URL = env;
  }
});

test('--queue against a Redis that does not answer says so', async () => {
  const cohort = join(dir, 'q.csv');
  writeFileSync(cohort, 'case_id,phantom_seed\nc1,11\n');
  await expect(
    featuresCommand.run([
      '--cohort',
      cohort,
      '--out',
      join(dir, 'q-out.csv'),
      '--queue',
      '--redis',
      'redis://127.0.0.1:9',
    ]),
  ).rejects.toThrow(/Redis at 127.0.0.1:9 does not answer/);
}, 30_000);
