// The voxel grid shared by the engine, the DICOM layer and the phantom generator. Layout and geometry follow
// SimpleITK: voxel (i, j, k) sits at data[i + size[0] * (j + size[1] * k)] (x fastest), origin is the LPS position of
// voxel (0, 0, 0) and direction is row-major 3x3 whose column c is the unit vector of index axis c.

export type VoxelArray =
  Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

export type Vec3 = [number, number, number];

export interface Volume {
  data: VoxelArray;
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}

export function voxelCount(size: readonly number[]): number {
  return size[0] * size[1] * size[2];
}

/** Throws unless the volume is self-consistent: positive integer size, data length, positive spacing, 3x3 direction. */
export function assertVolume(volume: Volume, what: string): void {
  const { size, spacing, origin, direction, data } = volume;
  if (!Array.isArray(size) || size.length !== 3 || size.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`${what}: size must be three positive integers, got ${JSON.stringify(size)}`);
  }
  if (!Array.isArray(spacing) || spacing.length !== 3 || spacing.some((s) => !(s > 0) || !Number.isFinite(s))) {
    throw new Error(`${what}: spacing must be three positive numbers, got ${JSON.stringify(spacing)}`);
  }
  if (!Array.isArray(origin) || origin.length !== 3 || origin.some((o) => !Number.isFinite(o))) {
    throw new Error(`${what}: origin must be three finite numbers, got ${JSON.stringify(origin)}`);
  }
  if (!Array.isArray(direction) || direction.length !== 9 || direction.some((d) => !Number.isFinite(d))) {
    throw new Error(`${what}: direction must be nine finite numbers (row-major 3x3)`);
  }
  if (data.length !== voxelCount(size)) {
    throw new Error(`${what}: data holds ${data.length} voxels but size ${size.join('x')} needs ${voxelCount(size)}`);
  }
}
