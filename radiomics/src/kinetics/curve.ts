// Time-intensity curve of an outline over the phases of a dynamic series.
import { sameGrid } from '../grid';
import type { Volume } from '../volume';
import type { PhaseRoles } from './phases';

export interface OutlineCurve {
  /** Mean signal of the outline in each phase. */
  meanSignal: number[];
  /**
   * Mean signal of the most enhancing 3x3x3 neighbourhood in each phase: the voxels of the outline in the cube
   * around the voxel whose cube has the highest initial enhancement. BI-RADS asks for the most suspicious curve
   * of a lesion; a small region at its most enhancing part is how readers place the curve's ROI.
   */
  hotspotSignal: number[];
  /** Voxel index (i, j, k) of the hotspot's centre on the phases' grid. */
  hotspotCentre: [number, number, number];
  outlineVoxels: number;
}

/**
 * The curve of `mask` (non-zero voxels) over `phases` (all on the mask's grid, in time order). Candidate
 * hotspot centres are voxels whose whole cube lies in the outline, so that a single noisy voxel cannot win; an
 * outline too thin for any has the centre whose cube holds the most outline voxels.
 */
export function outlineCurve(
  phases: readonly Volume[],
  mask: Volume,
  roles: PhaseRoles,
): OutlineCurve | { reason: string } {
  for (let p = 0; p < phases.length; p++) {
    if (!sameGrid(phases[p], mask)) return { reason: `phase ${p + 1} is not on the outline's grid` };
  }
  const [nx, ny, nz] = mask.size;
  const m = mask.data;
  const count = m.length;
  const sums = new Float64Array(phases.length);
  let outlineVoxels = 0;
  for (let v = 0; v < count; v++) {
    if (m[v] === 0) continue;
    outlineVoxels++;
    for (let p = 0; p < phases.length; p++) sums[p] += phases[p].data[v];
  }
  if (outlineVoxels === 0) return { reason: 'the outline is empty' };
  const meanSignal = Array.from(sums, (s) => s / outlineVoxels);

  const pre = phases[roles.baseline].data;
  const init = phases[roles.initial].data;
  let best = -1;
  let bestVoxels = 0;
  let bestEnhancement = -Infinity;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const v = i + nx * (j + ny * k);
        if (m[v] === 0) continue;
        let voxels = 0;
        let sumPre = 0;
        let sumInit = 0;
        for (let dk = -1; dk <= 1; dk++) {
          const kk = k + dk;
          if (kk < 0 || kk >= nz) continue;
          for (let dj = -1; dj <= 1; dj++) {
            const jj = j + dj;
            if (jj < 0 || jj >= ny) continue;
            for (let di = -1; di <= 1; di++) {
              const ii = i + di;
              if (ii < 0 || ii >= nx) continue;
              const w = ii + nx * (jj + ny * kk);
              if (m[w] === 0) continue;
              voxels++;
              sumPre += pre[w];
              sumInit += init[w];
            }
          }
        }
        if (voxels < bestVoxels || sumPre <= 0) continue;
        const enhancement = (sumInit - sumPre) / sumPre;
        if (voxels > bestVoxels || enhancement > bestEnhancement) {
          best = v;
          bestVoxels = voxels;
          bestEnhancement = enhancement;
        }
      }
    }
  }
  if (best < 0) return { reason: 'the outline has no voxel with a positive pre-contrast signal' };
  const ci = best % nx;
  const cj = Math.floor(best / nx) % ny;
  const ck = Math.floor(best / (nx * ny));
  const hot = new Float64Array(phases.length);
  let hotVoxels = 0;
  for (let k = Math.max(0, ck - 1); k <= Math.min(nz - 1, ck + 1); k++) {
    for (let j = Math.max(0, cj - 1); j <= Math.min(ny - 1, cj + 1); j++) {
      for (let i = Math.max(0, ci - 1); i <= Math.min(nx - 1, ci + 1); i++) {
        const w = i + nx * (j + ny * k);
        if (m[w] === 0) continue;
        hotVoxels++;
        for (let p = 0; p < phases.length; p++) hot[p] += phases[p].data[w];
      }
    }
  }
  return {
    meanSignal,
    hotspotSignal: Array.from(hot, (s) => s / hotVoxels),
    hotspotCentre: [ci, cj, ck],
    outlineVoxels,
  };
}
