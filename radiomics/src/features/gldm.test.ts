// GLDM on the row 1 1 1 2 (α = 0): dependences 1 + equal neighbours are 2, 3, 2 for the level-1 voxels and 1 for the
// level-2 voxel, so P = level 1: {d 2: 2, d 3: 1}, level 2: {d 1: 1}, N = 4.
import { inputOf } from '../testing/fixtures';
import { gldm, prepareGldm } from './gldm';

const prepared = prepareGldm(inputOf([[[1, 1, 1, 2]]]));
const cells: [level: number, dependence: number, count: number][] = [
  [1, 2, 2],
  [1, 3, 1],
  [2, 1, 1],
];
const mean = (f: (i: number, d: number) => number) => cells.reduce((s, [i, d, n]) => s + n * f(i, d), 0) / 4;

test.each([
  ['SmallDependenceEmphasis', mean((_, d) => 1 / d ** 2)],
  ['LargeDependenceEmphasis', mean((_, d) => d ** 2)],
  ['GrayLevelNonUniformity', (9 + 1) / 4],
  ['DependenceNonUniformity', (1 + 4 + 1) / 4],
  ['DependenceNonUniformityNormalized', 6 / 16],
  ['GrayLevelVariance', 0.1875],
  ['DependenceVariance', 0.5],
  ['DependenceEntropy', 1.5],
  ['LowGrayLevelEmphasis', mean((i) => 1 / i ** 2)],
  ['HighGrayLevelEmphasis', mean((i) => i ** 2)],
  ['SmallDependenceLowGrayLevelEmphasis', mean((i, d) => 1 / (i ** 2 * d ** 2))],
  ['SmallDependenceHighGrayLevelEmphasis', mean((i, d) => i ** 2 / d ** 2)],
  ['LargeDependenceLowGrayLevelEmphasis', mean((i, d) => d ** 2 / i ** 2)],
  ['LargeDependenceHighGrayLevelEmphasis', mean((i, d) => i ** 2 * d ** 2)],
])('%s', (name, expected) => {
  expect(gldm.features[name](prepared)).toBeCloseTo(expected, 12);
});

test('gldm_a counts neighbours within α levels as dependent', () => {
  // With α = 1 every neighbour is dependent: dependences 2, 3, 3, 2.
  const loose = prepareGldm(inputOf([[[1, 1, 1, 2]]], undefined, { gldm_a: 1 }));
  expect([...loose.size]).toEqual([2, 3]);
});
