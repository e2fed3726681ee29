// IBSI grey level size zone matrix features (reference manual §3.8): s_ij = number of zones of level i and j voxels.
import type { SliceKind } from './aggregation';
import type { IbsiRoi } from './ibsi-roi';
import { mergeSizeMatrices, sizeMatrix } from './glrlm';
import { sizeMatrixFeatures, type SizeMatrix } from './size-matrix';
import { zones } from './zones';

export const GLSZM_FEATURES: readonly [string, string][] = [
  ['Small zone emphasis', '5QRC'],
  ['Large zone emphasis', '48P8'],
  ['Low grey level zone emphasis', 'XMSY'],
  ['High grey level zone emphasis', '5GN9'],
  ['Small zone low grey level emphasis', '5RAI'],
  ['Small zone high grey level emphasis', 'HW1V'],
  ['Large zone low grey level emphasis', 'YH51'],
  ['Large zone high grey level emphasis', 'J17V'],
  ['Grey level non-uniformity', 'JNSA'],
  ['Normalised grey level non-uniformity', 'Y1RO'],
  ['Zone size non-uniformity', '4JP3'],
  ['Normalised zone size non-uniformity', 'VB3A'],
  ['Zone percentage', 'P30P'],
  ['Grey level variance', 'BYLV'],
  ['Zone size variance', '3NSA'],
  ['Zone size entropy', 'GU8N'],
];

export function glszmKind(roi: IbsiRoi): SliceKind<SizeMatrix> {
  return {
    build: (slice) => {
      const entries = new Map<string, number>();
      let voxels = 0;
      for (const zone of zones(roi, slice)) {
        voxels += zone.voxels.length;
        const key = `${zone.level},${zone.voxels.length}`;
        entries.set(key, (entries.get(key) ?? 0) + 1);
      }
      return sizeMatrix(entries, voxels, roi.ng);
    },
    merge: mergeSizeMatrices,
    empty: (m) => m.count === 0,
    features: (m) => sizeMatrixFeatures(m).slice(0, 16),
  };
}
