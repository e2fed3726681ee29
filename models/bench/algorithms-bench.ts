// The classifiers of `heron train --algo` on one synthetic cohort (300 training cases, 8 inputs; 200 probe cases):
// training time, ONNX size, onnxruntime-web (Node) time to predict the 200 cases, the largest difference between the
// ONNX and the double-precision TypeScript probabilities, and one exact or TreeSHAP explanation's time.
// `npm run bench:algorithms -w models`. Figures only, no targets asserted.
import * as ort from 'onnxruntime-web';
import {
  ALGORITHM_NAMES,
  algorithmOnnx,
  explanationFor,
  predictProbability,
  trainAlgorithm,
} from '../src/algorithms/algorithm';
import { createPredictor } from '../src/inference';
import { exactShap } from '../src/shap/exact';
import { treeShap } from '../src/shap/tree';
import { syntheticCases } from '../src/testing/synthetic';

const m = 8;
const train = syntheticCases(300, m, 21);
const probe = syntheticCases(200, m, 22);
const background = { data: train.x.slice(0, 50 * m), rows: 50 };
console.log('algorithm      train ms  onnx kB  predict 200 ms  max |p_onnx - p_ts|  SHAP method  SHAP ms');
for (const name of ALGORITHM_NAMES) {
  const t0 = performance.now();
  const model = trainAlgorithm(name, train.x, train.y, m, 9);
  const t1 = performance.now();
  const bytes = algorithmOnnx(model);
  const predictor = await createPredictor(ort, bytes, m);
  await predictor.predict(probe.x.subarray(0, m), 1);
  const t2 = performance.now();
  const out = await predictor.predict(probe.x, 200);
  const t3 = performance.now();
  const exact = predictProbability(model, probe.x, 200);
  let worst = 0;
  exact.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - out.probability[i]))));
  const how = explanationFor(model);
  const x = probe.x.subarray(0, m);
  const t4 = performance.now();
  if ((model.kind === 'random-forest' || model.kind === 'gbdt') && how.method === 'tree')
    treeShap(model.ensemble, x, background, how.space);
  else
    await exactShap(
      async (f, rows) => {
        const r = await predictor.predict(f, rows);
        return how.space === 'logodds' ? r.logit : r.probability;
      },
      how.space,
      x,
      background,
    );
  const t5 = performance.now();
  await predictor.release();
  console.log(
    `${name.padEnd(14)} ${(t1 - t0).toFixed(0).padStart(8)}  ${(bytes.length / 1024).toFixed(1).padStart(7)}  ${(t3 - t2).toFixed(1).padStart(14)}  ${worst.toExponential(1).padStart(19)}  ${(how.method === 'linear' ? 'exact*' : how.method).padEnd(11)}  ${(t5 - t4).toFixed(0).padStart(7)}`,
  );
}
console.log('* linear models explain in closed form in the pipeline; the benchmark times exact enumeration for them.');
