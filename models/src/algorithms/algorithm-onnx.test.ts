// Every classifier's ONNX graph in onnxruntime-web (its WebAssembly backend, as in the browser) against the
// TypeScript model in double precision: probabilities (and log-odds where the graph has them) within 1e-6.
import * as ort from 'onnxruntime-web';
import { createPredictor } from '../inference';
import { node, tensorValueInfo, buildModel } from '../onnx/builder';
import { checkModel, decodeModel } from '../onnx/inspect';
import { syntheticCases } from '../testing/synthetic';
import { ALGORITHM_NAMES, algorithmOnnx, predictProbability, trainAlgorithm } from './algorithm';

const m = 4;
const train = syntheticCases(240, m, 21);
const probe = syntheticCases(120, m, 22);

describe.each(ALGORITHM_NAMES)('%s', (name) => {
  it('predicts in onnxruntime-web what it predicts in TypeScript, within 1e-6', async () => {
    const model = trainAlgorithm(name, train.x, train.y, m, 9);
    const bytes = algorithmOnnx(model, { 'heron.algorithm': name });
    const predictor = await createPredictor(ort, bytes, m);
    const out = await predictor.predict(probe.x, 120);
    const expected = predictProbability(model, probe.x, 120);
    let worst = 0;
    expected.forEach((p, i) => (worst = Math.max(worst, Math.abs(out.probability[i] - p))));
    expect(worst).toBeLessThan(1e-6);
    await predictor.release();
  });
});

it('an export needing an operator onnxruntime-web is not checked to run is refused with its name', () => {
  const bytes = buildModel({
    graphName: 'heron_unsupported',
    nodes: [node('Einsum', ['features'], ['probability'])],
    inputs: [tensorValueInfo('features', ['N', 2])],
    outputs: [tensorValueInfo('probability', ['N', 1])],
  });
  expect(() => checkModel(decodeModel(bytes), 2)).toThrow(/ops Heron does not support: Einsum/);
});
