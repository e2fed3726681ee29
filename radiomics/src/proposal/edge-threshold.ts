// Which threshold outlines the lesion: the one whose region at the click has the strongest edge along its border.
//
// Two-class FCM over a box sets its boundary half-way between the background and "what enhances". When the box is
// mostly fat and enhancing parenchyma, "what enhances" is the parenchyma and the lesion merges with it. Following
// the idea of Kupinski & Giger ("Automated seeded lesion segmentation on digital mammograms", IEEE TMI
// 1998;17:510-517) of growing the region at many thresholds and keeping the one whose margin best matches a lesion
// edge, the candidate thresholds run from the FCM boundary up to the region's high enhancement, and the one kept
// maximises the mean gradient magnitude over the region's border voxels. A blurred step edge is steepest at its
// half-height, so the kept threshold sits half-way up the strongest edge around the click: the lesion against
// whatever surrounds it, not parenchyma against fat.
import type { Vec3 } from '../volume';
import { labelComponents } from './binary-morphology';

const LEVELS = 16;
/** Regions smaller than this are noise, not a lesion border, mm³. */
const MIN_REGION_MM3 = 20;

/** Gradient magnitude (central differences, per mm) of a box image. */
export function gradientMagnitude(image: Float32Array, size: Vec3, spacing: Vec3): Float32Array {
  const [nx, ny, nz] = size;
  const out = new Float32Array(image.length);
  const plane = nx * ny;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * j + plane * k;
        const gx =
          (image[i < nx - 1 ? n + 1 : n] - image[i > 0 ? n - 1 : n]) /
          (((i < nx - 1 ? 1 : 0) + (i > 0 ? 1 : 0)) * spacing[0] || 1);
        const gy =
          (image[j < ny - 1 ? n + nx : n] - image[j > 0 ? n - nx : n]) /
          (((j < ny - 1 ? 1 : 0) + (j > 0 ? 1 : 0)) * spacing[1] || 1);
        const gz =
          (image[k < nz - 1 ? n + plane : n] - image[k > 0 ? n - plane : n]) /
          (((k < nz - 1 ? 1 : 0) + (k > 0 ? 1 : 0)) * spacing[2] || 1);
        out[n] = Math.sqrt(gx * gx + gy * gy + gz * gz);
      }
    }
  }
  return out;
}

/**
 * The candidate threshold (from `low` up) whose region at the click has the largest mean border gradient; null
 * when no threshold gives a region at the click. `regionAt` finds the click's component among the labels.
 */
export function strongestEdgeThreshold(
  image: Float32Array,
  gradient: Float32Array,
  size: Vec3,
  spacing: Vec3,
  low: number,
  high: number,
  regionAt: (labels: Int32Array) => number,
): number | null {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  const minVoxels = MIN_REGION_MM3 / (spacing[0] * spacing[1] * spacing[2]);
  const enhancing = new Uint8Array(image.length);
  let best: number | null = null;
  let bestScore = -Infinity;
  for (let level = 0; level < LEVELS; level++) {
    const t = low + ((high - low) * level) / LEVELS;
    for (let n = 0; n < image.length; n++) enhancing[n] = image[n] > t ? 1 : 0;
    const { labels, sizes } = labelComponents(enhancing, size);
    const label = regionAt(labels);
    if (!label || sizes[label] < minVoxels) continue;
    let sum = 0;
    let count = 0;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const n = i + nx * j + plane * k;
          if (labels[n] !== label) continue;
          const border =
            (i > 0 && labels[n - 1] !== label) ||
            (i < nx - 1 && labels[n + 1] !== label) ||
            (j > 0 && labels[n - nx] !== label) ||
            (j < ny - 1 && labels[n + nx] !== label) ||
            (k > 0 && labels[n - plane] !== label) ||
            (k < nz - 1 && labels[n + plane] !== label);
          if (!border) continue;
          sum += gradient[n];
          count++;
        }
      }
    }
    const score = count ? sum / count : 0;
    if (score > bestScore) {
      bestScore = score;
      best = t;
    }
  }
  return best;
}
