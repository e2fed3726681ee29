// PyRadiomics' resampleImage (imageoperations.py): image and mask are resampled onto a grid of
// `resampledPixelSpacing` that is corner-aligned with the mask grid and cropped to the ROI's bounding box ±
// `padDistance` new voxels; the image with the chosen interpolator, the mask with nearest neighbour. When the new
// spacing equals the image's, nothing is interpolated: the mask is put onto the image grid and both are cropped.
// See docs/pyradiomics-notes.md §4.
import { continuousIndexToPhysical, type Grid } from './grid';
import { selectLabel, type Roi } from './mask';
import { assertRoiInsideImage, resampleMaskNearest } from './mask-resample';
import { boxSize, cropVolume, padBox, type Box } from './region';
import { assertGridFits, interpolatorOf, resampleVolume } from './resample';
import type { Settings } from './settings';
import type { Vec3, Volume } from './volume';

export interface ResampledPair {
  image: Volume;
  mask: Volume;
}

/** The resampled, cropped image and mask; `roi` is the label's ROI on the mask's own grid. */
export function resampleToRoi(
  image: Volume,
  mask: Volume,
  roi: Roi,
  settings: Pick<Settings, 'resampledPixelSpacing' | 'interpolator' | 'padDistance' | 'label'>,
): ResampledPair {
  const requested = settings.resampledPixelSpacing!;
  if (requested.length !== 3) {
    throw new Error(`resampledPixelSpacing must give 3 spacings (x, y, z), got ${requested.length}`);
  }
  const interpolator = interpolatorOf(settings.interpolator!);
  const extent = boxSize(roi.box);
  // 0 keeps the mask spacing; so does an axis on which the ROI is one voxel thick.
  const spacing = requested.map((s, axis) => (s === 0 || extent[axis] === 1 ? mask.spacing[axis] : s)) as Vec3;
  assertRoiInsideImage(image, mask, roi.box, 'resampledPixelSpacing');
  if (spacing.every((s, axis) => Math.abs(image.spacing[axis] - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
    const onImage = resampleMaskNearest(mask, image);
    const box = padBox(selectLabel(onImage, settings.label).box, settings.padDistance, image.size);
    return { image: cropVolume(image, box), mask: cropVolume(onImage, box) };
  }
  const grid = roiGrid(mask, roi.box, spacing, settings.padDistance);
  assertGridFits(grid, 'resampledPixelSpacing');
  return { image: resampleVolume(image, grid, interpolator), mask: resampleVolume(mask, grid, 'nearest') };
}

/** The corner-aligned grid of `spacing` over the ROI box ± pad (new voxels), clamped to the mask's extent. */
export function roiGrid(mask: Grid, box: Box, spacing: Vec3, pad: number): Grid {
  const extent = boxSize(box);
  const lower: number[] = [];
  const size: number[] = [];
  const originIndex: number[] = [];
  for (let axis = 0; axis < 3; axis++) {
    const ratio = mask.spacing[axis] / spacing[axis];
    const lo = Math.max(0, Math.floor((box.lo[axis] - 0.5) * ratio - pad));
    const hi = Math.min(
      Math.ceil(mask.size[axis] * ratio) - 1,
      Math.ceil((box.lo[axis] + extent[axis] - 0.5) * ratio + pad),
    );
    lower.push(lo);
    size.push(hi - lo + 1);
    originIndex.push((0.5 * (spacing[axis] - mask.spacing[axis])) / mask.spacing[axis] + lo / ratio);
  }
  return {
    size: size as Vec3,
    spacing: [...spacing] as Vec3,
    origin: continuousIndexToPhysical(mask, originIndex),
    direction: [...mask.direction],
  };
}
