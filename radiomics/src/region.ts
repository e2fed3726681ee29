// Axis-aligned boxes of voxel indices and cropping, as PyRadiomics' cropToTumorMask does it.
import type { Vec3, Volume, VoxelArray } from './volume';

/** Inclusive voxel-index bounds, x/y/z. */
export interface Box {
  lo: Vec3;
  hi: Vec3;
}

export function boxSize(box: Box): Vec3 {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

/** The box grown by `pad` voxels on every side, never beyond the grid (PyRadiomics clamps the crop, it does not pad). */
export function padBox(box: Box, pad: number, size: Vec3): Box {
  return {
    lo: box.lo.map((v) => Math.max(v - pad, 0)) as Vec3,
    hi: box.hi.map((v, axis) => Math.min(v + pad, size[axis] - 1)) as Vec3,
  };
}

/** Box expressed in the index space of a crop that starts at `origin`. */
export function shiftBox(box: Box, origin: Vec3): Box {
  return {
    lo: box.lo.map((v, axis) => v - origin[axis]) as Vec3,
    hi: box.hi.map((v, axis) => v - origin[axis]) as Vec3,
  };
}

/** Copies the voxels of `box` out of a grid of `size` (x fastest). */
export function cropArray<T extends VoxelArray>(data: T, size: Vec3, box: Box): T {
  const [nx, ny, nz] = boxSize(box);
  const out = new (data.constructor as new (n: number) => T)(nx * ny * nz);
  let o = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const start = box.lo[0] + size[0] * (box.lo[1] + j + size[1] * (box.lo[2] + k));
      out.set(data.subarray(start, start + nx), o);
      o += nx;
    }
  }
  return out;
}

/** The sub-volume of `box`; spacing and direction stay, the origin moves to the box corner. */
export function cropVolume(volume: Volume, box: Box): Volume {
  const { origin, spacing, direction } = volume;
  const step = box.lo.map((v, axis) => v * spacing[axis]);
  const shifted = [0, 1, 2].map(
    (r) => origin[r] + direction[r * 3] * step[0] + direction[r * 3 + 1] * step[1] + direction[r * 3 + 2] * step[2],
  ) as Vec3;
  return {
    data: cropArray(volume.data, volume.size, box),
    size: boxSize(box),
    spacing: [...spacing] as Vec3,
    origin: shifted,
    direction: [...direction],
  };
}
