// Where the patient is in a pre-contrast image: the voxels a kinetic map may colour.
import type { Volume } from '../volume';

/**
 * Otsu's threshold (IEEE Trans SMC 1979;9:62) of the image's values, over a 256-bin histogram between its
 * minimum and maximum: the split that maximises the between-class variance.
 */
export function otsuThreshold(values: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return lo;
  const bins = 256;
  const width = (hi - lo) / bins;
  const histogram = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) histogram[Math.min(bins - 1, Math.floor((values[i] - lo) / width))]++;
  let total = 0;
  let weighted = 0;
  for (let b = 0; b < bins; b++) {
    total += histogram[b];
    weighted += b * histogram[b];
  }
  let below = 0;
  let belowWeighted = 0;
  let best = 0;
  let bestVariance = -1;
  for (let b = 0; b < bins - 1; b++) {
    below += histogram[b];
    belowWeighted += b * histogram[b];
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const meanBelow = belowWeighted / below;
    const meanAbove = (weighted - belowWeighted) / above;
    const variance = below * above * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = b;
    }
  }
  return lo + (best + 1) * width;
}

/**
 * The voxels of the body: pre-contrast signal at or above the point halfway from the image's minimum to Otsu's
 * threshold. Halfway, because fat-suppressed fat is dark and Otsu's split alone falls between fat and gland; air
 * (Rayleigh noise) stays well below. It does not separate the breasts from the chest (breastRegion does).
 */
export function bodyRegion(pre: Volume): Volume {
  let lo = Infinity;
  for (let v = 0; v < pre.data.length; v++) if (pre.data[v] < lo) lo = pre.data[v];
  const threshold = lo + (otsuThreshold(pre.data) - lo) / 2;
  const data = new Uint8Array(pre.data.length);
  for (let v = 0; v < data.length; v++) data[v] = pre.data[v] >= threshold ? 1 : 0;
  const { size, spacing, origin, direction } = pre;
  return { size, spacing, origin, direction, data };
}
