// X = [1, 2, 2, 3, 7] (one row of five voxels, bin width 1), worked by hand: mean 3, deviations −2 −1 −1 0 4.
import { inputOf } from '../testing/fixtures';
import { firstOrder, prepareFirstOrder, sortedCopy } from './firstorder';

const data = prepareFirstOrder(inputOf([[[1, 2, 2, 3, 7]]], undefined, { voxelArrayShift: 0 }, [2, 1, 0.5]));
const value = (name: string) => (firstOrder.features[name] ?? firstOrder.deprecated![name])(data);

test.each([
  ['Minimum', 1],
  ['Maximum', 7],
  ['Range', 6],
  ['Mean', 3],
  ['Median', 2],
  ['Energy', 1 + 4 + 4 + 9 + 49],
  ['TotalEnergy', 67 * 2 * 1 * 0.5],
  ['RootMeanSquared', Math.sqrt(67 / 5)],
  ['Variance', 22 / 5],
  ['StandardDeviation', Math.sqrt(22 / 5)],
  ['MeanAbsoluteDeviation', 8 / 5],
  ['Skewness', 54 / 5 / (22 / 5) ** 1.5],
  ['Kurtosis', 274 / 5 / (22 / 5) ** 2],
  // Linear interpolation at q·(n − 1): P10 at 0.4 → 1.4, P90 at 3.6 → 3 + 0.6·4, P25 at 1 → 2, P75 at 3 → 3.
  ['10Percentile', 1.4],
  ['90Percentile', 5.4],
  ['InterquartileRange', 1],
  // Voxels within [1.4, 5.4]: 2, 2, 3 (mean 7/3) → mean |x − 7/3| = 4/9.
  ['RobustMeanAbsoluteDeviation', 4 / 9],
  // Bins 1, 2, 3, 7 hold 1, 2, 1, 1 voxels.
  ['Uniformity', 0.04 + 0.16 + 0.04 + 0.04],
  ['Entropy', -(3 * 0.2 * Math.log2(0.2) + 0.4 * Math.log2(0.4))],
])('%s', (name, expected) => {
  expect(value(name)).toBeCloseTo(expected, 12);
});

test('voxelArrayShift c adds to the intensities of Energy and RootMeanSquared: Σ (x + c)²', () => {
  const shifted = prepareFirstOrder(inputOf([[[1, 2, 2, 3, 7]]], undefined, { voxelArrayShift: 10 }));
  expect(firstOrder.features.Energy(shifted)).toBe(11 ** 2 + 2 * 12 ** 2 + 13 ** 2 + 17 ** 2);
});

test('a flat region has skewness and kurtosis 0', () => {
  const flat = prepareFirstOrder(inputOf([[[5, 5, 5]]]));
  expect(firstOrder.features.Skewness(flat)).toBe(0);
  expect(firstOrder.features.Kurtosis(flat)).toBe(0);
});

test('sortedCopy sorts integers by counting and anything else by comparison', () => {
  expect([...sortedCopy(Float64Array.from([3, -2, 7, 3]))]).toEqual([-2, 3, 3, 7]);
  expect([...sortedCopy(Float64Array.from([0.5, -2, 1e9]))]).toEqual([-2, 0.5, 1e9]);
});
