// `heron train` with the seed methods' options end to end: `--icc` reads what `heron icc` writes and keeps only the
// reproducible features, `--selection gbdt-importance --top K` replaces the LASSO (seed 001), and `--clinical`
// gives a combined model whose package carries a nomogram and bootstrap-corrected calibration; `--icc` also filters
// the candidates of every algorithm of `--algo compare`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHeron } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'heron-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Mulberry32 and Box-Muller, so the cohort is the same on every run. */
function generator(seed: number) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return { random, normal };
}

const FEATURES = [
  'DCE2/intra/original_firstorder_Mean',
  'DCE2/intra/original_firstorder_Median',
  'T2/intra/original_glcm_Contrast',
  'T2/intra/original_firstorder_Skewness',
  'T2/intra/original_firstorder_Kurtosis',
  'T2/intra/original_glcm_Correlation',
];

function writeCohort(path: string, n: number, seed: number) {
  const { random, normal } = generator(seed);
  const lines = [['case_id', 'label', 'ki67_high', ...FEATURES].join(',')];
  for (let i = 0; i < n; i++) {
    const y = random() < 0.35 ? 1 : 0;
    const mean = 100 + 20 * y + 15 * normal();
    const row = [
      `c${seed}-${i}`,
      y,
      random() < 0.3 + 0.4 * y ? 1 : 0,
      mean,
      mean + 2 * normal(),
      5 - 1.5 * y + 2 * normal(),
      normal(),
      normal(),
      normal(),
    ];
    lines.push(row.join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

const settings = {
  sequences: {
    DCE2: {
      description: 'DCE phase 2',
      source: { role: 'dce', phase: 2 },
      regions: ['intra'],
      params: { setting: { binWidth: 25 } },
    },
    T2: { description: 'T2', source: { role: 't2' }, regions: ['intra'], params: { setting: { binWidth: 25 } } },
  },
  regions: [{ name: 'intra', kind: 'tumour' }],
};

test('train --icc --selection gbdt-importance --clinical: recorded in the manifest, nomogram in the package', async () => {
  const features = join(dir, 'features.csv');
  writeCohort(features, 240, 1);
  writeFileSync(join(dir, 'features.settings.json'), JSON.stringify(settings));
  // The reader study found the DCE Mean unreproducible.
  const icc = join(dir, 'readers.icc.csv');
  writeFileSync(
    icc,
    ['feature,icc1,icc2,icc3,kept', ...FEATURES.map((f, k) => `${f},0.9,${k === 0 ? 0.6 : 0.9},0.9,${k !== 0}`)].join(
      '\n',
    ) + '\n',
  );
  const out = join(dir, 'model');
  const r = await runHeron([
    ...['train', '--features', features, '--out', out, '--icc', icc, '--selection', 'gbdt-importance'],
    ...[
      '--top',
      '2',
      '--clinical',
      'ki67_high',
      '--folds',
      '5',
      '--seed',
      '3',
      '--created',
      '2026-01-01',
      '--synthetic',
    ],
  ]);
  if (r.code !== 0) throw new Error(r.err);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  expect(manifest.pipeline).toEqual({
    scaling: 'z-score',
    univariate: 'mann-whitney',
    icc: { source: 'readers.icc.csv', assessed: 6, kept: 5 },
    selection: { method: 'gbdt-importance', top: 2 },
  });
  const names = manifest.inputs.map((i: { name: string }) => i.name);
  expect(names).not.toContain('DCE2/intra/original_firstorder_Mean');
  expect(names.at(-1)).toBe('clinical/ki67_high');
  expect(names.length).toBeLessThanOrEqual(3);
  const card = readFileSync(join(out, 'MODEL_CARD.md'), 'utf8');
  expect(card).toContain('Trained on synthetic data');
  expect(card).toContain('logistic regression on GBDT-selected features');
  expect(card).toContain('inter-reader ICC(2,1) filter (readers.icc.csv: 5 of 6 features kept)');
  expect(card).toContain('![Nomogram](nomogram.svg)');
  expect(readFileSync(join(out, 'nomogram.svg'), 'utf8')).toContain('Total points');
  expect(readFileSync(join(out, 'REPORT.md'), 'utf8')).toContain('## Bootstrap bias-corrected calibration');

  // An ICC table that misses a feature of the training table is refused, naming it.
  writeFileSync(icc, ['feature,icc1,icc2,icc3,kept', ...FEATURES.slice(1).map((f) => `${f},1,1,1,true`)].join('\n'));
  const bad = await runHeron([
    ...['train', '--features', features, '--out', join(dir, 'bad'), '--icc', icc, '--clinical', 'ki67_high'],
  ]);
  expect(bad.code).not.toBe(0);
  expect(bad.err).toMatch(
    /readers.icc.csv has no ICC for 1 feature of the training table \(DCE2\/intra\/original_firstorder_Mean\)/,
  );
});

test("train --algo compare --icc: each algorithm's package keeps only the reproducible features", async () => {
  const features = join(dir, 'features-compare.csv');
  writeCohort(features, 240, 2);
  // --algo compare takes no clinical inputs: drop the ki67_high column (the third).
  writeFileSync(
    features,
    readFileSync(features, 'utf8')
      .split('\n')
      .map((line) => (line ? line.split(',').toSpliced(2, 1).join(',') : line))
      .join('\n'),
  );
  writeFileSync(join(dir, 'features-compare.settings.json'), JSON.stringify(settings));
  const icc = join(dir, 'compare.icc.csv');
  writeFileSync(
    icc,
    ['feature,icc1,icc2,icc3,kept', ...FEATURES.map((f, k) => `${f},0.9,${k === 0 ? 0.6 : 0.9},0.9,${k !== 0}`)].join(
      '\n',
    ) + '\n',
  );
  const out = join(dir, 'compare');
  const r = await runHeron([
    ...['train', '--features', features, '--out', out, '--algo', 'compare', '--icc', icc],
    ...['--folds', '5', '--seed', '3', '--created', '2026-01-01', '--synthetic'],
  ]);
  if (r.code !== 0) throw new Error(r.err);
  for (const algo of ['lasso-lr', 'knn', 'random-forest']) {
    const manifest = JSON.parse(readFileSync(join(out, algo, 'manifest.json'), 'utf8'));
    expect(manifest.pipeline.icc).toEqual({ source: 'compare.icc.csv', assessed: 6, kept: 5 });
    expect(manifest.inputs.map((i: { name: string }) => i.name)).not.toContain('DCE2/intra/original_firstorder_Mean');
    expect(readFileSync(join(out, algo, 'REPORT.md'), 'utf8')).toContain(
      'inter-reader ICC(2,1) filter (compare.icc.csv): 5 of 6 features kept',
    );
  }
  expect(readFileSync(join(out, 'knn', 'MODEL_CARD.md'), 'utf8')).toContain('k-nearest neighbours (k = 15) on');
  expect(readFileSync(join(out, 'knn', 'REPORT.md'), 'utf8')).toContain('Algorithm: k-nearest neighbours (k = 15).');
});
