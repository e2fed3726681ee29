import * as ort from 'onnxruntime-web';
import { createPredictor } from '../inference';
import { decodeModel, readLinearModel } from '../onnx/inspect';
import { logisticOnnx } from '../onnx/logistic-graph';
import { treeEnsembleOnnx } from '../onnx/tree-graph';
import { expit } from '../stats/descriptive';
import { syntheticCases } from '../testing/synthetic';
import { trainGbdt } from '../train/gbdt';
import { ensembleMargin } from '../tree-ensemble';
import { type BatchModel, exactShap } from './exact';
import { linearShap } from './linear';
import type { Background } from './space';
import { efficiencyError } from './space';
import { treeShap } from './tree';

/** Shapley values by their permutation definition (Shapley 1953): the mean over all M! orderings of each feature's
 *  marginal contribution, with v(S) = mean over the background of f(x_S, b_notS). */
function permutationShap(f: (row: Float64Array) => number, x: Float64Array, bg: Background): Float64Array {
  const m = x.length;
  const v = (mask: number) => {
    let s = 0;
    for (let b = 0; b < bg.rows; b++) {
      const row = Float64Array.from(bg.data.subarray(b * m, (b + 1) * m));
      for (let i = 0; i < m; i++) if ((mask >> i) & 1) row[i] = x[i];
      s += f(row);
    }
    return s / bg.rows;
  };
  const phi = new Float64Array(m);
  let count = 0;
  const permute = (order: number[], rest: number[]) => {
    if (rest.length === 0) {
      let mask = 0;
      for (const i of order) {
        const before = v(mask);
        mask |= 1 << i;
        phi[i] += v(mask) - before;
      }
      count++;
      return;
    }
    rest.forEach((r, k) => permute([...order, r], [...rest.slice(0, k), ...rest.slice(k + 1)]));
  };
  permute(
    [],
    Array.from({ length: m }, (_, i) => i),
  );
  return phi.map((p) => p / count);
}

const rowsOf = (x: Float64Array, m: number, from: number, count: number): Background => ({
  data: x.slice(from * m, (from + count) * m),
  rows: count,
});

const m = 5;
const { x, y } = syntheticCases(300, m, 5);
const background = rowsOf(x, m, 0, 25);
const cases = [40, 41, 42].map((i) => x.slice(i * m, (i + 1) * m));

describe('SHAP for a logistic model', () => {
  const lr = { mean: [10, 20, 30, 40, 50], sd: [1, 2, 3, 4, 5], weights: [1.1, -0.6, 0.4, 0, 0.2], intercept: -0.3 };
  const bytes = logisticOnnx(lr);
  const linear = readLinearModel(decodeModel(bytes))!;
  const logitDouble: BatchModel = async (f, rows) =>
    Float64Array.from(
      { length: rows },
      (_, r) => linear.intercept + linear.coefficients.reduce((s, c, j) => s + c * f[r * m + j], 0),
    );

  it('closed form = exact enumeration = permutations, efficiency to 1e-9', async () => {
    for (const c of cases) {
      const closed = linearShap(linear, c, background);
      const exact = await exactShap(logitDouble, 'logodds', c, background, { precision: 'float64' });
      const perm = permutationShap(
        (row) => linear.intercept + linear.coefficients.reduce((s, k, j) => s + k * row[j], 0),
        c,
        background,
      );
      for (let i = 0; i < m; i++) {
        expect(exact.phi[i]).toBeCloseTo(closed.phi[i], 10);
        expect(perm[i]).toBeCloseTo(closed.phi[i], 10);
      }
      expect(efficiencyError(closed)).toBeLessThan(1e-9);
      expect(efficiencyError(exact)).toBeLessThan(1e-9);
      expect(exact.base).toBeCloseTo(closed.base, 10);
    }
  });

  it('agrees with enumeration through onnxruntime (float32) to 1e-5, in log-odds and probability', async () => {
    const predictor = await createPredictor(ort, bytes, m);
    const logit: BatchModel = async (f, rows) => (await predictor.predict(f, rows)).logit;
    const prob: BatchModel = async (f, rows) => (await predictor.predict(f, rows)).probability;
    const closed = linearShap(linear, cases[0], background);
    const viaOrt = await exactShap(logit, 'logodds', cases[0], background);
    for (let i = 0; i < m; i++) expect(Math.abs(viaOrt.phi[i] - closed.phi[i])).toBeLessThan(1e-5);
    const inProbability = await exactShap(prob, 'probability', cases[0], background);
    expect(inProbability.space).toBe('probability');
    expect(efficiencyError(inProbability)).toBeLessThan(1e-9);
    expect(inProbability.value).toBeCloseTo(expit(closed.value), 6);
    await predictor.release();
  });

  it('refuses more than 16 inputs for enumeration', async () => {
    const bg = { data: new Float64Array(17), rows: 1 };
    await expect(exactShap(logitDouble, 'logodds', new Float64Array(17), bg)).rejects.toThrow(/limit of 16/);
  });
});

describe('interventional TreeSHAP', () => {
  const ensemble = trainGbdt(x, y, m, { trees: 40, depth: 3 });
  const margin = (row: ArrayLike<number>) => ensembleMargin(ensemble, row);
  const marginBatch: BatchModel = async (f, rows) =>
    Float64Array.from({ length: rows }, (_, r) => margin(f.subarray(r * m, (r + 1) * m)));

  it('= exact enumeration = permutations, efficiency to 1e-9', async () => {
    for (const c of cases) {
      const tree = treeShap(ensemble, c, background);
      const exact = await exactShap(marginBatch, 'logodds', c, background, { precision: 'float64' });
      const perm = permutationShap(margin, c, background);
      for (let i = 0; i < m; i++) {
        expect(tree.phi[i]).toBeCloseTo(exact.phi[i], 10);
        expect(tree.phi[i]).toBeCloseTo(perm[i], 10);
      }
      expect(efficiencyError(tree)).toBeLessThan(1e-9);
      expect(tree.value).toBeCloseTo(exact.value, 12);
    }
  });

  it('agrees with enumeration through the ONNX graph in onnxruntime to 1e-5', async () => {
    const predictor = await createPredictor(ort, treeEnsembleOnnx(ensemble), m);
    const viaOrt = await exactShap(
      async (f, rows) => (await predictor.predict(f, rows)).logit,
      'logodds',
      cases[1],
      background,
    );
    const tree = treeShap(ensemble, cases[1], background);
    for (let i = 0; i < m; i++) expect(Math.abs(viaOrt.phi[i] - tree.phi[i])).toBeLessThan(1e-5);
    await predictor.release();
  });
});
