// Explanations of every classifier: exact interventional Shapley values (and TreeSHAP for the forest, which must
// equal them) satisfy efficiency to 1e-9; permutation sampling satisfies it to 1e-9 for any number of orders and
// lies within its stated error of the exact values.
import { shapBatchRows } from '../shap/batch-rows';
import { exactShap, type BatchModel } from '../shap/exact';
import { samplingShap } from '../shap/sampling';
import { efficiencyError } from '../shap/space';
import { treeShap } from '../shap/tree';
import { logit } from '../stats/descriptive';
import { syntheticCases } from '../testing/synthetic';
import { ALGORITHM_NAMES, explanationFor, predictProbability, trainAlgorithm, type AlgorithmModel } from './algorithm';

const m = 5;
const train = syntheticCases(200, m, 31);
const background = { data: train.x.slice(0, 12 * m), rows: 12 };
const cases = [40, 41, 42].map((r) => train.x.slice(r * m, (r + 1) * m));

function batchModel(model: AlgorithmModel, space: 'logodds' | 'probability'): BatchModel {
  return async (f, rows) => {
    const p = predictProbability(model, f, rows);
    return space === 'probability' ? p : p.map(logit);
  };
}

describe.each(ALGORITHM_NAMES)('%s', (name) => {
  const model = trainAlgorithm(name, train.x, train.y, m, 4);
  const how = explanationFor(model);

  it('exact Shapley values add up to f(x) - E f to 1e-9', async () => {
    for (const x of cases) {
      const e = await exactShap(batchModel(model, how.space), how.space, x, background, { precision: 'float64' });
      expect(efficiencyError(e)).toBeLessThan(1e-9);
      if (model.kind === 'random-forest') {
        const t = treeShap(model.ensemble, x, background, 'probability');
        expect(efficiencyError(t)).toBeLessThan(1e-9);
        t.phi.forEach((v, j) => expect(Math.abs(v - e.phi[j])).toBeLessThan(1e-9));
      }
    }
  });
});

it('permutation sampling: efficiency to 1e-9, within 4 standard errors of the exact values', async () => {
  const model = trainAlgorithm('mlp', train.x, train.y, m, 4);
  const f = batchModel(model, 'logodds');
  for (const x of cases) {
    const exact = await exactShap(f, 'logodds', x, background, { precision: 'float64' });
    const sampled = await samplingShap(f, 'logodds', x, background, { permutations: 400, seed: 2 });
    expect(sampled.method).toBe('sampling');
    expect(efficiencyError(sampled)).toBeLessThan(1e-9);
    sampled.phi.forEach((v, j) => {
      expect(Math.abs(v - exact.phi[j])).toBeLessThanOrEqual(4 * sampled.standardError![j] + 1e-12);
    });
  }
  await expect(samplingShap(f, 'logodds', cases[0], background, { permutations: 1 })).rejects.toThrow(
    /at least 2 permutations/,
  );
});

it('chooses the explanation by model: linear, tree, exact up to 16 inputs, sampling beyond', () => {
  expect(explanationFor(trainAlgorithm('lr', train.x, train.y, m, 1))).toEqual({ method: 'linear', space: 'logodds' });
  expect(explanationFor(trainAlgorithm('random-forest', train.x, train.y, m, 1))).toEqual({
    method: 'tree',
    space: 'probability',
  });
  expect(explanationFor(trainAlgorithm('knn', train.x, train.y, m, 1)).method).toBe('exact');
  const wide = syntheticCases(120, 17, 3);
  expect(explanationFor(trainAlgorithm('naive-bayes', wide.x, wide.y, 17, 1))).toMatchObject({
    method: 'sampling',
    permutations: 256,
  });
});

it('explains distance graphs in smaller model calls, sized by the graph', () => {
  expect(shapBatchRows('logistic', 500)).toBe(65536);
  expect(shapBatchRows('knn', 11_000)).toBe(1525);
  expect(shapBatchRows('svm-rbf', 4_000_000)).toBe(64);
});
