// Speed targets of issue E: prediction + SHAP for a 20-input logistic model (< 5 ms), a 100-tree model with
// TreeSHAP (< 50 ms), training on 400 cases x 1,300 features with 10-fold CV (< 60 s). Medians of repeated runs
// after a warm-up; `npm run bench -w models`.
import * as ort from 'onnxruntime-web';
import { createPredictor } from '../src/inference';
import { decodeModel, readLinearModel } from '../src/onnx/inspect';
import { logisticOnnx } from '../src/onnx/logistic-graph';
import { treeEnsembleOnnx } from '../src/onnx/tree-graph';
import { linearShap } from '../src/shap/linear';
import { treeShap } from '../src/shap/tree';
import { syntheticCases } from '../src/testing/synthetic';
import { trainGbdt } from '../src/train/gbdt';
import { gaussian, mulberry32 } from '../src/train/random';
import { type LabelledSet, trainModel } from '../src/train/train-model';

async function median(runs: number, f: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const m = 20;
const { x, y } = syntheticCases(400, m, 1);
const background = { data: x.slice(0, 50 * m), rows: 50 };
const row = x.slice(100 * m, 101 * m);

const random = mulberry32(2);
const normal = gaussian(random);
const lr = logisticOnnx({
  mean: Array(m)
    .fill(0)
    .map((_, j) => 10 * (j + 1)),
  sd: Array(m)
    .fill(0)
    .map((_, j) => j + 1),
  weights: Array.from({ length: m }, normal),
  intercept: 0.1,
});
const lrPredictor = await createPredictor(ort, lr, m);
const linear = readLinearModel(decodeModel(lr))!;
const lrMs = await median(200, async () => {
  await lrPredictor.predict(row, 1);
  linearShap(linear, row, background);
});
console.log(`logistic, 20 inputs: predict + linear SHAP (B = 50)      ${lrMs.toFixed(2)} ms  (target < 5 ms)`);

const ensemble = trainGbdt(x, y, m, { trees: 100, depth: 3 });
const treePredictor = await createPredictor(ort, treeEnsembleOnnx(ensemble), m);
const treeMs = await median(50, async () => {
  await treePredictor.predict(row, 1);
  treeShap(ensemble, row, background);
});
console.log(`100 trees (depth 3), 20 inputs: predict + TreeSHAP (B = 50) ${treeMs.toFixed(2)} ms  (target < 50 ms)`);

const n = 400;
const p = 1300;
const labels = Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
const features = new Map<string, Float64Array>();
const latent = Array.from({ length: 40 }, () => Float64Array.from({ length: n }, normal));
for (let j = 0; j < p; j++) {
  const base = latent[j % 40];
  const signal = j % 40 < 5 ? 0.6 : 0;
  features.set(
    `DCE2/intra/original_firstorder_F${j}`,
    Float64Array.from({ length: n }, (_, i) => base[i] + 0.5 * normal() + signal * labels[i]),
  );
}
const set: LabelledSet = { ids: labels.map((_, i) => String(i)), features, clinical: new Map(), y: labels };
const t = performance.now();
const model = trainModel(set, [], { algo: 'lasso-lr', folds: 10, seed: 1, clinical: [] });
const trainS = (performance.now() - t) / 1000;
console.log(
  `training, 400 cases x 1,300 features, 10-fold CV LASSO     ${trainS.toFixed(1)} s  (target < 60 s; ${model.screening.kept.length} screened, ${model.inputs.length} kept)`,
);
