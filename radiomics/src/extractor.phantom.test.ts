// The IBSI digital phantom (../shared/reference/ibsi, NIfTI) against PyRadiomics' values for it
// (../shared/reference/pyradiomics-generated/digital_phantom_pyradiomics*_values.csv): binWidth 1, voxelArrayShift 0,
// minimumROIDimensions 1; columns weightingNorm None and no_weighting, in 3D and with force2D. Within 1e-9 relative.
import { extractFeatures } from './extractor';
import { paramsFromObject } from './params';
import { generatedTable, referenceVolume, relativeError } from './testing/reference';

const TABLES = [
  ['digital_phantom_pyradiomics_values.csv', false],
  ['digital_phantom_pyradiomics_force2D_values.csv', true],
] as const;

describe.each(TABLES)('%s', (file, force2D) => {
  const table = generatedTable(file);
  test.each([...table.keys()])('%s', async (column) => {
    const expected = table.get(column)!;
    const [image, mask] = await Promise.all([
      referenceVolume('ibsi/digital_phantom/nifti/image/phantom.nii.gz'),
      referenceVolume('ibsi/digital_phantom/nifti/mask/mask.nii.gz'),
    ]);
    const featureClass: Record<string, string[]> = {};
    for (const name of expected.keys()) {
      const [, cls, feature] = name.split('_');
      (featureClass[cls] ??= []).push(feature);
    }
    const setting = {
      binWidth: 1,
      voxelArrayShift: 0,
      minimumROIDimensions: 1,
      force2D,
      weightingNorm: column.includes('no_weighting') ? 'no_weighting' : null,
    };
    const features = extractFeatures(image, mask, paramsFromObject({ setting, featureClass }, file));
    const failures = [...expected]
      .filter(([name, value]) => !(relativeError(features.get(name)!, value) <= 1e-9))
      .map(([name, value]) => `${name}: ${features.get(name)} vs ${value}`);
    expect(failures).toEqual([]);
  });
});
