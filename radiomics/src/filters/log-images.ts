// PyRadiomics' `LoG` image type (imageoperations.getLoGImage): one Laplacian-of-Gaussian image per `sigma` (mm), named
// `log-sigma-<σ>-mm-3D` with σ as Python's str() prints it and '.' replaced by '-' (a YAML float 1.0 gives
// `log-sigma-1-0-mm-3D`, a YAML integer 3 gives `log-sigma-3-mm-3D`). Computed on the ROI's bounding box only.
import { boxImage, type DerivedImage } from '../derived-image';
import type { Box } from '../region';
import type { Volume } from '../volume';
import { laplaciansOfGaussian } from './log-filter';

/**
 * The LoG images of `sigmas`. `literals` holds, per sigma, its text in the parameter file when the file wrote it as
 * an integer (Python then prints no ".0"); without it a sigma is a Python float.
 */
export function logImages(
  image: Volume,
  box: Box,
  sigmas: readonly number[],
  literals: readonly (string | undefined)[] = [],
): DerivedImage[] {
  const filtered = laplaciansOfGaussian(image, sigmas, box);
  return sigmas.map((sigma, k) => ({
    name: `log-sigma-${(literals[k] ?? pythonFloatString(sigma)).replace('.', '-')}-mm-3D`,
    image: boxImage(image, box, Float64Array.from(filtered[k])),
    box,
  }));
}

/** Python's str() of a float: shortest round-trip digits, ".0" on integral values, exponent below 1e-4 or from 1e16. */
export function pythonFloatString(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
