import type { Outline } from './outline';

/** What the panel says about an outline. */
export interface OutlineSummary {
  seriesInstanceUID: string;
  segmentLabel: string;
  voxels: number;
  volumeMl: number;
  /** Largest extent along the image axes, voxel edges included. */
  extentMm: number;
}

/** Below this a lesion is not reliably characterised (the seed cohorts exclude lesions under 5 mm). */
export const MIN_EXTENT_MM = 5;

export function summarizeOutline(o: Outline): OutlineSummary {
  const voxels = countVoxels(o.mask);
  return {
    seriesInstanceUID: o.seriesInstanceUID,
    segmentLabel: o.segmentLabel,
    voxels,
    volumeMl: volumeMl(voxels, o.spacing),
    extentMm: largestExtentMm(o.mask, o.size, o.spacing),
  };
}

export function countVoxels(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  return n;
}

/** Voxel count times voxel volume, mm³ → mL. */
export function volumeMl(voxels: number, spacing: readonly number[]): number {
  return (voxels * spacing[0] * spacing[1] * spacing[2]) / 1000;
}

/**
 * The longest side of the mask's bounding box in mm, counting whole voxels ((max − min + 1) × spacing
 * per index axis). 0 for an empty mask.
 */
export function largestExtentMm(mask: Uint8Array, size: readonly number[], spacing: readonly number[]): number {
  const [nx, ny] = size;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let n = 0; n < mask.length; n++) {
    if (!mask[n]) continue;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    const ijk = [i, j, k];
    for (let a = 0; a < 3; a++) {
      if (ijk[a] < min[a]) min[a] = ijk[a];
      if (ijk[a] > max[a]) max[a] = ijk[a];
    }
  }
  if (max[0] < 0) return 0;
  return Math.max(...[0, 1, 2].map((a) => (max[a] - min[a] + 1) * spacing[a]));
}

/** The warning the panel shows for the current outline, or null when it can be analysed. */
export function outlineWarning(summary: OutlineSummary | null): string | null {
  if (!summary) return 'Outline the tumour with the brush on the DCE phase.';
  if (summary.voxels === 0) return 'The outline is empty: paint the tumour with the brush on the DCE phase.';
  if (summary.extentMm < MIN_EXTENT_MM) {
    return `The outline is smaller than ${MIN_EXTENT_MM} mm across: too small to characterise the lesion.`;
  }
  return null;
}
