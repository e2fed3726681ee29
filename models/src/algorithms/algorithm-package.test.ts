// A classifier package with more than 16 inputs: trained by the pipeline, written, loaded and explained by
// permutation sampling (the manifest says so and how many orders), with efficiency and a standard error per input.
import * as ort from 'onnxruntime-web';
import { buildPackage, type PackageInfo } from '../build-package';
import { explainCase } from '../explain';
import { createPredictor } from '../inference';
import { loadModelPackage } from '../model-package';
import { gaussian, mulberry32 } from '../train/random';
import { trainModel, type LabelledSet } from '../train/train-model';

/** 18 independent features, each shifted a little by the label, so that all pass screening. */
function cohort(n: number, seed: number): LabelledSet {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const y = Array.from({ length: n }, (_, i) => i % 2);
  const features = new Map<string, Float64Array>();
  for (let k = 0; k < 18; k++)
    features.set(
      `T2/intra/original_firstorder_F${k}`,
      Float64Array.from({ length: n }, (_, i) => 10 + k + 0.6 * y[i] + normal()),
    );
  return { ids: y.map((_, i) => `c${i}`), features, clinical: new Map(), y };
}

const info: PackageInfo = {
  id: 'wide-test',
  name: 'Wide test model',
  version: '0.0.1',
  created: '2026-01-01',
  question: 'her2-positive-vs-negative',
  description: 'HER2-positive vs HER2-negative.',
  classes: ['HER2-negative', 'HER2-positive'],
  sequences: {
    T2: { description: 'T2', source: { role: 't2' }, regions: ['intra'], params: { setting: { binWidth: 25 } } },
  },
  regions: [{ name: 'intra', kind: 'tumour' }],
  intendedUse: 'Tests only.',
  limitations: ['Synthetic.'],
  trainingData: { description: 'Synthetic unit-test cohort', synthetic: true },
};

it('an MLP on 18 inputs explains by permutation sampling, efficient to float32 rounding, with standard errors', async () => {
  const model = trainModel(cohort(200, 1), [], { algo: 'mlp', folds: 5, seed: 2, clinical: [], backgroundSize: 10 });
  expect(model.inputs.length).toBeGreaterThan(16);
  const files = await buildPackage(model, info);
  expect(files.manifest.model.kind).toBe('mlp');
  expect(files.manifest.explanation).toMatchObject({ method: 'sampling', space: 'logodds', permutations: 256 });
  expect(files.text['MODEL_CARD.md']).toMatch(/permutation-sampled \(256 orders/);
  const pkg = await loadModelPackage(JSON.parse(files.text['manifest.json']), files.onnx, { checkEngine: false });
  const predictor = await createPredictor(ort, pkg.onnx, pkg.manifest.inputs.length);
  const x = pkg.manifest.explanation.background[3].map((v) => v + 0.5);
  const e = await explainCase(pkg, predictor, x);
  expect(e.shap.method).toBe('sampling');
  expect(Math.abs(e.shap.phi.reduce((s, v) => s + v, 0) - (e.shap.value - e.shap.base))).toBeLessThan(1e-6);
  expect(e.shap.standardError).toHaveLength(pkg.manifest.inputs.length);
  e.shap.standardError!.forEach((se) => expect(se).toBeGreaterThanOrEqual(0));
  await predictor.release();
});
