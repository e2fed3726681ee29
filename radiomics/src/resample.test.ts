import { bsplineCoefficients, mirrorIndex } from './bspline';
import { roiGrid } from './resample-roi';
import { resampleVolume } from './resample';
import type { Vec3, Volume } from './volume';

const ramp = (
  size: Vec3,
  f: (i: number, j: number, k: number) => number,
  Type: new (n: number) => Volume['data'] = Float64Array,
): Volume => {
  const data = new Type(size[0] * size[1] * size[2]);
  let n = 0;
  for (let k = 0; k < size[2]; k++)
    for (let j = 0; j < size[1]; j++) for (let i = 0; i < size[0]; i++) data[n++] = f(i, j, k);
  return { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
};

test('mirror boundary without repeating the edge sample', () => {
  expect([-3, -2, -1, 0, 4, 5, 6, 7, 8, 9].map((i) => mirrorIndex(i, 5))).toEqual([3, 2, 1, 0, 4, 3, 2, 1, 0, 1]);
  expect(mirrorIndex(-4, 1)).toBe(0);
});

test('B-spline coefficients reproduce the samples: Σ c[i±1]/6 + 4c[i]/6 = f[i]', () => {
  const f = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3];
  const c = bsplineCoefficients(f, [f.length, 1, 1]);
  const at = (i: number) => c[mirrorIndex(i, f.length)];
  f.forEach((value, i) => expect((at(i - 1) + 4 * at(i) + at(i + 1)) / 6).toBeCloseTo(value, 9));
});

test('interpolators on a linear ramp: linear and cubic B-spline are exact inside, nearest rounds half up', () => {
  const f = (x: number, y: number, z: number) => 2 * x - y + 3 * z;
  const image = ramp([48, 48, 48], f);
  // Away from the borders, where the mirrored ramp still is a ramp for the B-spline's support.
  const grid = {
    size: [5, 4, 3] as Vec3,
    spacing: [1.5, 1.25, 1.5] as Vec3,
    origin: [20.75, 20.5, 20.5] as Vec3,
    direction: image.direction,
  };
  for (const interpolator of ['linear', 'bspline'] as const) {
    const out = resampleVolume(image, grid, interpolator);
    let n = 0;
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 4; j++) {
        for (let i = 0; i < 5; i++)
          expect(out.data[n++]).toBeCloseTo(f(20.75 + 1.5 * i, 20.5 + 1.25 * j, 20.5 + 1.5 * k), 9);
      }
    }
  }
  const nearest = resampleVolume(image, grid, 'nearest');
  expect(nearest.data[0]).toBe(f(21, 21, 21));
});

test('integer images are clamped and truncated toward zero; samples outside the image are 0', () => {
  const image = ramp([4, 1, 1], (i) => [-3, 0, 3, 32767][i], Int16Array);
  const grid = {
    size: [5, 1, 1] as Vec3,
    spacing: [0.75, 1, 1] as Vec3,
    origin: [0.25, 0, 0] as Vec3,
    direction: image.direction,
  };
  const out = resampleVolume(image, grid, 'linear');
  expect(out.data).toBeInstanceOf(Int16Array);
  // positions 0.25, 1, 1.75, 2.5, 3.25 → −2.25, 0, 2.25, 16385, edge value
  expect([...out.data]).toEqual([-2, 0, 2, 16385, 32767]);
  const outside = resampleVolume(image, { ...grid, origin: [-1, 0, 0] }, 'nearest');
  expect(outside.data[0]).toBe(0);
});

test('PyRadiomics grid: corner-aligned, bounding box ± pad in new voxels, clamped to the image', () => {
  // breast1: 45×120×21 at 0.664062×0.664062×2.1, ROI box (21, 64, 8) size (9, 12, 3) → 14×16×16 at 2 mm.
  const mask = {
    size: [45, 120, 21] as Vec3,
    spacing: [0.664062, 0.664062, 2.1] as Vec3,
    origin: [0, 0, 0] as Vec3,
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  const grid = roiGrid(mask, { lo: [21, 64, 8], hi: [29, 75, 10] }, [2, 2, 2], 5);
  expect(grid.size).toEqual([14, 16, 16]);
  // The new voxel 0 of the full grid shares its outer corner with mask voxel 0.
  const lower = [Math.floor(20.5 * 0.332031 - 5), Math.floor(63.5 * 0.332031 - 5), Math.floor(7.5 * 1.05 - 5)];
  grid.origin.forEach((o, axis) => expect(o).toBeCloseTo(-mask.spacing[axis] / 2 + 1 + 2 * lower[axis], 9));
});
