// IBSI neighbouring grey level dependence matrix features (reference manual §3.11), α = 0, Chebyshev distance 1:
// s_ij = number of voxels of level i with j − 1 neighbours (in the ROI; 8 in-slice in 2D, 26 in 3D) of the same
// level, i.e. dependence count j including the voxel itself.
import { forEachVoxel, type SliceKind } from './aggregation';
import type { IbsiRoi } from './ibsi-roi';
import { mergeSizeMatrices, sizeMatrix } from './glrlm';
import { sizeMatrixFeatures, type SizeMatrix } from './size-matrix';
import { roiNeighbours } from './zones';

export const NGLDM_FEATURES: readonly [string, string][] = [
  ['Low dependence emphasis', 'SODN'],
  ['High dependence emphasis', 'IMOQ'],
  ['Low grey level count emphasis', 'TL9H'],
  ['High grey level count emphasis', 'OAE7'],
  ['Low dependence low grey level emphasis', 'EQ3F'],
  ['Low dependence high grey level emphasis', 'JA6D'],
  ['High dependence low grey level emphasis', 'NBZI'],
  ['High dependence high grey level emphasis', '9QMG'],
  ['Grey level non-uniformity', 'FP8K'],
  ['Normalised grey level non-uniformity', '5SPA'],
  ['Dependence count non-uniformity', 'Z87G'],
  ['Normalised dependence count non-uniformity', 'OKJI'],
  ['Dependence count percentage', '6XV8'],
  ['Grey level variance', '1PFV'],
  ['Dependence count variance', 'DNX2'],
  ['Dependence count entropy', 'FCBV'],
  ['Dependence count energy', 'CAS9'],
];

export function ngldmKind(roi: IbsiRoi): SliceKind<SizeMatrix> {
  return {
    build: (slice) => {
      const entries = new Map<string, number>();
      let voxels = 0;
      forEachVoxel(roi, slice, (n) => {
        voxels++;
        const level = roi.levels[n];
        const dependence = 1 + roiNeighbours(roi, n, slice !== null).filter((m) => roi.levels[m] === level).length;
        const key = `${level},${dependence}`;
        entries.set(key, (entries.get(key) ?? 0) + 1);
      });
      return sizeMatrix(entries, voxels, roi.ng);
    },
    merge: mergeSizeMatrices,
    empty: (m) => m.count === 0,
    features: sizeMatrixFeatures,
  };
}
