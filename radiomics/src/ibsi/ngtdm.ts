// IBSI neighbourhood grey tone difference matrix features (reference manual §3.10), Chebyshev distance 1: for every
// ROI voxel of level i with at least one neighbour in the ROI (8 in-slice in 2D, 26 in 3D), s_i += |i − mean
// neighbour level| and n_i += 1; voxels without neighbours are left out (IBSI; PyRadiomics counts them,
// docs/pyradiomics-notes.md §19.7). p_i = n_i/N_vc over the N_gp levels with p_i > 0.
import { forEachVoxel, type SliceKind } from './aggregation';
import type { IbsiRoi } from './ibsi-roi';
import { roiNeighbours } from './zones';

export const NGTDM_FEATURES: readonly [string, string][] = [
  ['Coarseness', 'QCDE'],
  ['Contrast', '65HE'],
  ['Busyness', 'NQ30'],
  ['Complexity', 'HDEZ'],
  ['Strength', '1X9X'],
];

export interface Ngtdm {
  s: Float64Array;
  n: Float64Array;
}

export function ngtdmKind(roi: IbsiRoi): SliceKind<Ngtdm> {
  return {
    build: (slice) => {
      const m: Ngtdm = { s: new Float64Array(roi.ng), n: new Float64Array(roi.ng) };
      forEachVoxel(roi, slice, (v) => {
        const neighbours = roiNeighbours(roi, v, slice !== null);
        if (neighbours.length === 0) return;
        const mean = neighbours.reduce((sum, u) => sum + roi.levels[u], 0) / neighbours.length;
        const i = roi.levels[v];
        m.s[i - 1] += Math.abs(i - mean);
        m.n[i - 1]++;
      });
      return m;
    },
    merge: (ms) => ({
      s: ms[0].s.map((_, k) => ms.reduce((sum, m) => sum + m.s[k], 0)),
      n: ms[0].n.map((_, k) => ms.reduce((sum, m) => sum + m.n[k], 0)),
    }),
    empty: (m) => m.n.every((v) => v === 0),
    features: ngtdmFeatures,
  };
}

function ngtdmFeatures({ s, n }: Ngtdm): number[] {
  const nvc = n.reduce((a, b) => a + b, 0);
  const levels = [...n.keys()].filter((k) => n[k] > 0);
  const p = (k: number) => n[k] / nvc;
  const ngp = levels.length;
  const sumS = s.reduce((a, b) => a + b, 0);
  const weighted = levels.reduce((sum, k) => sum + p(k) * s[k], 0);
  let contrast = 0;
  let busy = 0;
  let complexity = 0;
  let strength = 0;
  for (const a of levels) {
    for (const b of levels) {
      const [i, j] = [a + 1, b + 1];
      contrast += p(a) * p(b) * (i - j) ** 2;
      busy += Math.abs(i * p(a) - j * p(b));
      complexity += (Math.abs(i - j) * (p(a) * s[a] + p(b) * s[b])) / (p(a) + p(b));
      strength += (p(a) + p(b)) * (i - j) ** 2;
    }
  }
  return [
    1 / weighted,
    ngp > 1 ? (contrast / (ngp * (ngp - 1))) * (sumS / nvc) : 0,
    busy > 0 ? weighted / busy : 0,
    complexity / nvc,
    sumS > 0 ? strength / sumS : 0,
  ];
}
