// The `original_*` rows of ../shared/reference/pyradiomics-generated/A_noResampling.csv (current PyRadiomics, default
// settings, brain1 and breast1) within 1e-9 relative, in PyRadiomics' order. This table also covers brain1's mesh
// shape values, whose upstream baseline is from an older PyRadiomics.
import { extractFeatures } from './extractor';
import { defaultParams } from './params';
import { generatedTable, pyradiomicsCase, relativeError } from './testing/reference';

const table = generatedTable('A_noResampling.csv');

test.each([...table.keys()])('A_noResampling.csv %s: original features', async (caseName) => {
  const expected = [...table.get(caseName)!].filter(([name]) => name.startsWith('original_'));
  const [image, mask] = await pyradiomicsCase(caseName);
  const features = extractFeatures(image, mask, defaultParams());
  expect([...features.keys()]).toEqual(expected.map(([name]) => name));
  const failures = expected
    .filter(([name, value]) => !(relativeError(features.get(name)!, value) <= 1e-9))
    .map(([name, value]) => `${name}: ${features.get(name)} vs ${value}`);
  expect(failures).toEqual([]);
});
