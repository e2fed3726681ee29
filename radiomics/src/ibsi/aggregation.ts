// IBSI texture aggregation (reference manual §3.6.2, Fig. 3.6): how matrices of slices and directions are combined
// before (merged) or after (averaged) computing features. GLCM and GLRLM have six methods; the zone- and
// neighbourhood-based matrices (GLSZM, GLDZM, NGTDM, NGLDM) have 2D (per slice, averaged over slices), 2.5D (slices
// merged) and 3D.
import type { IbsiRoi } from './ibsi-roi';

export type Offset = readonly [number, number, number];

/** The 13 unique 3D neighbour directions at Chebyshev distance 1, and the 4 in-plane ones. */
export const DIRECTIONS_3D: Offset[] = [];
for (let dz = -1; dz <= 1; dz++) {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      // One of each ± pair: the first non-zero component positive.
      const first = dz !== 0 ? dz : dy !== 0 ? dy : dx;
      if (first > 0) DIRECTIONS_3D.push([dx, dy, dz]);
    }
  }
}
export const DIRECTIONS_2D: Offset[] = DIRECTIONS_3D.filter(([, , dz]) => dz === 0);

export interface MatrixKind<M> {
  /** Matrix of one direction; over one slice (z index) or, with slice null, the whole ROI. */
  build(offset: Offset, slice: number | null): M;
  merge(matrices: M[]): M;
  /** Whether the matrix holds nothing (such matrices are left out of averages). */
  empty(matrix: M): boolean;
  features(matrix: M): number[];
}

/** Feature values (in the kind's feature order) for every directional aggregation method. */
export function directionalAggregations<M>(roi: IbsiRoi, kind: MatrixKind<M>): Map<string, number[]> {
  const slices = Array.from({ length: roi.size[2] }, (_, k) => k);
  const perSlice = slices.map((k) => DIRECTIONS_2D.map((o) => kind.build(o, k)));
  const in3D = DIRECTIONS_3D.map((o) => kind.build(o, null));
  const features = (matrices: M[]) => average(matrices.filter((m) => !kind.empty(m)).map((m) => kind.features(m)));
  return new Map([
    ['2D, averaged', features(perSlice.flat())],
    [
      '2D, slice-merged',
      average(
        perSlice
          .map((ms) => kind.merge(ms))
          .filter((m) => !kind.empty(m))
          .map((m) => kind.features(m)),
      ),
    ],
    ['2.5D, direction-merged', features(DIRECTIONS_2D.map((_, d) => kind.merge(perSlice.map((ms) => ms[d]))))],
    ['2.5D, merged', kind.features(kind.merge(perSlice.flat()))],
    ['3D, averaged', features(in3D)],
    ['3D, merged', kind.features(kind.merge(in3D))],
  ]);
}

export interface SliceKind<M> {
  /** Matrix of one slice (z index) or, with slice null, of the whole ROI in 3D. */
  build(slice: number | null): M;
  merge(matrices: M[]): M;
  empty(matrix: M): boolean;
  features(matrix: M): number[];
}

export function sliceAggregations<M>(roi: IbsiRoi, kind: SliceKind<M>): Map<string, number[]> {
  const perSlice = Array.from({ length: roi.size[2] }, (_, k) => kind.build(k));
  return new Map([
    ['2D', average(perSlice.filter((m) => !kind.empty(m)).map((m) => kind.features(m)))],
    ['2.5D', kind.features(kind.merge(perSlice))],
    ['3D', kind.features(kind.build(null))],
  ]);
}

function average(rows: number[][]): number[] {
  if (rows.length === 0)
    throw new Error('IBSI texture: no slice or direction holds a voxel pair; the ROI is too small');
  return rows[0].map((_, f) => rows.reduce((sum, row) => sum + row[f], 0) / rows.length);
}

/** Whether (x, y, z) lies in the box and the ROI; returns its flat index or −1. */
export function roiIndex(roi: IbsiRoi, x: number, y: number, z: number): number {
  const [nx, ny, nz] = roi.size;
  if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return -1;
  const n = x + nx * (y + ny * z);
  return roi.mask[n] ? n : -1;
}

/** Calls `visit(n, x, y, z)` for every ROI voxel, of one slice or of all. */
export function forEachVoxel(
  roi: IbsiRoi,
  slice: number | null,
  visit: (n: number, x: number, y: number, z: number) => void,
): void {
  const [nx, ny] = roi.size;
  for (const n of roi.voxels) {
    const x = n % nx;
    const y = Math.floor(n / nx) % ny;
    const z = Math.floor(n / (nx * ny));
    if (slice === null || z === slice) visit(n, x, y, z);
  }
}

/** −Σ p·log2 p over the non-zero entries. */
export function entropy(probabilities: ArrayLike<number>): number {
  let h = 0;
  for (let k = 0; k < probabilities.length; k++) {
    const p = probabilities[k];
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}
