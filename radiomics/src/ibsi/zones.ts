// Zones for GLSZM (reference manual §3.8) and GLDZM (§3.9): connected groups of ROI voxels with the same grey level,
// 26-connected in 3D and 8-connected within a slice in 2D; and the distance of every ROI voxel to the ROI's edge,
// counted in 6-connected (3D) or 4-connected (2D) steps, 1 for a voxel touching the outside.
import { forEachVoxel, roiIndex } from './aggregation';
import type { IbsiRoi } from './ibsi-roi';

export interface Zone {
  level: number;
  /** Flat indices of its voxels. */
  voxels: number[];
}

function neighbourOffsets(slice: number | null, faceOnly: boolean): [number, number, number][] {
  const out: [number, number, number][] = [];
  const zs = slice === null ? [-1, 0, 1] : [0];
  for (const dz of zs) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const steps = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (steps === 0 || (faceOnly && steps > 1)) continue;
        out.push([dx, dy, dz]);
      }
    }
  }
  return out;
}

/** The zones of one slice (2D) or of the whole ROI (slice null, 3D). */
export function zones(roi: IbsiRoi, slice: number | null): Zone[] {
  const [nx, ny] = roi.size;
  const offsets = neighbourOffsets(slice, false);
  const seen = new Uint8Array(roi.levels.length);
  const out: Zone[] = [];
  forEachVoxel(roi, slice, (start) => {
    if (seen[start]) return;
    const level = roi.levels[start];
    const voxels = [start];
    seen[start] = 1;
    for (let q = 0; q < voxels.length; q++) {
      const n = voxels[q];
      const [x, y, z] = [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))];
      for (const [dx, dy, dz] of offsets) {
        const m = roiIndex(roi, x + dx, y + dy, z + dz);
        if (m >= 0 && !seen[m] && roi.levels[m] === level) {
          seen[m] = 1;
          voxels.push(m);
        }
      }
    }
    out.push({ level, voxels });
  });
  return out;
}

/** Steps from every ROI voxel to the outside of the ROI (1 at the edge), within a slice or in 3D. */
export function edgeDistances(roi: IbsiRoi, slice: number | null): Int32Array {
  const [nx, ny] = roi.size;
  const offsets = neighbourOffsets(slice, true);
  const distance = new Int32Array(roi.levels.length);
  let front: number[] = [];
  forEachVoxel(roi, slice, (n, x, y, z) => {
    if (offsets.some(([dx, dy, dz]) => roiIndex(roi, x + dx, y + dy, z + dz) < 0)) {
      distance[n] = 1;
      front.push(n);
    }
  });
  for (let d = 2; front.length > 0; d++) {
    const next: number[] = [];
    for (const n of front) {
      const [x, y, z] = [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))];
      for (const [dx, dy, dz] of offsets) {
        const m = roiIndex(roi, x + dx, y + dy, z + dz);
        if (m >= 0 && distance[m] === 0) {
          distance[m] = d;
          next.push(m);
        }
      }
    }
    front = next;
  }
  return distance;
}

/** Chebyshev-distance-1 neighbours of a voxel that lie in the ROI: in its slice (2D) or in 3D. */
export function roiNeighbours(roi: IbsiRoi, n: number, twoD: boolean): number[] {
  const [nx, ny] = roi.size;
  const [x, y, z] = [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))];
  const out: number[] = [];
  for (const [dx, dy, dz] of neighbourOffsets(twoD ? z : null, false)) {
    const m = roiIndex(roi, x + dx, y + dy, z + dz);
    if (m >= 0) out.push(m);
  }
  return out;
}
