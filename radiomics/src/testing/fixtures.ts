// Small hand-made volumes for unit tests: nested arrays indexed [z][y][x], turned into Volumes and class inputs.
import { imageInput } from '../extractor';
import type { ImageInput, ShapeInput } from '../feature-class';
import { selectLabel } from '../mask';
import { boxSize } from '../region';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { Vec3, Volume } from '../volume';

export function volumeOf(slices: number[][][], spacing: Vec3 = [1, 1, 1]): Volume {
  const size: Vec3 = [slices[0][0].length, slices[0].length, slices.length];
  return {
    data: Float64Array.from(slices.flat(2)),
    size,
    spacing,
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
}

/** A mask of 1s where `image` is defined (every voxel), or from explicit 0/1 slices. */
export function fullMask(slices: number[][][]): number[][][] {
  return slices.map((plane) => plane.map((row) => row.map(() => 1)));
}

/** The class input of an image over a mask (label 1), discretised with bin width 1 unless settings say otherwise. */
export function inputOf(
  image: number[][][],
  mask: number[][][] = fullMask(image),
  settings: Partial<Settings> = {},
  spacing: Vec3 = [1, 1, 1],
): ImageInput {
  const full: Settings = { ...DEFAULT_SETTINGS, binWidth: 1, ...settings };
  const roi = selectLabel(volumeOf(mask, spacing), 1);
  return imageInput(volumeOf(image, spacing), roi, full);
}

export function shapeInputOf(
  mask: number[][][],
  spacing: Vec3 = [1, 1, 1],
  settings: Partial<Settings> = {},
): ShapeInput {
  const roi = selectLabel(volumeOf(mask, spacing), 1);
  return { size: boxSize(roi.box), spacing, map: roi.map, settings: { ...DEFAULT_SETTINGS, ...settings } };
}
