import { extractFeatures } from './extractor';
import { formatFeatureCsv } from './feature-csv';
import { paramsFromObject } from './params';
import { volumeOf } from './testing/fixtures';
import { pyradiomicsCase } from './testing/reference';
import type { Volume } from './volume';

const params = (raw: object = {}) => paramsFromObject(raw, 'test params');
const firstOrderOnly = (setting: object = {}) => params({ setting, featureClass: { firstorder: ['Mean', 'Maximum'] } });

// A 4×4×2 image with a 2×2×2 ROI of label 1 and one voxel of label 2.
const image = volumeOf([
  [
    [1, 2, 3, 4],
    [5, 6, 7, 8],
    [9, 10, 11, 12],
    [13, 14, 15, 16],
  ],
  [
    [17, 18, 19, 20],
    [21, 22, 23, 24],
    [25, 26, 27, 28],
    [29, 30, 31, 32],
  ],
]);
const mask = volumeOf([
  [
    [0, 0, 0, 0],
    [0, 1, 1, 0],
    [0, 1, 1, 0],
    [0, 0, 0, 2],
  ],
  [
    [0, 0, 0, 0],
    [0, 1, 1, 0],
    [0, 1, 1, 0],
    [0, 0, 0, 0],
  ],
]);

test('features are named <imageType>_<class>_<Feature>, shape first, in PyRadiomics order', () => {
  const features = extractFeatures(
    image,
    mask,
    params({ featureClass: { firstorder: ['Mean'], shape: ['VoxelVolume'] } }),
  );
  expect([...features]).toEqual([
    ['original_shape_VoxelVolume', 8],
    ['original_firstorder_Mean', (6 + 7 + 10 + 11 + 22 + 23 + 26 + 27) / 8],
  ]);
});

test("texture classes follow the parameter file's order", () => {
  const names = [
    ...extractFeatures(image, mask, params({ featureClass: { ngtdm: ['Coarseness'], firstorder: ['Mean'] } })).keys(),
  ];
  expect(names).toEqual(['original_ngtdm_Coarseness', 'original_firstorder_Mean']);
});

test('the label option overrides the parameter file; minimumROIDimensions decides if a line or voxel passes', () => {
  expect(() => extractFeatures(image, mask, firstOrderOnly(), { label: 2 })).toThrow(
    'the ROI is a single voxel: features cannot be extracted from one voxel',
  );
  const line = volumeOf([[[1, 1, 0, 0]], [[0, 0, 0, 0]]]);
  const lineImage = volumeOf([[[1, 2, 3, 4]], [[5, 6, 7, 8]]]);
  expect(() => extractFeatures(lineImage, line, firstOrderOnly())).toThrow(
    'the ROI spans 1 dimension(s) but minimumROIDimensions is 2',
  );
  expect(
    extractFeatures(lineImage, line, firstOrderOnly({ minimumROIDimensions: 1 })).get('original_firstorder_Mean'),
  ).toBe(1.5);
  expect(() => extractFeatures(image, mask, firstOrderOnly({ minimumROISize: 8 }))).toThrow(
    'the ROI holds 8 voxels, not more than minimumROISize 8',
  );
});

describe('bad input is a clear error', () => {
  test('image and mask of different size or geometry', () => {
    const shifted: Volume = { ...mask, origin: [0.5, 0, 0] };
    expect(() => extractFeatures(image, shifted, firstOrderOnly())).toThrow(
      /image and mask geometry differ: origin image \(0, 0, 0\) vs mask \(0.5, 0, 0\)/,
    );
    const smaller = volumeOf([
      [
        [1, 1],
        [1, 1],
      ],
    ]);
    expect(() => extractFeatures(image, smaller, firstOrderOnly())).toThrow(
      'image and mask differ in size: image 4x4x2, mask 2x2x1 (voxels x, y, z)',
    );
    expect(extractFeatures(image, shifted, firstOrderOnly({ geometryTolerance: 1 })).size).toBe(2);
  });

  test('empty mask and absent label', () => {
    const empty = { ...mask, data: new Uint8Array(32) };
    expect(() => extractFeatures(image, empty, firstOrderOnly())).toThrow('mask is empty: no voxel is labelled');
    expect(() => extractFeatures(image, mask, firstOrderOnly(), { label: 3 })).toThrow(
      'label 3 is not present in the mask; labels present: 1, 2',
    );
  });

  test('NaN intensities and non-integer labels', () => {
    const nan = { ...image, data: Float64Array.from(image.data, (v) => (v === 23 ? NaN : v)) };
    expect(() => extractFeatures(nan, mask, firstOrderOnly())).toThrow(
      'image holds NaN at voxel (2, 1, 1); intensities must be finite numbers',
    );
    const fractional = { ...mask, data: Float64Array.from(mask.data, (v) => (v === 2 ? 0.5 : v)) };
    expect(() => extractFeatures(image, fractional, firstOrderOnly())).toThrow(
      'mask holds the non-integer value 0.5 at voxel (3, 3, 0); labels must be integers',
    );
  });

  test('data that does not fit the size', () => {
    expect(() => extractFeatures({ ...image, data: new Float64Array(5) }, mask, firstOrderOnly())).toThrow(
      'image: data holds 5 voxels but size 4x4x2 needs 32',
    );
  });

  test('settings this engine does not provide', () => {
    expect(() => extractFeatures(image, mask, params({ imageType: { LBP3D: {} } }))).toThrow(
      /imageType LBP3D is not available in this engine yet/,
    );
    expect(() =>
      extractFeatures(
        image,
        mask,
        firstOrderOnly({ resampledPixelSpacing: [0.5, 0.5, 0.5], interpolator: 'sitkGaussian' }),
      ),
    ).toThrow(
      'interpolator sitkGaussian is not available in this engine; use sitkNearestNeighbor, sitkLinear or sitkBSpline',
    );
  });

  test('a wavelet this engine does not provide', () => {
    expect(() => extractFeatures(image, mask, params({ imageType: { Wavelet: { wavelet: 'bior1.3' } } }))).toThrow(
      /wavelet "bior1.3" is not available in this engine; available: haar, db1–db20, sym2, sym3, sym4, sym5, sym6, sym8, sym9, sym13, coif1–coif3 \(PyWavelets' other wavelets: coif4–coif17, db21–db38/,
    );
  });

  test('a resampled grid too large for memory', () => {
    expect(() =>
      extractFeatures(image, mask, firstOrderOnly({ resampledPixelSpacing: [0.002, 0.002, 0.002] })),
    ).toThrow(
      /resampledPixelSpacing: the resampled grid would hold .* voxels, more than the 134217728 this engine keeps in memory/,
    );
  });

  test('re-segmentation that leaves at most one voxel', () => {
    expect(() => extractFeatures(image, mask, firstOrderOnly({ resegmentRange: [27] }))).toThrow(
      'resegmentRange [27] (absolute) keeps 1 voxel(s) of the ROI; features cannot be extracted',
    );
  });

  test('shape2D named explicitly but not applicable', () => {
    expect(() => extractFeatures(image, mask, params({ featureClass: { shape2D: null } }))).not.toThrow();
    expect(() => extractFeatures(image, mask, params({ featureClass: { shape2D: ['Perimeter'] } }))).toThrow(
      'shape2D needs force2D: true (and a ROI one voxel thick along force2Ddimension)',
    );
  });
});

test('re-segmentation: absolute, relative and sigma thresholds, shape on the re-segmented bounding box', () => {
  const mean = (setting: object) =>
    extractFeatures(image, mask, firstOrderOnly(setting)).get('original_firstorder_Mean');
  expect(mean({ resegmentRange: [27, 20] })).toBe((22 + 23 + 26 + 27) / 4);
  // Relative to the ROI maximum 27: [8.1, 24.3] keeps 10, 11, 22, 23.
  expect(mean({ resegmentRange: [0.3, 0.9], resegmentMode: 'relative' })).toBe((10 + 11 + 22 + 23) / 4);
  // Sigma mode: mean 16.5, population SD 8.0777; mean − 0.5 SD = 12.46 keeps the upper slice.
  expect(mean({ resegmentRange: [-0.5], resegmentMode: 'sigma' })).toBe((22 + 23 + 26 + 27) / 4);
  const shape = extractFeatures(
    image,
    mask,
    params({ setting: { resegmentRange: [20] }, featureClass: { shape: ['VoxelVolume'] } }),
  );
  // The original mask cropped to the re-segmented box (upper slice only) holds 4 voxels.
  expect(shape.get('original_shape_VoxelVolume')).toBe(4);
  // [23] keeps 23, 26, 27: the original mask over their box still counts 4, the re-segmented one (resegmentShape) 3.
  const volume = (resegmentShape: boolean) =>
    extractFeatures(
      image,
      mask,
      params({ setting: { resegmentRange: [23], resegmentShape }, featureClass: { shape: ['VoxelVolume'] } }),
    );
  expect(volume(false).get('original_shape_VoxelVolume')).toBe(4);
  expect(volume(true).get('original_shape_VoxelVolume')).toBe(3);
});

test('normalize: whole-image z-score (sample SD) × normalizeScale, outliers clipped first', () => {
  const values = Array.from({ length: 32 }, (_, i) => i + 1);
  const mu = 16.5;
  const sigma = Math.sqrt(values.reduce((s, v) => s + (v - mu) ** 2, 0) / 31);
  const max = extractFeatures(image, mask, firstOrderOnly({ normalize: true, normalizeScale: 100 })).get(
    'original_firstorder_Maximum',
  );
  expect(max).toBeCloseTo(((27 - mu) / sigma) * 100, 10);
  const clipped = extractFeatures(image, mask, firstOrderOnly({ normalize: true, removeOutliers: 1 })).get(
    'original_firstorder_Maximum',
  );
  expect(clipped).toBe(1);
});

test('preCrop does not change the features of the original image', async () => {
  const [brainImage, brainMask] = await pyradiomicsCase('breast1');
  const plain = extractFeatures(brainImage, brainMask, params());
  const cropped = extractFeatures(brainImage, brainMask, params({ setting: { preCrop: true } }));
  expect(cropped).toEqual(plain);
});

test('CSV: header feature,value and 17 significant digits', () => {
  expect(
    formatFeatureCsv(
      new Map([
        ['a', 1 / 3],
        ['b', NaN],
        ['c', 1e6],
      ]),
    ),
  ).toBe('feature,value\na,0.33333333333333331\nb,nan\nc,1000000.0000000000\n');
});
