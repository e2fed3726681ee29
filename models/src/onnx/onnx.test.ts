import * as ort from 'onnxruntime-web';
import { expit } from '../stats/descriptive';
import { syntheticCases } from '../testing/synthetic';
import { trainGbdt } from '../train/gbdt';
import { createPredictor } from '../inference';
import { ensembleMargin } from '../tree-ensemble';
import { attr, buildModel, node, tensorValueInfo } from './builder';
import { checkModel, decodeModel, readLinearModel, readMetadata, readTreeEnsemble } from './inspect';
import { logisticOnnx } from './logistic-graph';
import { treeEnsembleOnnx } from './tree-graph';

const lr = { mean: [1.5, -20, 300], sd: [0.5, 4, 80], weights: [1.2, -0.7, 0.3], intercept: -0.4 };
const rows = [
  [1.5, -20, 300],
  [2.9, -11, 120],
  [0.1, -35, 610],
  [8, 5, -200],
];
const logitOf = (r: number[]) =>
  lr.intercept + r.reduce((s, v, j) => s + (lr.weights[j] * (v - lr.mean[j])) / lr.sd[j], 0);

describe('standardiser + logistic regression graph', () => {
  const bytes = logisticOnnx(lr, { 'heron.feature_names': JSON.stringify(['a', 'b', 'c']) });

  it('equals a double-precision computation to 1e-6 in onnxruntime-web', async () => {
    const predictor = await createPredictor(ort, bytes, 3);
    const out = await predictor.predict(rows.flat(), rows.length);
    rows.forEach((r, i) => {
      expect(Math.abs(out.logit[i] - logitOf(r))).toBeLessThan(1e-6 * Math.max(1, Math.abs(logitOf(r))));
      expect(Math.abs(out.probability[i] - expit(logitOf(r)))).toBeLessThan(1e-6);
    });
    await predictor.release();
  });

  it('round-trips metadata, opsets and the raw-unit coefficients', () => {
    const model = decodeModel(bytes);
    expect(readMetadata(model)['heron.feature_names']).toBe('["a","b","c"]');
    expect(model.opsetImport?.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(Number(model.irVersion)).toBe(8);
    const linear = readLinearModel(model)!;
    rows.forEach((r) => {
      const z = linear.intercept + r.reduce((s, v, j) => s + linear.coefficients[j] * v, 0);
      expect(z).toBeCloseTo(logitOf(r), 4);
    });
    expect(() => checkModel(model, 3)).not.toThrow();
  });

  it('refuses the wrong input width, NaN inputs and a bad batch size', async () => {
    expect(() => checkModel(decodeModel(bytes), 4)).toThrow(/takes 3 features per case but the manifest lists 4/);
    const predictor = await createPredictor(ort, bytes, 3);
    await expect(predictor.predict([1, NaN, 3], 1)).rejects.toThrow(/input 2 is NaN/);
    await expect(predictor.predict([1, 2], 1)).rejects.toThrow(/expected 1 x 3/);
  });
});

describe('gradient-boosted trees graph', () => {
  const { x, y } = syntheticCases(300, 4, 11);
  const ensemble = trainGbdt(x, y, 4, { trees: 30, depth: 3 });
  const bytes = treeEnsembleOnnx(ensemble);

  it('predicts the TypeScript ensemble margin to 1e-6', async () => {
    const predictor = await createPredictor(ort, bytes, 4);
    const out = await predictor.predict(x, 300);
    for (let i = 0; i < 300; i++) {
      const margin = ensembleMargin(ensemble, x.subarray(i * 4, i * 4 + 4));
      expect(Math.abs(out.logit[i] - margin)).toBeLessThan(1e-6 * Math.max(1, Math.abs(margin)));
      expect(Math.abs(out.probability[i] - expit(margin))).toBeLessThan(1e-6);
    }
    await predictor.release();
  });

  it('reads the trees back from the graph', () => {
    const model = decodeModel(bytes);
    expect(model.opsetImport?.map((o) => [o.domain, Number(o.version)])).toEqual([
      ['', 17],
      ['ai.onnx.ml', 3],
    ]);
    const back = readTreeEnsemble(model, 4)!;
    expect(back.trees.length).toBe(30);
    for (let i = 0; i < 20; i++) {
      const row = x.subarray(i * 4, i * 4 + 4);
      expect(ensembleMargin(back, row)).toBeCloseTo(ensembleMargin(ensemble, row), 6);
    }
  });
});

describe('imported models (skl2onnx layout, zipmap=False)', () => {
  // Scaler + LinearClassifier with skl2onnx's binary [-w; w] coefficient rows, as converted from scikit-learn.
  const w = [0.8, -1.1];
  const b = 0.25;
  const scalerOffset = [3, 7];
  const scale = [0.5, 0.25];
  const bytes = buildModel({
    graphName: 'skl2onnx_like',
    usesMl: true,
    nodes: [
      node(
        'Scaler',
        ['features'],
        ['scaled'],
        [attr.fs('offset', scalerOffset), attr.fs('scale', scale)],
        'ai.onnx.ml',
      ),
      node(
        'LinearClassifier',
        ['scaled'],
        ['label', 'probabilities'],
        [
          attr.fs('coefficients', [-w[0], -w[1], w[0], w[1]]),
          attr.fs('intercepts', [-b, b]),
          attr.is('classlabels_ints', [0, 1]),
          attr.s('post_transform', 'LOGISTIC'),
        ],
        'ai.onnx.ml',
      ),
    ],
    inputs: [tensorValueInfo('features', ['N', 2])],
    outputs: [
      { name: 'label', type: { tensorType: { elemType: 7, shape: { dim: [{ dimParam: 'N' }] } } } },
      tensorValueInfo('probabilities', ['N', 2]),
    ],
  });

  it('runs and reports P(class 1) from probabilities [N, 2]', async () => {
    const predictor = await createPredictor(ort, bytes, 2);
    const out = await predictor.predict([4, 5], 1);
    const z = b + w[0] * (4 - 3) * 0.5 + w[1] * (5 - 7) * 0.25;
    expect(out.probability[0]).toBeCloseTo(expit(z), 6);
    const linear = readLinearModel(decodeModel(bytes))!;
    expect(linear.intercept + linear.coefficients[0] * 4 + linear.coefficients[1] * 5).toBeCloseTo(z, 6);
  });

  it('refuses ZipMap and unsupported ops with a clear message', () => {
    const zipmap = buildModel({
      graphName: 'z',
      usesMl: true,
      nodes: [node('ZipMap', ['features'], ['out'], [attr.is('classlabels_int64s', [0, 1])], 'ai.onnx.ml')],
      inputs: [tensorValueInfo('features', ['N', 2])],
      outputs: [tensorValueInfo('out', ['N', 2])],
    });
    expect(() => checkModel(decodeModel(zipmap), 2)).toThrow(/zipmap=False/);
    const conv = buildModel({
      graphName: 'c',
      nodes: [node('Conv', ['features', 'w'], ['out'])],
      inputs: [tensorValueInfo('features', ['N', 2])],
      outputs: [tensorValueInfo('out', ['N', 2])],
    });
    expect(() => checkModel(decodeModel(conv), 2)).toThrow(/ops Heron does not support: Conv/);
    expect(() => decodeModel(new Uint8Array([1, 2, 3, 4]))).toThrow(/not an ONNX model/);
  });
});
