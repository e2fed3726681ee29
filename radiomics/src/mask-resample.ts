// PyRadiomics' `correctMask`: a mask on another grid is resampled onto the image grid with nearest neighbour (ITK's
// ResampleImageFilter with identity transform: each image voxel takes the mask voxel whose continuous index rounds
// half up to it, 0 outside the mask), after checking that the ROI's bounding box lies inside the image (±½ voxel,
// tolerance 1e-3 in index units, on the two corners PyRadiomics checks).
import { indexToPhysical, physicalToIndex, type Grid } from './grid';
import type { Box } from './region';
import { resampleVolume } from './resample';
import type { Vec3, Volume } from './volume';

/** Throws unless the ROI box of the mask lies inside the image's physical extent. */
export function assertRoiInsideImage(image: Grid, mask: Grid, box: Box, what = 'correctMask'): void {
  const corners = [box.lo.map((v) => v - 0.5), box.hi.map((v) => v + 0.5)].map((c) =>
    physicalToIndex(image, indexToPhysical(mask, c as Vec3)),
  );
  const tolerance = 1e-3;
  for (let axis = 0; axis < 3; axis++) {
    const low = Math.min(corners[0][axis], corners[1][axis]);
    const high = Math.max(corners[0][axis], corners[1][axis]);
    if (low < -0.5 - tolerance || high > image.size[axis] - 0.5 + tolerance) {
      throw new Error(
        `${what}: the ROI's bounding box reaches outside the image along axis ${axis} ` +
          `(image index ${low.toFixed(3)}…${high.toFixed(3)}, image size ${image.size[axis]})`,
      );
    }
  }
}

/** The mask resampled onto the image grid by nearest neighbour. */
export function resampleMaskNearest(mask: Volume, image: Grid): Volume {
  return resampleVolume(mask, image, 'nearest');
}
