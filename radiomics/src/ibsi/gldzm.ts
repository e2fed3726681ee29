// IBSI grey level distance zone matrix features (reference manual §3.9): d_ij = number of zones of level i whose
// nearest voxel to the ROI edge is j steps from it (4-connected steps in 2D, 6-connected in 3D).
import type { SliceKind } from './aggregation';
import type { IbsiRoi } from './ibsi-roi';
import { mergeSizeMatrices, sizeMatrix } from './glrlm';
import { sizeMatrixFeatures, type SizeMatrix } from './size-matrix';
import { edgeDistances, zones } from './zones';

export const GLDZM_FEATURES: readonly [string, string][] = [
  ['Small distance emphasis', '0GBI'],
  ['Large distance emphasis', 'MB4I'],
  ['Low grey level zone emphasis', 'S1RA'],
  ['High grey level zone emphasis', 'K26C'],
  ['Small distance low grey level emphasis', 'RUVG'],
  ['Small distance high grey level emphasis', 'DKNJ'],
  ['Large distance low grey level emphasis', 'A7WM'],
  ['Large distance high grey level emphasis', 'KLTH'],
  ['Grey level non-uniformity', 'VFT7'],
  ['Normalised grey level non-uniformity', '7HP3'],
  ['Zone distance non-uniformity', 'V294'],
  ['Normalised zone distance non-uniformity', 'IATH'],
  ['Zone percentage', 'VIWW'],
  ['Grey level variance', 'QK93'],
  ['Zone distance variance', '7WT1'],
  ['Zone distance entropy', 'GBDU'],
];

export function gldzmKind(roi: IbsiRoi): SliceKind<SizeMatrix> {
  return {
    build: (slice) => {
      const distance = edgeDistances(roi, slice);
      const entries = new Map<string, number>();
      let voxels = 0;
      for (const zone of zones(roi, slice)) {
        voxels += zone.voxels.length;
        const nearest = Math.min(...zone.voxels.map((n) => distance[n]));
        const key = `${zone.level},${nearest}`;
        entries.set(key, (entries.get(key) ?? 0) + 1);
      }
      return sizeMatrix(entries, voxels, roi.ng);
    },
    merge: mergeSizeMatrices,
    empty: (m) => m.count === 0,
    features: (m) => sizeMatrixFeatures(m).slice(0, 16),
  };
}
