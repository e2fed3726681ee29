import { decodeMaskRuns, type Volume } from '@heron/radiomics';
import type { MaskOutline } from '../contract';

/** Smallest outline we analyse: below 5 mm across, texture features describe noise, not a tumour. */
export const MIN_EXTENT_MM = 5;

/** The outline as a Volume (label 1), after checking that its runs fill its grid exactly. */
export function maskOutlineVolume(o: MaskOutline): Volume {
  const [nx, ny, nz] = o.size;
  const count = nx * ny * nz;
  if (o.sopInstanceUIDs.length !== nz) {
    throw new Error(`The outline has ${nz} slices but names ${o.sopInstanceUIDs.length} images.`);
  }
  let data: Uint8Array;
  try {
    data = decodeMaskRuns(o.runs, count);
  } catch (err) {
    throw new Error(`The outline is malformed: ${err instanceof Error ? err.message : String(err)}.`);
  }
  return { data, size: [nx, ny, nz], spacing: [...o.spacing], origin: [...o.origin], direction: [...o.direction] };
}

/** The largest extent of a mask along its axes, in mm, and its voxel count. */
export function maskExtent(mask: Volume): { voxels: number; extentMm: number } {
  const [nx, ny] = mask.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  let voxels = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] === 0) continue;
    voxels++;
    const idx = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
    for (let a = 0; a < 3; a++) {
      if (idx[a] < lo[a]) lo[a] = idx[a];
      if (idx[a] > hi[a]) hi[a] = idx[a];
    }
  }
  if (voxels === 0) return { voxels, extentMm: 0 };
  const extentMm = Math.max(...[0, 1, 2].map((a) => (hi[a] - lo[a] + 1) * mask.spacing[a]));
  return { voxels, extentMm };
}

/** Refuses an outline that cannot describe a tumour, in words the reader understands. */
export function checkOutline(mask: Volume): void {
  const { voxels, extentMm } = maskExtent(mask);
  if (voxels === 0)
    throw new Error(
      'The outline is empty. Outline the tumour with the brush on the DCE phase, then press Analyze again.',
    );
  if (extentMm < MIN_EXTENT_MM) {
    throw new Error(
      `The outline is ${extentMm.toFixed(1)} mm across; Heron needs at least ${MIN_EXTENT_MM} mm to describe a tumour.`,
    );
  }
}
