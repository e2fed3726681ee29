// Image types: the images features are computed on (PyRadiomics `imageType`). Each derives one or more named images
// from the (normalised, pre-cropped or resampled) input image; the extractor crops each to the ROI bounding box.
import { gradientMagnitudeImage } from './filters/gradient';
import { exponentialImage, logarithmImage, squareImage, squareRootImage } from './filters/intensity-maps';
import type { Roi } from './mask';
import { indexToPhysical } from './grid';
import { boxSize, type Box } from './region';
import { waveletImages } from './filters/wavelet';
import { logImages } from './filters/log-images';
import type { ImageTypeConfig } from './params';
import type { Settings } from './settings';
import type { Vec3, Volume } from './volume';

export interface DerivedImage {
  /** Prefix of the feature names, e.g. `original`, `log-sigma-1-0-mm-3D`, `wavelet-LLH`. */
  name: string;
  image: Volume;
  /** When set, `image` covers only this box of the input grid (filters that compute the ROI's box alone). */
  box?: Box;
}

export type ImageTypeGenerator = (image: Volume, roi: Roi, settings: Settings, config: ImageTypeConfig) => DerivedImage[];

/** The voxels of `box` (x fastest) as a volume of the box's size placed at the box's corner of `grid`. */
export function boxImage(grid: Volume, box: Box, data: Float64Array): Volume {
  return { data, size: boxSize(box), spacing: [...grid.spacing] as Vec3, origin: indexToPhysical(grid, box.lo), direction: [...grid.direction] };
}

/** Every image type PyRadiomics accepts in a parameter file. */
export const KNOWN_IMAGE_TYPES: readonly string[] = [
  'Original',
  'LoG',
  'Wavelet',
  'Square',
  'SquareRoot',
  'Logarithm',
  'Exponential',
  'Gradient',
  'LBP2D',
  'LBP3D',
];

export const IMAGE_TYPE_GENERATORS: Readonly<Record<string, ImageTypeGenerator>> = {
  Original: (image) => [{ name: 'original', image }],
  Square: (image) => [{ name: 'square', image: squareImage(image) }],
  SquareRoot: (image) => [{ name: 'squareroot', image: squareRootImage(image) }],
  Logarithm: (image) => [{ name: 'logarithm', image: logarithmImage(image) }],
  Exponential: (image) => [{ name: 'exponential', image: exponentialImage(image) }],
  LoG: (image, roi, settings, config) => logImages(image, roi.box, settings.sigma, config.sigmaLiterals),
  Wavelet: (image, roi, settings) => waveletImages(image, roi.box, settings),
  Gradient: (image, _, settings) => [{ name: 'gradient', image: gradientMagnitudeImage(image, settings.gradientUseSpacing) }],
};
