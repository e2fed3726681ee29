// Daubechies and symlet filters computed from their definitions: the closed form of db2, orthonormality, vanishing
// moments, and the symlets' nearer-to-linear phase. (Agreement with PyWavelets 1.1.1's tables, within 7e-12, was
// measured when this was written; the tables are not copied here.)
import { coiflet, daubechies, polynomialRoots, symlet } from './wavelet-families';
import { waveletFilters } from './wavelet-filters';

/** max |Σ_k h_k·h_{k+2m} − δ_m| over shifts m, and max |Σ_k (−1)^k·k^l·h_k| over l < moments (k centred and scaled). */
function defects(h: number[], moments: number): { orthonormality: number; moments: number } {
  let orthonormality = 0;
  for (let m = 0; 2 * m < h.length; m++) {
    let s = 0;
    for (let k = 0; k + 2 * m < h.length; k++) s += h[k] * h[k + 2 * m];
    orthonormality = Math.max(orthonormality, Math.abs(s - (m === 0 ? 1 : 0)));
  }
  let worst = 0;
  const centre = (h.length - 1) / 2;
  for (let l = 0; l < moments; l++) {
    let s = 0;
    let scale = 0;
    h.forEach((v, k) => {
      const t = ((k - centre) / centre) ** l;
      s += (k % 2 === 0 ? 1 : -1) * t * v;
      scale += Math.abs(t * v);
    });
    worst = Math.max(worst, Math.abs(s) / scale);
  }
  return { orthonormality, moments: worst };
}

test('db2 is (1 + √3, 3 + √3, 3 − √3, 1 − √3)/(4√2)', () => {
  const r3 = Math.sqrt(3);
  const exact = [1 + r3, 3 + r3, 3 - r3, 1 - r3].map((v) => v / (4 * Math.SQRT2));
  daubechies(2).forEach((v, k) => expect(Math.abs(v - exact[k])).toBeLessThan(4e-16));
  expect(daubechies(1)).toEqual([Math.SQRT1_2, Math.SQRT1_2].map((v) => expect.closeTo(v, 15)));
});

test.each(Array.from({ length: 20 }, (_, k) => k + 1))('db%i: orthonormal, N vanishing moments, minimum phase', (n) => {
  const h = daubechies(n);
  expect(h).toHaveLength(2 * n);
  expect(Math.abs(h.reduce((a, b) => a + b, 0) - Math.SQRT2)).toBeLessThan(1e-13);
  const d = defects(h, n);
  // Double-precision root finding loses digits with the order (db20: 2.4e-11 on the scaled moments).
  expect(d.orthonormality).toBeLessThan(n < 12 ? 1e-13 : 1e-10);
  expect(d.moments).toBeLessThan(n < 12 ? 1e-12 : 1e-10);
  // Minimum phase: the energy sits at the start (partial energies are the largest of any filter with |H| the same).
  expect(h.slice(0, n).reduce((a, v) => a + v * v, 0)).toBeGreaterThan(0.5);
});

test.each([4, 5, 6, 8, 9, 13])('sym%i: orthonormal, N vanishing moments, phase nearer linear than dbN', (n) => {
  const h = symlet(n);
  const d = defects(h, n);
  expect(d.orthonormality).toBeLessThan(1e-11);
  expect(d.moments).toBeLessThan(1e-11);
  const asymmetry = (f: number[]) => f.reduce((a, v, k) => a + (v - f[f.length - 1 - k]) ** 2, 0);
  expect(asymmetry(h)).toBeLessThan(asymmetry(daubechies(n)));
  expect(symlet(2)).toEqual(daubechies(2));
});

test.each([1, 2, 3])('coif%i: orthonormal, 2K vanishing wavelet moments, 2K − 1 vanishing scaling moments', (k) => {
  const h = coiflet(k);
  expect(h).toHaveLength(6 * k);
  const d = defects(h, 2 * k);
  expect(d.orthonormality).toBeLessThan(1e-14);
  expect(d.moments).toBeLessThan(1e-13);
  // Scaling moments about tap n = 0 (index 2K): Σ n^l·h_n = 0 for 1 ≤ l < 2K.
  for (let l = 1; l < 2 * k; l++) {
    const s = h.reduce((a, v, i) => a + ((i - 2 * k) / (2 * k + 1)) ** l * v, 0);
    expect(Math.abs(s)).toBeLessThan(1e-13);
  }
  expect(() => coiflet(4)).toThrow(/order 4 is not available/);
});

test("coif1 computed equals the coif1 table PyRadiomics' default uses", () => {
  const computed = [...coiflet(1)].reverse();
  waveletFilters('coif1').lo.forEach((v, i) => expect(Math.abs(v - computed[i])).toBeLessThan(3e-16));
});

test('polynomial roots: (y − 1)(y − 2)(y² + 1)', () => {
  const roots = polynomialRoots([2, -3, 3, -3, 1]).map(
    ([re, im]) => [Math.round(re * 1e9) / 1e9, Math.round(im * 1e9) / 1e9] as const,
  );
  expect(roots.map((r) => r.join(',')).sort()).toEqual(['0,-1', '0,1', '1,0', '2,0']);
});

test('filters by name: decomposition low-pass reversed, quadrature-mirror high-pass; unknown names refused', () => {
  const { lo, hi } = waveletFilters('db2');
  expect(lo).toEqual([...daubechies(2)].reverse());
  expect(hi).toEqual(lo.map((_, k) => (k % 2 === 0 ? -1 : 1) * lo[lo.length - 1 - k]));
  expect(waveletFilters('haar').lo).toEqual(waveletFilters('db1').lo);
  for (const name of ['db21', 'sym7', 'coif4', 'coif0', 'db02', 'db', 'haar1', 'bior1.3'])
    expect(() => waveletFilters(name)).toThrow(/is not available in this engine/);
});

test('brain1: the wavelet image type runs with a computed family (db4, sym8) and gives finite features', async () => {
  const { pyradiomicsCase } = await import('../testing/reference');
  const { extractFeatures } = await import('../extractor');
  const { parseParams } = await import('../params');
  const [image, mask] = await pyradiomicsCase('breast1');
  for (const wavelet of ['db4', 'sym8']) {
    const features = extractFeatures(
      image,
      mask,
      parseParams(`imageType:\n  Wavelet: {wavelet: ${wavelet}}\nfeatureClass:\n  firstorder: [Mean, Variance]\n`),
    );
    expect(features.size).toBe(16);
    for (const value of features.values()) expect(Number.isFinite(value)).toBe(true);
  }
});

test('force2D: the bands of the two in-plane axes, named as PyRadiomics names them; on an image constant along z they are the 3D bands with z low-pass, ÷√2', async () => {
  const { extractFeatures } = await import('../extractor');
  const { parseParams } = await import('../params');
  const { pyradiomicsCase } = await import('../testing/reference');
  const [image, mask] = await pyradiomicsCase('breast1');
  // Every slice a copy of the middle one.
  const [nx, ny, nz] = image.size;
  const middle = Math.floor(nz / 2);
  const flat = {
    ...image,
    data: Float64Array.from(image.data, (_, n) => image.data[(n % (nx * ny)) + nx * ny * middle]),
  };
  const classes = 'featureClass:\n  firstorder: [Mean, Maximum]\n';
  const planar = extractFeatures(
    flat,
    mask,
    parseParams(`imageType:\n  Wavelet: {}\nsetting: {force2D: true, binWidth: 25}\n${classes}`),
  );
  expect([...new Set([...planar.keys()].map((k) => k.split('_')[0]))]).toEqual([
    'wavelet-LH',
    'wavelet-HL',
    'wavelet-HH',
    'wavelet-LL',
  ]);
  const volumetric = extractFeatures(
    flat,
    mask,
    parseParams(`imageType:\n  Wavelet: {}\nsetting: {binWidth: 25}\n${classes}`),
  );
  for (const [band2, band3] of [
    ['LH', 'LHL'],
    ['HL', 'HLL'],
    ['HH', 'HHL'],
    ['LL', 'LLL'],
  ]) {
    for (const feature of ['Mean', 'Maximum']) {
      const a = planar.get(`wavelet-${band2}_firstorder_${feature}`)!;
      const b = volumetric.get(`wavelet-${band3}_firstorder_${feature}`)!;
      expect(Math.abs(a * Math.SQRT2 - b)).toBeLessThan(1e-9 * Math.max(1, Math.abs(b)));
    }
  }
  // The bands high-pass along z vanish on a z-constant image.
  expect(Math.abs(volumetric.get('wavelet-LLH_firstorder_Maximum')!)).toBeLessThan(1e-9);
});
