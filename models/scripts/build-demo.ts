// Rebuilds the demonstration model models/her2-demo with one command (`npm run build:demo -w models`): a synthetic
// cohort from the phantom generator (300 training + 150 test cases, HER2 status drawn at the generator's 30 %),
// features through `heron features`, the model through `heron train`. Byte-for-byte reproducible: every seed is
// fixed and the creation date is pinned.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(root, 'models/.cache/her2-demo');
// A fresh folder: a stale features file from an earlier run must never stand in for a failed extraction.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const heron = join(root, 'server/bin/heron.mjs');

const cohort = (first: number, count: number) =>
  ['case_id,phantom_seed', ...Array.from({ length: count }, (_, i) => `phantom-${first + i},${first + i}`)].join('\n') +
  '\n';
// The training cohort is extracted in two halves beside the test cohort (three processes keep two cores busy while
// one of them writes); the halves are then joined in seed order, so the result does not depend on the split.
writeFileSync(join(work, 'train-a-cohort.csv'), cohort(1, 150));
writeFileSync(join(work, 'train-b-cohort.csv'), cohort(151, 150));
writeFileSync(join(work, 'test-cohort.csv'), cohort(100001, 150));

const run = (args: string[]) => execFileSync(process.execPath, [heron, ...args], { stdio: 'inherit', cwd: root });
const features = (set: string) =>
  new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      [heron, 'features', '--cohort', join(work, `${set}-cohort.csv`), '--out', join(work, `${set}.csv`)],
      {
        stdio: 'inherit',
        cwd: root,
      },
    );
    // Exit 1 means some cases were reported and skipped; the rest were written and the card states the final n.
    child.on('exit', (code) => {
      if (code === 0) done();
      else if (code === 1 && existsSync(join(work, `${set}.csv`))) {
        console.warn(`heron features (${set}): some cases were skipped (see above)`);
        done();
      } else fail(new Error(`heron features (${set}) exited with ${code}`));
    });
  });
await Promise.all([features('train-a'), features('train-b'), features('test')]);
const [headA, ...rowsA] = readFileSync(join(work, 'train-a.csv'), 'utf8').trimEnd().split('\n');
const [headB, ...rowsB] = readFileSync(join(work, 'train-b.csv'), 'utf8').trimEnd().split('\n');
if (headA !== headB) throw new Error('the two halves of the training cohort have different feature columns');
writeFileSync(join(work, 'train.csv'), [headA, ...rowsA, ...rowsB].join('\n') + '\n');
copyFileSync(join(work, 'train-a.settings.json'), join(work, 'train.settings.json'));
run([
  'train',
  '--features',
  join(work, 'train.csv'),
  '--test',
  join(work, 'test.csv'),
  '--out',
  join(root, 'models/her2-demo'),
  '--algo',
  'lasso-lr',
  '--folds',
  '10',
  '--seed',
  '1',
  '--name',
  'HER2 demonstration model (synthetic)',
  '--created',
  '2025-01-01',
  '--synthetic',
]);
