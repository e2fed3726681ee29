// Rebuilds the demonstration model models/her2-demo with one command (`npm run build:demo -w models`): a synthetic
// cohort from the phantom generator (300 training + 150 test cases, HER2 status drawn at the generator's 30 %),
// features through `heron features`, the model through `heron train`. Byte-for-byte reproducible: every seed is
// fixed and the creation date is pinned.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(root, 'models/.cache/her2-demo');
mkdirSync(work, { recursive: true });
const heron = join(root, 'server/bin/heron.mjs');

const cohort = (first: number, count: number) =>
  ['case_id,phantom_seed', ...Array.from({ length: count }, (_, i) => `phantom-${first + i},${first + i}`)].join('\n') + '\n';
writeFileSync(join(work, 'train-cohort.csv'), cohort(1, 300));
writeFileSync(join(work, 'test-cohort.csv'), cohort(100001, 150));

const run = (args: string[]) => execFileSync(process.execPath, [heron, ...args], { stdio: 'inherit', cwd: root });
// The two cohorts are independent: extract them side by side, one per core.
const features = (set: string) =>
  new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [heron, 'features', '--cohort', join(work, `${set}-cohort.csv`), '--out', join(work, `${set}.csv`)], {
      stdio: 'inherit',
      cwd: root,
    });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`heron features (${set}) exited with ${code}`))));
  });
await Promise.all([features('train'), features('test')]);
run([
  'train', '--features', join(work, 'train.csv'), '--test', join(work, 'test.csv'), '--out', join(root, 'models/her2-demo'),
  '--algo', 'lasso-lr', '--folds', '10', '--seed', '1', '--name', 'HER2 demonstration model (synthetic)', '--created', '2025-01-01', '--synthetic',
]);
