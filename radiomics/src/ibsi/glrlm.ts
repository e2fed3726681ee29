// IBSI grey level run length matrix features (reference manual §3.7): runs of equal grey level along a direction
// within the ROI, r_ij = number of runs of level i and length j; N_s runs, N_v voxels (summed over merged matrices).
import { forEachVoxel, roiIndex, type MatrixKind, type Offset } from './aggregation';
import type { IbsiRoi } from './ibsi-roi';
import { sizeMatrixFeatures, type SizeMatrix } from './size-matrix';

export const GLRLM_FEATURES: readonly [string, string][] = [
  ['Short runs emphasis', '22OV'],
  ['Long runs emphasis', 'W4KF'],
  ['Low grey level run emphasis', 'V3SW'],
  ['High grey level run emphasis', 'G3QZ'],
  ['Short run low grey level emphasis', 'HTZT'],
  ['Short run high grey level emphasis', 'GD3A'],
  ['Long run low grey level emphasis', 'IVPO'],
  ['Long run high grey level emphasis', '3KUM'],
  ['Grey level non-uniformity', 'R5YN'],
  ['Normalised grey level non-uniformity', 'OVBL'],
  ['Run length non-uniformity', 'W92Y'],
  ['Normalised run length non-uniformity', 'IC23'],
  ['Run percentage', '9ZK5'],
  ['Grey level variance', '8CE5'],
  ['Run length variance', 'SXLW'],
  ['Run entropy', 'HJ9O'],
];

export function glrlmKind(roi: IbsiRoi): MatrixKind<SizeMatrix> {
  return {
    build: (offset, slice) => runs(roi, offset, slice),
    merge: mergeSizeMatrices,
    empty: (m) => m.count === 0,
    features: (m) => sizeMatrixFeatures(m).slice(0, 16),
  };
}

function runs(roi: IbsiRoi, [dx, dy, dz]: Offset, slice: number | null): SizeMatrix {
  const entries = new Map<string, number>();
  let voxels = 0;
  forEachVoxel(roi, slice, (n, x, y, z) => {
    voxels++;
    const level = roi.levels[n];
    const before = roiIndex(roi, x - dx, y - dy, z - dz);
    if (before >= 0 && roi.levels[before] === level) return;
    let length = 1;
    for (;;) {
      const next = roiIndex(roi, x + dx * length, y + dy * length, z + dz * length);
      if (next < 0 || roi.levels[next] !== level) break;
      length++;
    }
    const key = `${level},${length}`;
    entries.set(key, (entries.get(key) ?? 0) + 1);
  });
  return sizeMatrix(entries, voxels, roi.ng);
}

/** A sparse level × size matrix from "level,size" → count entries. */
export function sizeMatrix(entries: Map<string, number>, voxels: number, ng: number): SizeMatrix {
  const rows: [number, number, number][] = [...entries].map(([key, count]) => {
    const [level, size] = key.split(',').map(Number);
    return [level, size, count];
  });
  return { entries: rows, count: rows.reduce((s, [, , c]) => s + c, 0), voxels, ng };
}

export function mergeSizeMatrices(matrices: SizeMatrix[]): SizeMatrix {
  const entries = new Map<string, number>();
  for (const m of matrices)
    for (const [level, size, count] of m.entries)
      entries.set(`${level},${size}`, (entries.get(`${level},${size}`) ?? 0) + count);
  return sizeMatrix(
    entries,
    matrices.reduce((s, m) => s + m.voxels, 0),
    matrices[0].ng,
  );
}
