// The voxel grid contract shared with the radiomics engine (see docs/architecture.md, "Volume").

export type Vec3 = [number, number, number];

/**
 * Voxel (i, j, k) lives at data[i + size[0] * (j + size[1] * k)]. `origin` is the patient position (LPS, mm)
 * of the centre of voxel (0, 0, 0); `direction` is row-major 3x3 as SimpleITK's GetDirection(): column c is
 * the unit vector of index axis c.
 */
export interface Volume {
  data: Float32Array | Int16Array | Uint16Array | Uint8Array;
  size: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  direction: number[];
}

/** A Volume without its voxels. */
export type Grid = Omit<Volume, 'data'>;

export const IDENTITY_DIRECTION = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Unit vector of index axis `axis` (a column of the direction matrix). */
export function axisDirection(grid: Grid, axis: 0 | 1 | 2): Vec3 {
  const d = grid.direction;
  return [d[axis], d[3 + axis], d[6 + axis]];
}

/** Patient position (LPS, mm) of the centre of voxel (i, j, k); fractional indices are allowed. */
export function voxelToPatient(grid: Grid, i: number, j: number, k: number): Vec3 {
  const d = grid.direction;
  const a = i * grid.spacing[0];
  const b = j * grid.spacing[1];
  const c = k * grid.spacing[2];
  return [
    grid.origin[0] + d[0] * a + d[1] * b + d[2] * c,
    grid.origin[1] + d[3] * a + d[4] * b + d[5] * c,
    grid.origin[2] + d[6] * a + d[7] * b + d[8] * c,
  ];
}

/** Continuous index of a patient position (the inverse of voxelToPatient; the direction is orthonormal). */
export function patientToIndex(grid: Grid, p: Vec3): Vec3 {
  const d = grid.direction;
  const x = p[0] - grid.origin[0];
  const y = p[1] - grid.origin[1];
  const z = p[2] - grid.origin[2];
  return [
    (d[0] * x + d[3] * y + d[6] * z) / grid.spacing[0],
    (d[1] * x + d[4] * y + d[7] * z) / grid.spacing[1],
    (d[2] * x + d[5] * y + d[8] * z) / grid.spacing[2],
  ];
}

/** The part of `grid` starting at index `start` with `size` voxels per axis (same spacing and direction). */
export function subGrid(grid: Grid, start: Vec3, size: Vec3): Grid {
  for (let a = 0; a < 3; a++) {
    if (start[a] < 0 || size[a] < 1 || start[a] + size[a] > grid.size[a]) {
      throw new Error(`sub-grid start ${start} size ${size} does not fit the grid of size ${grid.size}`);
    }
  }
  return {
    size: [size[0], size[1], size[2]],
    spacing: [...grid.spacing],
    origin: voxelToPatient(grid, start[0], start[1], start[2]),
    direction: [...grid.direction],
  };
}

/** A box of voxels within a larger grid: the voxels keep their identity (and so their noise) when cropped. */
export interface GridRegion {
  full: Grid;
  start: Vec3;
  size: Vec3;
}

export function wholeRegion(grid: Grid): GridRegion {
  return { full: grid, start: [0, 0, 0], size: [...grid.size] };
}

export function regionGrid(region: GridRegion): Grid {
  return subGrid(region.full, region.start, region.size);
}

/**
 * The region of `grid` covering the box centre ± halfExtent (mm, along the index axes), shifted to stay
 * inside the grid when the box reaches past its edge.
 */
export function regionAround(grid: Grid, centre: Vec3, halfExtentMm: Vec3): GridRegion {
  const c = patientToIndex(grid, centre);
  const start: Vec3 = [0, 0, 0];
  const size: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const n = Math.min(grid.size[a], Math.max(1, Math.ceil((2 * halfExtentMm[a]) / grid.spacing[a])));
    const first = Math.round(c[a] - (n - 1) / 2);
    start[a] = Math.min(grid.size[a] - n, Math.max(0, first));
    size[a] = n;
  }
  return { full: grid, start, size };
}
