// The slab of slices an outline covers on its grid: what the kinetics read of each DCE phase.
import type { Vec3, Volume } from '@heron/radiomics';
import type { Slab } from '@heron/dicom/volumes';

/**
 * The slices (along index axis 2) holding a voxel of `mask`, and the mask cut to them on a grid with the same
 * spacing and direction whose origin is the slab's first slice. An empty outline gives one slice, so that the
 * analysis reports the empty outline as it would on whole phases.
 */
export function outlineSlab(mask: Volume): { slab: Slab; mask: Volume } {
  const [nx, ny, nz] = mask.size;
  const perSlice = nx * ny;
  let first = -1;
  let last = -1;
  for (let k = 0; k < nz; k++) {
    const from = k * perSlice;
    for (let v = from; v < from + perSlice; v++) {
      if (mask.data[v] !== 0) {
        if (first < 0) first = k;
        last = k;
        break;
      }
    }
  }
  if (first < 0) first = last = 0;
  const count = last - first + 1;
  return {
    slab: { first, count },
    mask: {
      data: mask.data.slice(first * perSlice, (last + 1) * perSlice),
      size: [nx, ny, count],
      spacing: mask.spacing,
      // Column 2 of the row-major direction matrix is the slice axis.
      origin: [0, 1, 2].map((r) => mask.origin[r] + mask.direction[r * 3 + 2] * mask.spacing[2] * first) as Vec3,
      direction: mask.direction,
    },
  };
}
