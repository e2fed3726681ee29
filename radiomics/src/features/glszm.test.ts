// GLSZM on the slice
//   1 1 2
//   2 1 2
//   2 2 3
// with 8-connectivity: a level-1 zone of 3 voxels, a level-2 zone of 5 (linked through the diagonal (1,2)–(2,1)) and a
// level-3 zone of 1. N = 3 zones over 9 voxels, sizes 1, 3, 5 once each, levels 1, 2, 3 once each.
import { inputOf } from '../testing/fixtures';
import { glszm, prepareGlszm } from './glszm';

const prepared = prepareGlszm(
  inputOf([
    [
      [1, 1, 2],
      [2, 1, 2],
      [2, 2, 3],
    ],
  ]),
);
const zones: [level: number, size: number][] = [
  [1, 3],
  [2, 5],
  [3, 1],
];
const mean = (f: (i: number, s: number) => number) => zones.reduce((sum, [i, s]) => sum + f(i, s), 0) / 3;

test.each([
  ['SmallAreaEmphasis', mean((_, s) => 1 / s ** 2)],
  ['LargeAreaEmphasis', mean((_, s) => s ** 2)],
  ['GrayLevelNonUniformity', 3 / 3],
  ['GrayLevelNonUniformityNormalized', 3 / 9],
  ['SizeZoneNonUniformity', 3 / 3],
  ['SizeZoneNonUniformityNormalized', 3 / 9],
  ['ZonePercentage', 3 / 9],
  ['GrayLevelVariance', 2 / 3],
  ['ZoneVariance', 8 / 3],
  ['ZoneEntropy', Math.log2(3)],
  ['LowGrayLevelZoneEmphasis', mean((i) => 1 / i ** 2)],
  ['HighGrayLevelZoneEmphasis', mean((i) => i ** 2)],
  ['SmallAreaLowGrayLevelEmphasis', mean((i, s) => 1 / (i ** 2 * s ** 2))],
  ['SmallAreaHighGrayLevelEmphasis', mean((i, s) => i ** 2 / s ** 2)],
  ['LargeAreaLowGrayLevelEmphasis', mean((i, s) => s ** 2 / i ** 2)],
  ['LargeAreaHighGrayLevelEmphasis', mean((i, s) => i ** 2 * s ** 2)],
])('%s', (name, expected) => {
  expect(glszm.features[name](prepared)).toBeCloseTo(expected, 12);
});

test('force2D splits a zone that only connects across slices', () => {
  const image = [[[1, 2]], [[2, 1]]];
  expect(glszm.features.ZonePercentage(prepareGlszm(inputOf(image)))).toBe(2 / 4);
  expect(glszm.features.ZonePercentage(prepareGlszm(inputOf(image, undefined, { force2D: true })))).toBe(4 / 4);
});
