// Whole-image z-score normalisation as PyRadiomics does it with SimpleITK's Normalize: f = (x − μ)·(1/σ) over every
// voxel of the image (σ the sample SD, n − 1), optionally clipped to ±removeOutliers, then × normalizeScale.
import type { Settings } from './settings';
import type { Volume } from './volume';

export function normalizeImage(image: Volume, settings: Pick<Settings, 'normalizeScale' | 'removeOutliers'>): Volume {
  const { data } = image;
  const n = data.length;
  // Compensated sums, as ITK's StatisticsImageFilter accumulates them.
  let sum = 0;
  let sumError = 0;
  let squares = 0;
  let squaresError = 0;
  for (let i = 0; i < n; i++) {
    const x = data[i];
    const y = x - sumError;
    const t = sum + y;
    sumError = t - sum - y;
    sum = t;
    const y2 = x * x - squaresError;
    const t2 = squares + y2;
    squaresError = t2 - squares - y2;
    squares = t2;
  }
  const mean = sum / n;
  const sigma = Math.sqrt((squares - (sum * sum) / n) / (n - 1));
  if (!(sigma > 0) || !Number.isFinite(sigma)) {
    throw new Error('normalize: the image has no intensity spread (standard deviation 0), it cannot be normalised');
  }
  const inverse = 1 / sigma;
  const limit = settings.removeOutliers;
  const scale = settings.normalizeScale;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = (data[i] - mean) * inverse;
    if (limit !== null) z = z > limit ? limit : z < -limit ? -limit : z;
    out[i] = z * scale;
  }
  return { ...image, data: out };
}
