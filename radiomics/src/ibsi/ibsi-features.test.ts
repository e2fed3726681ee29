// IBSI mode against the IBSI 1 digital phantom reference values (../shared/reference/ibsi, parsed from the reference
// manual): every one of the 482 rows within its tolerance, or, without one, within half a unit of the last printed
// significant digit. Plus hand-checkable pieces: the convex hull, the ellipsoid area series, the IVH definitions.
import { readFileSync } from 'node:fs';
import { parseCsv } from '../testing/csv';
import { referencePath, referenceVolume } from '../testing/reference';
import { volumeOf } from '../testing/fixtures';
import { convexHull, hullVolumeArea } from './convex-hull';
import { ibsiFeatures } from './ibsi-features';
import { intensityVolumeHistogram } from './intensity-volume-histogram';

/**
 * Half a unit in the last significant digit of a printed value ("0.0397", "1200", ":math:`1.49 \times 10^{3}`"). The
 * manual rounds to 3 significant digits, so an integer's trailing zeros beyond the third digit are not significant.
 */
function printedTolerance(printed: string): number {
  const latex = /([-\d.]+)\s*\\times\s*10\^\{(-?\d+)\}/.exec(printed);
  const [mantissa, exponent] = latex ? [latex[1], Number(latex[2])] : [printed, 0];
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace(/^-/, '').length;
  const unit = dot >= 0 ? -(mantissa.length - dot - 1) : Math.max(0, digits - 3);
  return 0.5 * 10 ** (unit + exponent);
}

describe('the IBSI 1 digital phantom', () => {
  const table = parseCsv(readFileSync(referencePath('ibsi/ibsi1_digital_phantom_reference_values.csv'), 'utf8'));
  const header = table[0];
  const reference = table
    .slice(1)
    .filter((r) => r.length === header.length)
    .map(
      (r) =>
        Object.fromEntries(header.map((k, i) => [k, r[i]])) as Record<
          'family' | 'feature' | 'ibsi_code' | 'aggregation' | 'variant' | 'value' | 'tolerance' | 'value_as_printed',
          string
        >,
    );

  test('all 482 reference values, each within its tolerance or its printed precision', async () => {
    const [image, mask] = await Promise.all([
      referenceVolume('ibsi/digital_phantom/nifti/image/phantom.nii.gz'),
      referenceVolume('ibsi/digital_phantom/nifti/mask/mask.nii.gz'),
    ]);
    const rows = ibsiFeatures(image, mask);
    expect(reference).toHaveLength(482);
    const key = (r: { family: string; feature: string; aggregation: string; variant: string }) =>
      [r.family, r.feature, r.aggregation, r.variant].join('|');
    const ours = new Map(rows.map((r) => [key(r), r]));
    expect(ours.size).toBe(rows.length);
    const failures = reference
      .filter((r) => {
        const row = ours.get(key(r));
        const tolerance = r.tolerance ? Number(r.tolerance) : printedTolerance(r.value_as_printed);
        return (
          !row || row.ibsiCode !== r.ibsi_code || !(Math.abs(row.value - Number(r.value)) <= tolerance * (1 + 1e-9))
        );
      })
      .map((r) => `${key(r)}: ${ours.get(key(r))?.value} vs ${r.value}`);
    expect(failures).toEqual([]);
  });
});

test('printed precision: half a unit in the last significant digit', () => {
  const expected = [0.00005, 5, 0.05, 0.5, 5];
  ['0.0397', '1200', '2.6', '-50', ':math:`1.49 \\times 10^{3}`'].forEach((printed, k) =>
    expect(printedTolerance(printed)).toBeCloseTo(expected[k], 12),
  );
});

test('convex hull: a unit cube with points inside and on its faces has volume 1 and area 6', () => {
  const corners = [0, 1].flatMap((z) => [0, 1].flatMap((y) => [0, 1].flatMap((x) => [x, y, z])));
  const points = Int32Array.from([...corners, 1, 1, 1, 0, 1, 1].map((v) => v * 2).concat([1, 1, 1]));
  const hull = convexHull(points)!;
  const { volume, area } = hullVolumeArea(points, hull, [0.5, 0.5, 0.5]);
  expect(volume).toBeCloseTo(1, 12);
  expect(area).toBeCloseTo(6, 12);
  expect(convexHull(Int32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0]))).toBeNull();
});

test('intensity-volume histogram: volume at 10 % / 90 % intensity and intensity at 10 % / 90 % volume', () => {
  // Levels 1…5: ten voxels of level 1, five of 3, five of 5.
  const levels = [...Array(10).fill(1), ...Array(5).fill(3), ...Array(5).fill(5)];
  expect(intensityVolumeHistogram(levels, 5)).toEqual([0.5, 0.25, 5, 2, 0.25, 3]);
});

test('bad input: a mask on another grid is an error', () => {
  const image = volumeOf([
    [
      [1, 2],
      [3, 4],
    ],
    [
      [1, 2],
      [3, 4],
    ],
  ]);
  const mask = {
    ...volumeOf([
      [
        [1, 1],
        [1, 1],
      ],
      [
        [1, 1],
        [1, 1],
      ],
    ]),
    origin: [5, 0, 0] as [number, number, number],
  };
  expect(() => ibsiFeatures(image, mask)).toThrow(/origin/);
});
