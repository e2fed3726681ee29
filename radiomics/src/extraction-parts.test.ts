// Cutting an extraction into parts loses and reorders nothing: the parts' features, joined in order, are the whole
// extraction's, name for name and bit for bit.
import { extractFeatures } from './extractor';
import { balancedRuns, joinParts, splitExtraction } from './extraction-parts';
import { parseParams } from './params';
import { pyradiomicsCase } from './testing/reference';

const PARAMS = parseParams(`
imageType:
  Original: {}
  LoG: {sigma: [1.0, 3]}
  Wavelet: {}
  Square: {}
featureClass:
  shape:
  firstorder:
  glcm: [Contrast, JointEntropy]
  ngtdm:
setting: {binWidth: 25, label: 1}
`);

test('brain1: the joined parts equal the whole extraction', async () => {
  const [image, mask] = await pyradiomicsCase('brain1');
  const units = splitExtraction(PARAMS, 2);
  // Original, two LoG sigmas, the 8 wavelet bands in two groups, Square; shape with the first part only.
  expect(
    units
      .map((u) => [...u.part.images.entries()].map(([type, derived]) => `${PARAMS.imageTypes[type].name}:${derived}`))
      .flat(),
  ).toEqual(['Original:all', 'LoG:all', 'LoG:all', 'Wavelet:0,1,2,3', 'Wavelet:4,5,6,7', 'Square:all']);
  expect(units.map((u) => u.part.shape)).toEqual([true, false, false, false, false, false]);
  const whole = extractFeatures(image, mask, PARAMS);
  const joined = joinParts(units.map((unit) => extractFeatures(image, mask, unit.params, { part: unit.part })));
  expect([...joined.keys()]).toEqual([...whole.keys()]);
  expect([...joined.values()]).toEqual([...whole.values()]);
  expect([...joined.keys()].filter((name) => name.startsWith('log-')).map((name) => name.split('_')[0])).toContain(
    'log-sigma-3-mm-3D',
  );
});

test('sigmas are cut into even runs of neighbours, one per thread at most', () => {
  expect(balancedRuns([2, 3, 4, 5, 6], 2)).toEqual([
    [0, 1, 2],
    [3, 4],
  ]);
  expect(balancedRuns([2, 3, 4, 5, 6], 3)).toEqual([[0, 1], [2, 3], [4]]);
  expect(balancedRuns([2, 3], 4)).toEqual([[0], [1]]);
  expect(balancedRuns([5], 2)).toEqual([[0]]);
  expect(balancedRuns([1, 1, 1, 1], 1)).toEqual([[0, 1, 2, 3]]);
});

test('parameters without image types still give shape', async () => {
  const [image, mask] = await pyradiomicsCase('breast1');
  const params = parseParams('featureClass:\n  shape:\nimageType: {}\n');
  const units = splitExtraction({ ...params, imageTypes: [] }, 2);
  expect(units).toHaveLength(1);
  const features = extractFeatures(image, mask, units[0].params, { part: units[0].part });
  expect([...features.keys()].every((name) => name.startsWith('original_shape_'))).toBe(true);
  expect(features.size).toBeGreaterThan(10);
});
