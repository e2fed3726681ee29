// Moran's I and Geary's C by FFT convolution equal the direct sum over all voxel pairs; FFT round trip exact.
import { fft3 } from '../fft';
import type { Vec3, Volume } from '../volume';
import { ibsiRoi } from './ibsi-roi';
import { spatialAutocorrelation } from './spatial-autocorrelation';

function lumpyRoi(size: Vec3, spacing: Vec3) {
  const n = size[0] * size[1] * size[2];
  const image = new Float64Array(n);
  const mask = new Uint8Array(n);
  let state = 7;
  for (let k = 0; k < n; k++) {
    const x = k % size[0];
    const y = Math.floor(k / size[0]) % size[1];
    const z = Math.floor(k / (size[0] * size[1]));
    state = (state * 1103515245 + 12345) % 2147483648;
    const noise = state / 2147483648;
    const r = Math.hypot((x - size[0] / 2) / size[0], (y - size[1] / 2) / size[1], (z - size[2] / 2) / size[2]);
    mask[k] = r < 0.45 + 0.05 * Math.sin(3 * x + y) ? 1 : 0;
    image[k] = 100 + 40 * Math.cos(x / 3) + 25 * Math.sin((y + z) / 4) + 30 * noise;
  }
  const geometry = { size, spacing, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const roi = ibsiRoi({ data: image, ...geometry } as Volume, { data: mask, ...geometry } as Volume, 1, {
    binWidth: 10,
  });
  const mean = roi.values.reduce((a, b) => a + b, 0) / roi.values.length;
  return { roi, mean };
}

test.each([
  [[14, 12, 9] as Vec3, [0.7, 0.7, 1.5] as Vec3],
  [[17, 9, 13] as Vec3, [1, 1, 1] as Vec3],
])('FFT convolution equals the direct pair sums (box %j, spacing %j)', (size, spacing) => {
  const { roi, mean } = lumpyRoi(size, spacing);
  expect(roi.voxels.length).toBeGreaterThan(300);
  const [moranDirect, gearyDirect] = spatialAutocorrelation(roi, mean, 'direct');
  const [moranFft, gearyFft] = spatialAutocorrelation(roi, mean, 'fft');
  expect(Math.abs(moranFft / moranDirect - 1)).toBeLessThan(1e-10);
  expect(Math.abs(gearyFft / gearyDirect - 1)).toBeLessThan(1e-10);
  expect(moranDirect).toBeGreaterThan(0.01);
});

test('fft3 forward then inverse returns the field; a delta transforms to ones', () => {
  const size: [number, number, number] = [8, 4, 2];
  const re = Float64Array.from({ length: 64 }, (_, k) => Math.sin(k * 1.3));
  const im = Float64Array.from({ length: 64 }, (_, k) => Math.cos(k * 0.7));
  const [r0, i0] = [Float64Array.from(re), Float64Array.from(im)];
  fft3(re, im, size, false);
  fft3(re, im, size, true);
  re.forEach((v, k) => expect(Math.abs(v - r0[k])).toBeLessThan(1e-14));
  im.forEach((v, k) => expect(Math.abs(v - i0[k])).toBeLessThan(1e-14));
  const delta = new Float64Array(64);
  delta[0] = 1;
  const zero = new Float64Array(64);
  fft3(delta, zero, size, false);
  delta.forEach((v) => expect(v).toBeCloseTo(1, 15));
  expect(() => fft3(new Float64Array(12), new Float64Array(12), [3, 2, 2], false)).toThrow(/powers of two/);
});
