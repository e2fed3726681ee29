import { extractFeatures } from './extractor';
import { assertRoiInsideImage, resampleMaskNearest } from './mask-resample';
import { paramsFromObject } from './params';
import type { Volume } from './volume';

// Image: 4×4×2 voxels of 1 mm at the origin. Mask: 2×2×1 voxels of 2 × 2 × 1 mm whose centres sit at (0.5, 0.5, 0) and
// (2.5, 2.5, 0): image voxel x maps to mask index (x − 0.5)/2, rounded half up, so x 0, 1 → 0 and x 2, 3 → 1; image
// slice z 1 maps to mask index 1, outside the one-slice mask.
const image: Volume = {
  data: Float64Array.from({ length: 32 }, (_, n) => n),
  size: [4, 4, 2],
  spacing: [1, 1, 1],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const mask: Volume = {
  data: Uint8Array.from([1, 0, 1, 1]),
  size: [2, 2, 1],
  spacing: [2, 2, 1],
  origin: [0.5, 0.5, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

test('nearest-neighbour resampling onto the image grid, as ITK rounds (half up) and pads (0)', () => {
  const resampled = resampleMaskNearest(mask, image);
  expect(resampled.size).toEqual([4, 4, 2]);
  expect([...resampled.data.subarray(0, 16)]).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
  expect([...resampled.data.subarray(16)].every((v) => v === 0)).toBe(true);
});

test('correctMask lets features be extracted from a mask on another grid; without it the mismatch is an error', () => {
  const params = (correctMask: boolean) =>
    paramsFromObject({ setting: { correctMask }, featureClass: { firstorder: ['Mean'] } }, 'test');
  expect(() => extractFeatures(image, mask, params(false))).toThrow(/image and mask differ in size/);
  const mean = extractFeatures(image, mask, params(true)).get('original_firstorder_Mean');
  expect(mean).toBe([0, 1, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15].reduce((a, b) => a + b, 0) / 12);
});

test('a ROI reaching outside the image is refused', () => {
  const outside: Volume = { ...mask, origin: [6.5, 0.5, 0] };
  expect(() => assertRoiInsideImage(image, outside, { lo: [0, 0, 0], hi: [1, 1, 0] })).toThrow(
    /correctMask: the ROI's bounding box reaches outside the image along axis 0/,
  );
});
