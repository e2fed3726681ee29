// Re-segmentation (PyRadiomics resegmentMask): keep ROI voxels with x ≥ lower (and x ≤ upper when two thresholds
// are given). Thresholds are absolute, relative (× ROI maximum) or sigma (ROI mean + t × population SD).
import type { Roi } from './mask';
import type { Settings } from './settings';

/** The ROI restricted to the thresholds; `values` are the image intensities over `roi.box` (x fastest). */
export function resegmentRoi(roi: Roi, values: Float64Array, settings: Settings): Roi {
  const range = settings.resegmentRange;
  if (range === null) return roi;
  if (range.length < 1 || range.length > 2) {
    throw new Error(`resegmentRange must hold one or two thresholds, got ${range.length}`);
  }
  const sorted = [...range].sort((a, b) => a - b);
  const thresholds = resolveThresholds(sorted, roi, values, settings.resegmentMode);
  const map = new Uint8Array(roi.map.length);
  let count = 0;
  for (let i = 0; i < map.length; i++) {
    if (roi.map[i] === 0) continue;
    const x = values[i];
    if (x >= thresholds[0] && (thresholds.length === 1 || x <= thresholds[1])) {
      map[i] = 1;
      count++;
    }
  }
  if (count <= 1) {
    throw new Error(
      `resegmentRange [${range.join(', ')}] (${settings.resegmentMode}) keeps ${count} voxel(s) of the ROI; ` +
        'features cannot be extracted',
    );
  }
  return { box: roi.box, count, map };
}

function resolveThresholds(
  sorted: number[],
  roi: Roi,
  values: Float64Array,
  mode: Settings['resegmentMode'],
): number[] {
  if (mode === 'absolute') return sorted;
  const inside: number[] = [];
  for (let i = 0; i < roi.map.length; i++) if (roi.map[i]) inside.push(values[i]);
  if (mode === 'relative') {
    const max = inside.reduce((m, x) => (x > m ? x : m), -Infinity);
    return sorted.map((t) => max * t);
  }
  const mean = inside.reduce((s, x) => s + x, 0) / inside.length;
  const sd = Math.sqrt(inside.reduce((s, x) => s + (x - mean) * (x - mean), 0) / inside.length);
  return sorted.map((t) => mean + sd * t);
}
