// Voxel grids in patient (LPS) space, as SimpleITK places them: physical point p = origin + M·index with
// M = D·diag(spacing), D the row-major direction matrix whose column c is the unit vector of index axis c. The
// arithmetic follows ITK's ImageBase (sums in index order, the same grouping) so that points exactly half-way between
// voxel centres round as they do in ITK's nearest-neighbour resampling.
import type { Vec3, Volume } from './volume';

/** The geometry of a volume without its voxels. */
export type Grid = Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'>;

/**
 * Whether two grids are the same for mapping a mask from one onto the other: the same size, spacing within 1e-3 mm,
 * origin within 0.01 mm and direction cosines within 1e-4. The tolerances absorb what a trip through DICOM headers
 * does to a grid (decimal strings of at most 16 characters, orientations written by other software) and stay far
 * below what could move a voxel across the half-voxel rule of mapMask (0.01 mm is 1/50 of a 0.5 mm voxel; a 1e-4
 * direction error moves the far edge of a 512-voxel axis by 0.05 voxel), so a mask taken as on the same grid is the
 * mask mapMask would give.
 */
export function sameGrid(a: Grid, b: Grid): boolean {
  const close = (x: readonly number[], y: readonly number[], tolerance: number) =>
    x.every((v, i) => Math.abs(v - y[i]) <= tolerance);
  return (
    a.size.every((n, i) => n === b.size[i]) &&
    close(a.spacing, b.spacing, 1e-3) &&
    close(a.origin, b.origin, 0.01) &&
    close(a.direction, b.direction, 1e-4)
  );
}

/** index → physical point, as ITK's TransformIndexToPhysicalPoint: origin + Σ_c M[r][c]·index[c]. */
export function indexToPhysical(grid: Grid, index: readonly number[]): Vec3 {
  const { origin, spacing, direction: d } = grid;
  const out = [0, 0, 0] as Vec3;
  for (let r = 0; r < 3; r++) {
    let p = origin[r];
    for (let c = 0; c < 3; c++) p += d[r * 3 + c] * spacing[c] * index[c];
    out[r] = p;
  }
  return out;
}

/** continuous index → physical point, as ITK's TransformContinuousIndexToPhysicalPoint: (Σ_c M[r][c]·index[c]) + origin. */
export function continuousIndexToPhysical(grid: Grid, index: readonly number[]): Vec3 {
  const { origin, spacing, direction: d } = grid;
  const out = [0, 0, 0] as Vec3;
  for (let r = 0; r < 3; r++) {
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += d[r * 3 + c] * spacing[c] * index[c];
    out[r] = sum + origin[r];
  }
  return out;
}

/** physical point → continuous index: M⁻¹·(point − origin). */
export function physicalToIndex(grid: Grid, point: readonly number[]): Vec3 {
  return applyInverse(inverseIndexMatrix(grid), grid.origin, point);
}

function applyInverse(inverse: number[], origin: readonly number[], point: readonly number[]): Vec3 {
  const v0 = point[0] - origin[0];
  const v1 = point[1] - origin[1];
  const v2 = point[2] - origin[2];
  const out = [0, 0, 0] as Vec3;
  for (let r = 0; r < 3; r++) {
    let sum = 0;
    sum += inverse[r * 3] * v0;
    sum += inverse[r * 3 + 1] * v1;
    sum += inverse[r * 3 + 2] * v2;
    out[r] = sum;
  }
  return out;
}

/** M⁻¹; for an orthonormal D exactly diag(1/spacing)·Dᵀ. */
function inverseIndexMatrix({ spacing, direction: d }: Grid): number[] {
  const orthonormal = [0, 1, 2].every((a) =>
    [0, 1, 2].every(
      (b) => Math.abs(d[a] * d[b] + d[3 + a] * d[3 + b] + d[6 + a] * d[6 + b] - (a === b ? 1 : 0)) < 1e-6,
    ),
  );
  if (orthonormal) return [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => d[c * 3 + r] / spacing[r]));
  return invert3([0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => d[r * 3 + c] * spacing[c])));
}

/**
 * Visits every voxel of `from` (x fastest, running number n) with its continuous index in `to` (both grids in the
 * same patient space), traced as ITK's ResampleImageFilter does: the start of every x line through patient space,
 * then a constant step along the line.
 */
export function forEachMappedIndex(
  from: Grid,
  to: Grid,
  visit: (n: number, x: number, y: number, z: number) => void,
): void {
  const [nx, ny, nz] = from.size;
  const inverse = inverseIndexMatrix(to);
  const map = (index: number[]): Vec3 => applyInverse(inverse, to.origin, indexToPhysical(from, index));
  const first = map([0, 0, 0]);
  const second = map([1, 0, 0]);
  const dx = second[0] - first[0];
  const dy = second[1] - first[1];
  const dz = second[2] - first[2];
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let [x, y, z] = map([0, j, k]);
      for (let i = 0; i < nx; i++, n++) {
        visit(n, x, y, z);
        x += dx;
        y += dy;
        z += dz;
      }
    }
  }
}

/** A grid copied with new geometry values, so callers never share arrays. */
export function copyGrid(grid: Grid): Grid {
  return {
    size: [...grid.size] as Vec3,
    spacing: [...grid.spacing] as Vec3,
    origin: [...grid.origin] as Vec3,
    direction: [...grid.direction],
  };
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (det === 0) throw new Error('the direction matrix is singular: the volume has no valid orientation');
  return [
    (e * i - f * h) / det,
    (c * h - b * i) / det,
    (b * f - c * e) / det,
    (f * g - d * i) / det,
    (a * i - c * g) / det,
    (c * d - a * f) / det,
    (d * h - e * g) / det,
    (b * g - a * h) / det,
    (a * e - b * d) / det,
  ];
}
