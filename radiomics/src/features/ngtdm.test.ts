// NGTDM on the row 1 1 1 2: neighbour means 1, 1, 1.5, 1 give |i − Ā| = 0, 0, 0.5 for level 1 and 1 for level 2:
// n = [3, 1], s = [0.5, 1], p = [0.75, 0.25], N_vp = 4.
import { inputOf } from '../testing/fixtures';
import { ngtdm, prepareNgtdm } from './ngtdm';

const prepared = prepareNgtdm(inputOf([[[1, 1, 1, 2]]]));

test.each([
  ['Coarseness', 1 / (0.75 * 0.5 + 0.25 * 1)],
  ['Contrast', ((2 * 0.75 * 0.25) / 2) * (1.5 / 4)],
  ['Busyness', 0.625 / (2 * Math.abs(0.75 - 0.5))],
  ['Complexity', (2 * (0.375 + 0.25)) / 1 / 4],
  ['Strength', 2 / 1.5],
])('%s', (name, expected) => {
  expect(ngtdm.features[name](prepared)).toBeCloseTo(expected, 12);
});

test('a flat region: Coarseness 10⁶, Contrast, Busyness and Strength 0', () => {
  const flat = prepareNgtdm(inputOf([[[3, 3, 3]]]));
  expect(ngtdm.features.Coarseness(flat)).toBe(1e6);
  expect(ngtdm.features.Contrast(flat)).toBe(0);
  expect(ngtdm.features.Busyness(flat)).toBe(0);
  expect(ngtdm.features.Strength(flat)).toBe(0);
});
