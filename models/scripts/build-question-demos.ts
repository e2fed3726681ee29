// Rebuilds the synthetic demonstration package of every question beyond HER2-positive vs negative (her2-demo has its
// own script) with one command, `npm run build:demo-questions -w models`: models/her2-low-demo, fish-ihc2-demo,
// pcr-demo and dfs-demo. Phantom cases are chosen by their drawn outcomes (phantom/src/outcomes.ts) until every
// question has enough cases of each class, so one small pool of extracted cases serves all four; features through
// `heron features` once, classifiers through `heron train --question`, the survival model through
// buildSurvivalPackage. Every seed is fixed and the creation date pinned, so the packages are reproducible.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { samplePhenotype, sampleOutcomes, type CaseOutcomes } from '@heron/phantom';
import { buildSurvivalPackage, fitCox, parseExtractionSettings, survivalData } from '@heron/models';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(root, 'models/.cache/question-demos');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const heron = join(root, 'server/bin/heron.mjs');

type Classifier = { id: string; question: string; name: string; label: (o: CaseOutcomes) => 0 | 1 | null };
const CLASSIFIERS: Classifier[] = [
  {
    id: 'her2-low-demo',
    question: 'her2-low-vs-zero',
    name: 'HER2-low vs HER2-zero demonstration model (synthetic)',
    label: (o) => (o.her2Category === 'positive' ? null : o.her2Category === 'low' ? 1 : 0),
  },
  {
    id: 'fish-ihc2-demo',
    question: 'fish-status-ihc2plus',
    name: 'FISH amplification among IHC 2+ demonstration model (synthetic)',
    label: (o) => (o.ihc !== 2 ? null : o.fish === 'amplified' ? 1 : 0),
  },
  {
    id: 'pcr-demo',
    question: 'pcr-after-neoadjuvant',
    name: 'pCR after neoadjuvant therapy demonstration model (synthetic)',
    label: (o) => (o.pcr === null ? null : o.pcr ? 1 : 0),
  },
];
// Per question and class: training cases (>= the trainer's 20 per class) and test cases.
const PER_CLASS = { train: 24, test: 10 };

/** Seeds from `first` on, each kept while it fills a class some question still needs. */
function choose(first: number, perClass: number): { seeds: number[]; outcomes: Map<number, CaseOutcomes> } {
  const need = CLASSIFIERS.map(() => [perClass, perClass]);
  const seeds: number[] = [];
  const outcomes = new Map<number, CaseOutcomes>();
  for (let seed = first; need.some(([a, b]) => a > 0 || b > 0); seed++) {
    const o = sampleOutcomes(seed, samplePhenotype(seed));
    let useful = false;
    CLASSIFIERS.forEach((c, q) => {
      const y = c.label(o);
      if (y !== null && need[q][y] > 0) useful = true;
    });
    if (!useful) continue;
    CLASSIFIERS.forEach((c, q) => {
      const y = c.label(o);
      if (y !== null && need[q][y] > 0) need[q][y]--;
    });
    seeds.push(seed);
    outcomes.set(seed, o);
  }
  return { seeds, outcomes };
}

const train = choose(1, PER_CLASS.train);
const test = choose(100001, PER_CLASS.test);
const cohort = (seeds: number[]) =>
  ['case_id,phantom_seed', ...seeds.map((s) => `phantom-${s},${s}`)].join('\n') + '\n';
const half = Math.ceil(train.seeds.length / 2);
writeFileSync(join(work, 'train-a-cohort.csv'), cohort(train.seeds.slice(0, half)));
writeFileSync(join(work, 'train-b-cohort.csv'), cohort(train.seeds.slice(half)));
writeFileSync(join(work, 'test-cohort.csv'), cohort(test.seeds));
console.log(`${train.seeds.length} training and ${test.seeds.length} test cases`);

const features = (set: string) =>
  new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      [heron, 'features', '--cohort', join(work, `${set}-cohort.csv`), '--out', join(work, `${set}.csv`)],
      { stdio: 'inherit', cwd: root },
    );
    child.on('exit', (code) => {
      if (code === 0 || (code === 1 && existsSync(join(work, `${set}.csv`)))) done();
      else fail(new Error(`heron features (${set}) exited with ${code}`));
    });
  });
await Promise.all([features('train-a'), features('train-b'), features('test')]);

const read = (set: string) =>
  readFileSync(join(work, `${set}.csv`), 'utf8')
    .trimEnd()
    .split('\n');
const [headA, ...rowsA] = read('train-a');
const [headB, ...rowsB] = read('train-b');
if (headA !== headB) throw new Error('the two halves of the training cohort have different feature columns');
const [headT, ...rowsT] = read('test');
const header = headA.split(',');
if (header[1] !== 'label') throw new Error(`expected heron features' second column to be 'label', got ${header[1]}`);
const settingsPath = join(work, 'train-a.settings.json');
const seedOf = (row: string) => Number(row.slice('phantom-'.length, row.indexOf(',')));

/** The rows of a question, with the question's label in place of the phantom's HER2 label. */
function relabel(rows: string[], outcomes: Map<number, CaseOutcomes>, label: Classifier['label']): string[] {
  return rows.flatMap((row) => {
    const y = label(outcomes.get(seedOf(row))!);
    if (y === null) return [];
    const cells = row.split(',');
    cells[1] = String(y);
    return [cells.join(',')];
  });
}

for (const c of CLASSIFIERS) {
  const dir = join(work, c.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'train.csv'),
    [headA, ...relabel([...rowsA, ...rowsB], train.outcomes, c.label)].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'test.csv'), [headT, ...relabel(rowsT, test.outcomes, c.label)].join('\n') + '\n');
  execFileSync(
    process.execPath,
    [
      heron,
      'train',
      '--features',
      join(dir, 'train.csv'),
      '--test',
      join(dir, 'test.csv'),
      '--settings',
      settingsPath,
      '--out',
      join(root, 'models', c.id),
      '--question',
      c.question,
      '--algo',
      'lasso-lr',
      '--folds',
      '5',
      '--seed',
      '1',
      '--name',
      c.name,
      '--created',
      '2025-01-01',
      '--synthetic',
    ],
    { stdio: 'inherit', cwd: root },
  );
}

// Disease-free survival on every pool case: the five features with the largest univariate Cox |z| (a screen in the
// spirit of seed 003's selection before its LASSO-Cox), then the Cox model on them.
const table = (rows: string[], outcomes: Map<number, CaseOutcomes>) => {
  const x = rows.map((r) => r.split(',').slice(2).map(Number));
  const o = rows.map((r) => outcomes.get(seedOf(r))!);
  return { x, time: o.map((v) => v.dfsMonths), event: o.map((v) => (v.dfsEvent ? 1 : 0)) };
};
const all = table([...rowsA, ...rowsB], train.outcomes);
const names = header.slice(2);
const data = survivalData(all.time, all.event, 'DFS training set');
const z = names.map((_, j) => {
  const col = all.x.map((r) => r[j]);
  if (new Set(col).size < 3) return 0;
  try {
    const fit = fitCox([col], data);
    return Math.abs(fit.coefficients[0] / fit.standardErrors[0]);
  } catch {
    return 0;
  }
});
const picked = names
  .map((n, j) => ({ n, j, z: z[j] }))
  .filter((f) => Number.isFinite(f.z))
  .sort((a, b) => b.z - a.z || a.j - b.j)
  .slice(0, 5);
const columnsOf = (t: typeof all) => ({ ...t, x: t.x.map((r) => picked.map((f) => r[f.j])) });
const settings = parseExtractionSettings(JSON.parse(readFileSync(settingsPath, 'utf8')), settingsPath);
const dfs = await buildSurvivalPackage(
  columnsOf(all),
  {
    id: 'dfs-demo',
    name: 'Disease-free survival demonstration model (synthetic)',
    version: '1.0.0',
    created: '2025-01-01',
    event: 'recurrence, metastasis or death (simulated)',
    timeUnit: 'months',
    times: [12, 36, 60],
    inputs: picked.map((f) => f.n),
    sequences: settings.sequences,
    regions: settings.regions,
    intendedUse: 'Demonstration of a disease-free survival package in Heron; research use only, never for a patient.',
    limitations: [
      'Trained and evaluated on synthetic phantom data only: not for clinical use.',
      'Inputs chosen by a univariate Cox screen on the training set, so the training concordance is optimistic.',
      'The pool of phantom cases was chosen by outcome for the classification demos; its event rate is not a population rate.',
    ],
    trainingData: {
      description: 'Synthetic breast-MRI phantom cohort (@heron/phantom) with simulated disease-free survival',
      synthetic: true,
    },
  },
  columnsOf(table(rowsT, test.outcomes)),
);
const out = join(root, 'models/dfs-demo');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'model.onnx'), dfs.onnx);
for (const [name, text] of Object.entries(dfs.text)) writeFileSync(join(out, name), text);
console.log(
  `dfs-demo: ${picked.map((f) => f.n).join(', ')}; C = ${dfs.manifest.performance.map((p) => `${p.set} ${p.concordance.toFixed(3)}`).join(', ')}`,
);
