import { readFileSync } from 'node:fs';
import { parseCsv } from '../testing/csv';
import { referencePath, referenceVolume } from '../testing/reference';
import { parseNifti } from './nifti';

/** A NIfTI-1 single-file image with the given header fields (little-endian) and int16 samples. */
function nifti1(
  options: { dims: number[]; qform?: number[]; qfac?: number; sform?: number[]; slope?: number; inter?: number },
  samples: Int16Array,
): Uint8Array {
  const bytes = new Uint8Array(352 + samples.byteLength);
  const v = new DataView(bytes.buffer);
  v.setInt32(0, 348, true);
  options.dims.forEach((d, k) => v.setInt16(40 + 2 * k, d, true));
  v.setInt16(70, 4, true);
  v.setInt16(72, 16, true);
  [options.qfac ?? 1, 0.5, 0.75, 2].forEach((p, k) => v.setFloat32(76 + 4 * k, p, true));
  v.setFloat32(108, 352, true);
  v.setFloat32(112, options.slope ?? 1, true);
  v.setFloat32(116, options.inter ?? 0, true);
  if (options.qform) {
    v.setInt16(252, 1, true);
    options.qform.forEach((q, k) => v.setFloat32(256 + 4 * k, q, true));
  }
  if (options.sform) {
    v.setInt16(254, 1, true);
    options.sform.forEach((s, k) => v.setFloat32(280 + 4 * k, s, true));
  }
  bytes.set([0x6e, 0x2b, 0x31, 0], 344);
  bytes.set(new Uint8Array(samples.buffer), 352);
  return bytes;
}

const SAMPLES = Int16Array.from([1, 2, 3, 4, 5, 6]);

test('the IBSI digital phantom (.nii.gz) matches its voxel dump; geometry from the sform, RAS → LPS', async () => {
  const image = await referenceVolume('ibsi/digital_phantom/nifti/image/phantom.nii.gz');
  const mask = await referenceVolume('ibsi/digital_phantom/nifti/mask/mask.nii.gz');
  const rows = parseCsv(readFileSync(referencePath('ibsi/digital_phantom_voxels.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r.length === 5);
  expect(image.size).toEqual([5, 4, 4]);
  expect(image.spacing).toEqual([2, 2, 2]);
  expect(image.direction.map((d) => d + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  for (const [i, j, k, intensity, inMask] of rows.map((r) => r.map(Number))) {
    expect(image.data[i + 5 * (j + 4 * k)]).toBe(intensity);
    expect(mask.data[i + 5 * (j + 4 * k)]).toBe(inMask);
  }
});

test('qform: quaternion rotation and qfac, offset as origin, converted to LPS', () => {
  // b, c, d = 0, 0, 1: 180° about z, so RAS columns (−1, 0, 0), (0, −1, 0); qfac −1 flips the third column.
  const volume = parseNifti(nifti1({ dims: [3, 3, 2, 1], qform: [0, 0, 1, 10, 20, 30], qfac: -1 }, SAMPLES));
  expect(volume.spacing).toEqual([0.5, 0.75, 2]);
  expect(volume.origin).toEqual([-10, -20, 30]);
  expect(volume.direction.map((d) => d + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, -1]);
  expect([...volume.data]).toEqual([1, 2, 3, 4, 5, 6]);
});

test('sform wins over the qform; scl_slope/scl_inter rescale to floating point', () => {
  const volume = parseNifti(
    nifti1(
      {
        dims: [3, 3, 2, 1],
        qform: [0, 0, 1, 0, 0, 0],
        sform: [0.5, 0, 0, 1, 0, 0.75, 0, 2, 0, 0, 2, 3],
        slope: 2,
        inter: -1,
      },
      SAMPLES,
    ),
  );
  expect(volume.origin).toEqual([-1, -2, 3]);
  expect(volume.direction.map((d) => d + 0)).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  expect(volume.data).toBeInstanceOf(Float32Array);
  expect([...volume.data]).toEqual([1, 3, 5, 7, 9, 11]);
});

test('bad files: truncated data, truncated header, 4D images', () => {
  const whole = nifti1({ dims: [3, 3, 2, 1] }, SAMPLES);
  expect(() => parseNifti(whole.subarray(0, 360))).toThrow(/NIfTI data is truncated: 12 bytes needed, 8 present/);
  expect(() => parseNifti(whole.subarray(0, 200))).toThrow(/header is truncated/);
  expect(() => parseNifti(nifti1({ dims: [4, 3, 1, 1, 2] }, SAMPLES))).toThrow(/only 3D NIfTI/);
});
