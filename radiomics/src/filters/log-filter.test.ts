// The LoG filter: on the ROI box it equals the whole-image filter (the margin covers the recursive filters' reach),
// it has the Laplacian's response on polynomials, and it refuses what ITK cannot filter. Its features against
// PyRadiomics are checked in extractor.generated.test.ts (tables A and B).
import { extractFeatures } from '../extractor';
import { selectLabel } from '../mask';
import { parseParams } from '../params';
import type { Box } from '../region';
import { volumeOf } from '../testing/fixtures';
import { pyradiomicsCase } from '../testing/reference';
import type { Vec3, Volume } from '../volume';
import { laplaciansOfGaussian } from './log-filter';

const laplacianOfGaussian = (image: Volume, sigma: number, box: Box) => laplaciansOfGaussian(image, [sigma], box)[0];
import { pythonFloatString } from './log-images';

function wholeBox(volume: Volume): Box {
  return { lo: [0, 0, 0], hi: volume.size.map((n) => n - 1) as Vec3 };
}

/** The values of `box` out of a whole-grid array. */
function crop(data: Float32Array, size: Vec3, box: Box): number[] {
  const out: number[] = [];
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      for (let i = box.lo[0]; i <= box.hi[0]; i++) out.push(data[i + size[0] * (j + size[1] * k)]);
    }
  }
  return out;
}

test.each(['brain1', 'breast1'])('%s: LoG on the ROI box equals the whole-image LoG inside the box', async (name) => {
  const [image, mask] = await pyradiomicsCase(name);
  const box = selectLabel(mask, 1).box;
  const boxedAll = laplaciansOfGaussian(image, [1, 3, 5], box);
  for (const [k, sigma] of [1, 3, 5].entries()) {
    const whole = crop(laplacianOfGaussian(image, sigma, wholeBox(image)), image.size, box);
    const boxed = boxedAll[k];
    expect(boxed.length).toBe(whole.length);
    const differing = whole.filter((v, n) => v !== boxed[n]).length;
    expect(differing).toBe(0);
  }
});

test('σ²·∇² of a quadratic is 2σ² per axis away from the borders; a constant image gives 0', () => {
  const n = 40;
  const slices = Array.from({ length: n }, (_, k) =>
    Array.from({ length: n }, (_, j) =>
      Array.from({ length: n }, (_, i) => (i - 20) ** 2 + 0.5 * (j - 20) ** 2 + 0 * k),
    ),
  );
  const image = volumeOf(slices, [1, 1, 1]);
  const centre: Box = { lo: [20, 20, 20], hi: [20, 20, 20] };
  // ∇²f = 2 + 1 = 3, times σ² = 4.
  expect(laplacianOfGaussian(image, 2, centre)[0]).toBeCloseTo(12, 2);
  const flat = volumeOf(slices.map((p) => p.map((r) => r.map(() => 7))));
  expect(Math.abs(laplacianOfGaussian(flat, 2, centre)[0])).toBeLessThan(1e-5);
});

test('spacing enters in mm: the same quadratic in mm on a 0.5 mm grid gives the same value', () => {
  const n = 60;
  const slices = Array.from({ length: 20 }, () =>
    Array.from({ length: 20 }, () => Array.from({ length: n }, (_, i) => ((i - 30) * 0.5) ** 2)),
  );
  const image = volumeOf(slices, [0.5, 1, 1]);
  expect(laplacianOfGaussian(image, 2, { lo: [30, 10, 10], hi: [30, 10, 10] })[0]).toBeCloseTo(8, 2);
});

test('bad sigma or image size: an error naming the problem', () => {
  const image = volumeOf(Array.from({ length: 6 }, () => Array.from({ length: 6 }, () => [1, 2, 3, 4, 5, 6])));
  const box: Box = { lo: [1, 1, 1], hi: [3, 3, 3] };
  expect(() => laplacianOfGaussian(image, 0, box)).toThrow('LoG: sigma must be a positive number of mm, got 0');
  expect(() => laplacianOfGaussian({ ...image, spacing: [0.7, 0.7, 40] }, 1, box)).toThrow(
    /LoG: sigma 1 mm is too small for the voxel spacing along z \(40 mm\): below 0.05 of a voxel .* at least 2.00 mm/,
  );
  expect(() => laplacianOfGaussian(image, 5.5, box)).toThrow(
    'LoG: sigma 5.5 mm is too large for this image: along x (spacing 1 mm) it needs ceil(sigma / spacing) + 1 = 7 voxels, the image has 6',
  );
  const thin = volumeOf([[[1, 2, 3, 4, 5, 6]], [[1, 2, 3, 4, 5, 6]], [[1, 2, 3, 4, 5, 6]]]);
  expect(() => laplacianOfGaussian(thin, 1, { lo: [0, 0, 0], hi: [5, 0, 2] })).toThrow(
    'LoG: the image is 6 x 1 x 3 voxels; the recursive Gaussian needs at least 4 voxels along every axis',
  );
});

test('image names: sigma as Python prints it, integers from the parameter file without ".0"', async () => {
  const [image, mask] = await pyradiomicsCase('breast1');
  const params = parseParams('imageType:\n  LoG: {sigma: [1.0, 2, 2.5]}\nfeatureClass:\n  firstorder: [Mean]\n');
  expect([...extractFeatures(image, mask, params).keys()]).toEqual([
    'log-sigma-1-0-mm-3D_firstorder_Mean',
    'log-sigma-2-mm-3D_firstorder_Mean',
    'log-sigma-2-5-mm-3D_firstorder_Mean',
  ]);
  const global = parseParams('setting:\n  sigma: [3]\nimageType:\n  LoG:\nfeatureClass:\n  firstorder: [Mean]\n');
  expect([...extractFeatures(image, mask, global).keys()]).toEqual(['log-sigma-3-mm-3D_firstorder_Mean']);
  expect([0.5, 1, 1e-5, 1.5e16, 0.0001].map(pythonFloatString)).toEqual(['0.5', '1.0', '1e-05', '1.5e+16', '0.0001']);
});

test('a float64 image keeps its precision into the filter; an int16 image goes through float32 unchanged', async () => {
  const [image, mask] = await pyradiomicsCase('breast1');
  const box = selectLabel(mask, 1).box;
  const asDoubles = { ...image, data: Float64Array.from(image.data) };
  expect(laplacianOfGaussian(asDoubles, 2, box)).toEqual(laplacianOfGaussian(image, 2, box));
  // A third of a grey level is not a float32 number at these intensities: rounding it first changes the result.
  const fine = { ...image, data: Float64Array.from(image.data, (v) => v + 1 / 3) };
  const rounded = { ...image, data: Float32Array.from(fine.data) };
  const [a, b] = [laplacianOfGaussian(fine, 2, box), laplacianOfGaussian(rounded, 2, box)];
  expect(a.some((v, n) => v !== b[n])).toBe(true);
});
