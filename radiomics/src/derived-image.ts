// An image derived from the input for feature extraction (PyRadiomics' image types), kept apart from the table of
// image types so that the filters producing them do not import the table that imports them.
import { indexToPhysical } from './grid';
import { boxSize, type Box } from './region';
import type { Vec3, Volume } from './volume';

export interface DerivedImage {
  /** Prefix of the feature names, e.g. `original`, `log-sigma-1-0-mm-3D`, `wavelet-LLH`. */
  name: string;
  image: Volume;
  /** When set, `image` covers only this box of the input grid (filters that compute the ROI's box alone). */
  box?: Box;
}

/** The voxels of `box` (x fastest) as a volume of the box's size placed at the box's corner of `grid`. */
export function boxImage(grid: Volume, box: Box, data: Float64Array): Volume {
  return {
    data,
    size: boxSize(box),
    spacing: [...grid.spacing] as Vec3,
    origin: indexToPhysical(grid, box.lo),
    direction: [...grid.direction],
  };
}
