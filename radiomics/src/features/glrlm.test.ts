// GLRLM on the row 1 1 2 2 (one angle, along x): one run of level 1 and one of level 2, both of length 2, so
// P = [[1], [1]] over run length 2, N = 2 runs covering 4 voxels.
import { inputOf } from '../testing/fixtures';
import { glrlm, prepareGlrlm } from './glrlm';

const prepared = prepareGlrlm(inputOf([[[1, 1, 2, 2]]]));

test.each([
  ['ShortRunEmphasis', 2 / 4 / 2],
  ['LongRunEmphasis', (2 * 4) / 2],
  ['GrayLevelNonUniformity', 2 / 2],
  ['GrayLevelNonUniformityNormalized', 2 / 4],
  ['RunLengthNonUniformity', 4 / 2],
  ['RunLengthNonUniformityNormalized', 4 / 4],
  ['RunPercentage', 2 / 4],
  ['GrayLevelVariance', 0.25],
  ['RunVariance', 0],
  ['RunEntropy', 1],
  ['LowGrayLevelRunEmphasis', (1 + 1 / 4) / 2],
  ['HighGrayLevelRunEmphasis', (1 + 4) / 2],
  ['ShortRunLowGrayLevelEmphasis', (1 / 4 + 1 / 16) / 2],
  ['ShortRunHighGrayLevelEmphasis', (1 / 4 + 4 / 4) / 2],
  ['LongRunLowGrayLevelEmphasis', (4 + 4 / 4) / 2],
  ['LongRunHighGrayLevelEmphasis', (4 + 16) / 2],
])('%s', (name, expected) => {
  expect(glrlm.features[name](prepared)).toBeCloseTo(expected, 12);
});

test('a direction is dropped unless some scan line meets two ROI voxels (adjacent or not)', () => {
  // ROI columns x = 0 and x = 2. Along x each row meets two ROI voxels (runs of length 1 separated by the gap): kept.
  // Along y the columns hold runs of length 2: kept. No diagonal line meets two ROI voxels: both diagonals dropped.
  const image = [
    [
      [1, 9, 1],
      [1, 9, 1],
    ],
  ];
  const mask = [
    [
      [1, 0, 1],
      [1, 0, 1],
    ],
  ];
  expect(prepareGlrlm(inputOf(image, mask)).angles).toHaveLength(2);
});
