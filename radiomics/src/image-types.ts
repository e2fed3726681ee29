// Image types: the images features are computed on (PyRadiomics `imageType`). Each derives one or more named images
// from the (normalised, pre-cropped or resampled) input image; the extractor crops each to the ROI bounding box.
import { gradientMagnitudeImage } from './filters/gradient';
import { exponentialImage, logarithmImage, squareImage, squareRootImage } from './filters/intensity-maps';
import type { Roi } from './mask';
import type { DerivedImage } from './derived-image';
import { waveletImages } from './filters/wavelet';
import { logImages } from './filters/log-images';
import type { ImageTypeConfig } from './params';
import type { Settings } from './settings';
import type { Volume } from './volume';

export type ImageTypeGenerator = (
  image: Volume,
  roi: Roi,
  settings: Settings,
  config: ImageTypeConfig,
) => DerivedImage[];

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
  Gradient: (image, _, settings) => [
    { name: 'gradient', image: gradientMagnitudeImage(image, settings.gradientUseSpacing) },
  ],
};
