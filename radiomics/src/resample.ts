// Resampling a volume onto another grid as ITK's ResampleImageFilter does with an identity transform: each output
// voxel's centre is mapped through patient space to a continuous index of the input; samples whose index lies
// outside [−0.5, n − 0.5) get 0; the interpolated value is clamped to the range of the output pixel type and
// C-cast (integer images are truncated toward zero, ITK's CastPixelWithBoundsChecking). The output keeps the input's
// pixel type. Interpolators: nearest neighbour (index rounded half up), linear (ITK's LinearInterpolateImageFunction,
// which falls back to the edge sample beyond the last voxel centre) and cubic B-spline (./bspline).
import { bsplineCoefficients, cubicWeights, mirrorIndex } from './bspline';
import { copyGrid, forEachMappedIndex, type Grid } from './grid';
import type { Volume, VoxelArray } from './volume';

export type Interpolator = 'nearest' | 'linear' | 'bspline';

/** SimpleITK's interpolator enumeration (sitkNearestNeighbor = 1, sitkLinear = 2, sitkBSpline = 3). */
const SITK_INTERPOLATORS: Record<string, Interpolator> = {
  sitkNearestNeighbor: 'nearest',
  sitkLinear: 'linear',
  sitkBSpline: 'bspline',
  '1': 'nearest',
  '2': 'linear',
  '3': 'bspline',
};

export function interpolatorOf(setting: string | number): Interpolator {
  const interpolator = SITK_INTERPOLATORS[String(setting)];
  if (!interpolator) {
    throw new Error(
      `interpolator ${setting} is not available in this engine; use sitkNearestNeighbor, sitkLinear or sitkBSpline`,
    );
  }
  return interpolator;
}

/** At most this many output voxels (2^27 ≈ 134 million, 1 GB as float64): beyond, resampling is refused. */
export const MAX_RESAMPLED_VOXELS = 2 ** 27;

export function assertGridFits(grid: Grid, what: string): void {
  const voxels = grid.size[0] * grid.size[1] * grid.size[2];
  if (voxels > MAX_RESAMPLED_VOXELS) {
    throw new Error(
      `${what}: the resampled grid would hold ${grid.size.join('x')} = ${voxels} voxels, more than the ` +
        `${MAX_RESAMPLED_VOXELS} this engine keeps in memory; choose a larger resampledPixelSpacing`,
    );
  }
}

export function resampleVolume(input: Volume, grid: Grid, interpolator: Interpolator): Volume {
  assertGridFits(grid, 'resampling');
  const [nx, ny, nz] = grid.size;
  const [mx, my, mz] = input.size;
  const sample = sampler(input, interpolator);
  const Type = input.data.constructor as new (n: number) => VoxelArray;
  const data = new Type(nx * ny * nz);
  const store = storer(data);
  forEachMappedIndex(grid, input, (n, x, y, z) => {
    // ITK's IsInsideBuffer: [start − 0.5, end + 0.5) on every axis.
    if (x >= -0.5 && x < mx - 0.5 && y >= -0.5 && y < my - 0.5 && z >= -0.5 && z < mz - 0.5) store(n, sample(x, y, z));
  });
  return { data, ...copyGrid(grid) };
}

type Sampler = (x: number, y: number, z: number) => number;

function sampler(input: Volume, interpolator: Interpolator): Sampler {
  if (interpolator === 'nearest') return nearestSampler(input);
  if (interpolator === 'linear') return linearSampler(input);
  return bsplineSampler(input);
}

function nearestSampler({ data, size }: Volume): Sampler {
  const [mx, my] = size;
  return (x, y, z) => data[Math.floor(x + 0.5) + mx * (Math.floor(y + 0.5) + my * Math.floor(z + 0.5))];
}

/** ITK's LinearInterpolateImageFunction: base = floor(index) clamped to 0; a neighbour past the end is not used. */
function linearSampler({ data, size }: Volume): Sampler {
  const [mx, my, mz] = size;
  const axis = (c: number, n: number): [number, number, number] => {
    let base = Math.floor(c);
    if (base < 0) base = 0;
    const t = c - base;
    // distance ≤ 0 or no voxel beyond: the edge sample alone.
    return t <= 0 || base + 1 > n - 1 ? [base, base, 0] : [base, base + 1, t];
  };
  return (x, y, z) => {
    const [x0, x1, tx] = axis(x, mx);
    const [y0, y1, ty] = axis(y, my);
    const [z0, z1, tz] = axis(z, mz);
    const at = (i: number, j: number, k: number): number => data[i + mx * (j + my * k)];
    const c00 = at(x0, y0, z0) + (at(x1, y0, z0) - at(x0, y0, z0)) * tx;
    const c10 = at(x0, y1, z0) + (at(x1, y1, z0) - at(x0, y1, z0)) * tx;
    const c01 = at(x0, y0, z1) + (at(x1, y0, z1) - at(x0, y0, z1)) * tx;
    const c11 = at(x0, y1, z1) + (at(x1, y1, z1) - at(x0, y1, z1)) * tx;
    const c0 = c00 + (c10 - c00) * ty;
    const c1 = c01 + (c11 - c01) * ty;
    return c0 + (c1 - c0) * tz;
  };
}

function bsplineSampler({ data, size }: Volume): Sampler {
  const coefficients = bsplineCoefficients(data, size);
  const [mx, my, mz] = size;
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  const wz = new Float64Array(4);
  const ix = new Int32Array(4);
  const iy = new Int32Array(4);
  const iz = new Int32Array(4);
  const prepare = (c: number, n: number, w: Float64Array, index: Int32Array): void => {
    const base = Math.floor(c);
    cubicWeights(c - base, w);
    for (let t = 0; t < 4; t++) index[t] = mirrorIndex(base - 1 + t, n);
  };
  return (x, y, z) => {
    prepare(x, mx, wx, ix);
    prepare(y, my, wy, iy);
    prepare(z, mz, wz, iz);
    // ITK's order: the 64 points with x fastest, weight = wx·wy·wz.
    let value = 0;
    for (let c = 0; c < 4; c++) {
      for (let b = 0; b < 4; b++) {
        const row = mx * (iy[b] + my * iz[c]);
        for (let a = 0; a < 4; a++) value += wx[a] * wy[b] * wz[c] * coefficients[ix[a] + row];
      }
    }
    return value;
  };
}

/** Writes a double into the output array as ITK casts it: clamped to the type's range, truncated for integers. */
function storer(data: VoxelArray): (n: number, value: number) => void {
  if (data instanceof Float64Array || data instanceof Float32Array) return (n, value) => (data[n] = value);
  const [low, high] = integerRange(data);
  return (n, value) => (data[n] = value < low ? low : value > high ? high : Math.trunc(value));
}

function integerRange(data: VoxelArray): [number, number] {
  const bits = data.BYTES_PER_ELEMENT * 8;
  const signed = data instanceof Int8Array || data instanceof Int16Array || data instanceof Int32Array;
  return signed ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}
