// `heron train --algo compare` on a small synthetic cohort: one report compares every algorithm (AUCs with DeLong
// CIs, pairwise DeLong tests on the same folds and on the test set), and every package it writes loads, predicts in
// onnxruntime-web (Node) what the report says, and explains with the efficiency property.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { COMPARED_ALGORITHMS, createPredictor, explainCase, gaussian, mulberry32 } from '@heron/models';
import { readModelPackage } from '@heron/models/node';
import { runHeron } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'heron-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FEATURES = [
  'DCE2/intra/original_firstorder_Mean',
  'T2/intra/original_glcm_Contrast',
  'DCE2/intra/original_glszm_ZoneEntropy',
  'T2/intra/original_firstorder_Noise',
];

/** Two informative features, one weakly informative, one noise; raw units of different scales. */
function writeCohort(path: string, n: number, seed: number): void {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const rows = [['id', 'label', ...FEATURES].join(',')];
  for (let i = 0; i < n; i++) {
    const y = i % 2;
    const f = [100 + 18 * y + 15 * normal(), 5 - 1.2 * y + 1.5 * normal(), 3 + 0.3 * y + normal(), normal()];
    rows.push([`s${seed}-${i}`, y, ...f.map((v) => v.toFixed(6))].join(','));
  }
  writeFileSync(path, rows.join('\n') + '\n');
}

const settings = {
  sequences: {
    DCE2: { description: 'DCE phase 2', source: { role: 'dce', phase: 2 }, regions: ['intra'], params: {} },
    T2: { description: 'T2', source: { role: 't2' }, regions: ['intra'], params: {} },
  },
  regions: [{ name: 'intra', kind: 'tumour' }],
};

test('heron train --algo compare writes one comparison report and a working package per algorithm', async () => {
  const train = join(dir, 'train.csv');
  const held = join(dir, 'test.csv');
  writeCohort(train, 100, 1);
  writeCohort(held, 60, 2);
  writeFileSync(join(dir, 'train.settings.json'), JSON.stringify(settings));
  const out = join(dir, 'models', 'cmp');
  const argv = ['train', '--features', train, '--test', held, '--out', out, '--algo', 'compare', '--folds', '4'];
  const r = await runHeron([...argv, '--seed', '3', '--created', '2026-01-01', '--synthetic']);
  if (r.code !== 0) throw new Error(r.err);
  expect(r.out).toMatch(/Compared 9 algorithms on 4 folds/);

  const report = readFileSync(join(out, 'COMPARISON.md'), 'utf8');
  expect(report).toMatch(/Synthetic data\. Research use only/);
  expect(report).toContain('![ROC curves](roc-cross-validation.svg)');
  expect(readFileSync(join(out, 'roc-test.svg'), 'utf8')).toMatch(/^<svg/);
  const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
  expect(json.algorithms).toEqual(COMPARED_ALGORITHMS);
  expect(json.sets.map((s: { set: string }) => s.set)).toEqual(['cross-validation', 'test']);
  for (const s of json.sets) {
    expect(s.pairs).toHaveLength((9 * 8) / 2);
    for (const a of COMPARED_ALGORITHMS) {
      expect(report).toContain(`\`${a}\``);
      // The signal is strong: every algorithm separates the classes, out of fold and on the test set.
      expect(s.auc[a].auc).toBeGreaterThan(0.7);
      expect(s.auc[a].ci[0]).toBeLessThan(s.auc[a].auc);
    }
    for (const p of s.pairs) expect(p.p).toBeGreaterThanOrEqual(0);
  }

  const testRows = readFileSync(held, 'utf8').trim().split('\n').slice(1, 6);
  for (const a of COMPARED_ALGORITHMS) {
    const pkgDir = join(out, a);
    const pkg = await readModelPackage(pkgDir, { checkEngine: false });
    expect(pkg.manifest.trainingData.synthetic).toBe(true);
    expect(readFileSync(join(pkgDir, 'MODEL_CARD.md'), 'utf8')).toMatch(/Trained on synthetic data/);
    // Each package's own report names its algorithm, never another's.
    const own = readFileSync(join(pkgDir, 'REPORT.md'), 'utf8');
    if (a === 'knn') expect(own).toMatch(/Algorithm: k-nearest neighbours \(k = 15\)/);
    if (a === 'mlp') expect(own).not.toMatch(/gradient-boosted/);
    const predictor = await createPredictor(ort, pkg.onnx, pkg.manifest.inputs.length);
    for (const line of testRows) {
      const cells = line.split(',');
      const x = pkg.manifest.inputs.map((i) => Number(cells[2 + FEATURES.indexOf(i.name)]));
      const e = await explainCase(pkg, predictor, x);
      expect(e.probability).toBeGreaterThanOrEqual(0);
      expect(e.probability).toBeLessThanOrEqual(1);
      const sum = e.shap.phi.reduce((s, v) => s + v, 0);
      // float32 graphs: efficiency of the exact enumeration holds to float32 rounding of the model outputs.
      expect(Math.abs(sum - (e.shap.value - e.shap.base))).toBeLessThan(1e-6);
    }
    await predictor.release();
  }
});
