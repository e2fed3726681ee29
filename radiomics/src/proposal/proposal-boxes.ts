// The boxes a proposal looks in: around the click, grown and recentred on what was found, and refitted to the
// lesion plus a margin (the tight box of Chen et al. 2006). Boxes are inclusive voxel-index bounds on the grid.
import type { Grid } from '../grid';
import type { Box } from '../region';
import type { Vec3 } from '../volume';

const REFINE_MARGIN_MM = 6;
const REFINE_MARGIN_FRACTION = 0.3;

/** The box of `halfMm` around `centre`, grown to hold `seed`, within the grid. */
export function boxAround(grid: Grid, centre: Vec3, halfMm: Vec3, seed: Vec3): Box {
  const lo = [0, 0, 0] as Vec3;
  const hi = [0, 0, 0] as Vec3;
  for (let a = 0; a < 3; a++) {
    const half = Math.ceil(halfMm[a] / grid.spacing[a]);
    lo[a] = Math.max(0, Math.min(centre[a] - half, seed[a] - 1));
    hi[a] = Math.min(grid.size[a] - 1, Math.max(centre[a] + half, seed[a] + 1));
  }
  return { lo, hi };
}

/** Inclusive grid-index bounds of a region held on a box (`size` voxels starting at `box.lo`). */
export function regionBounds(region: Uint8Array, box: Box, size: Vec3): Box {
  const [bx, by] = size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let n = 0; n < region.length; n++) {
    if (!region[n]) continue;
    const at = [n % bx, Math.floor(n / bx) % by, Math.floor(n / (bx * by))];
    for (let a = 0; a < 3; a++) {
      if (at[a] < lo[a]) lo[a] = at[a];
      if (at[a] > hi[a]) hi[a] = at[a];
    }
  }
  const offset = box.lo;
  return {
    lo: [lo[0] + offset[0], lo[1] + offset[1], lo[2] + offset[2]],
    hi: [hi[0] + offset[0], hi[1] + offset[1], hi[2] + offset[2]],
  };
}

/** The region's bounds plus a margin of REFINE_MARGIN_MM, or REFINE_MARGIN_FRACTION of its extent when larger. */
export function refitBox(grid: Grid, region: Uint8Array, box: Box, size: Vec3): Box {
  const { lo, hi } = regionBounds(region, box, size);
  const out: Box = { lo: [0, 0, 0], hi: [0, 0, 0] };
  for (let a = 0; a < 3; a++) {
    const extentMm = (hi[a] - lo[a] + 1) * grid.spacing[a];
    const margin = Math.ceil(Math.max(REFINE_MARGIN_MM, REFINE_MARGIN_FRACTION * extentMm) / grid.spacing[a]);
    out.lo[a] = Math.max(0, lo[a] - margin);
    out.hi[a] = Math.min(grid.size[a] - 1, hi[a] + margin);
  }
  return out;
}

/** The region reaches a face of the box that is not a face of the image: the box was too small. */
export function touchesInnerFace(region: Uint8Array, size: Vec3, box: Box, gridSize: Vec3): boolean {
  const [bx, by, bz] = size;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++) {
        if (!region[i + bx * (j + by * k)]) continue;
        const at = [i, j, k];
        for (let a = 0; a < 3; a++) {
          if (at[a] === 0 && box.lo[a] > 0) return true;
          if (at[a] === size[a] - 1 && box.hi[a] < gridSize[a] - 1) return true;
        }
      }
    }
  }
  return false;
}
