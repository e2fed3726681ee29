// IBSI grey level co-occurrence matrix features (reference manual §3.6): symmetric matrices of neighbour pairs at
// Chebyshev distance 1, normalised to probabilities p_ij over levels 1…Ng (absent levels included), with marginals
// p_x, p_y, p_{x−y}(k) (k = 0…Ng−1) and p_{x+y}(k) (k = 2…2Ng). Entropies in log2.
import { entropy, forEachVoxel, roiIndex, type MatrixKind, type Offset } from './aggregation';
import type { IbsiRoi } from './ibsi-roi';

export const GLCM_FEATURES: readonly [string, string][] = [
  ['Joint maximum', 'GYBY'],
  ['Joint average', '60VM'],
  ['Joint variance', 'UR99'],
  ['Joint entropy', 'TU9B'],
  ['Difference average', 'TF7R'],
  ['Difference variance', 'D3YU'],
  ['Difference entropy', 'NTRS'],
  ['Sum average', 'ZGXS'],
  ['Sum variance', 'OEEB'],
  ['Sum entropy', 'P6QZ'],
  ['Angular second moment', '8ZQL'],
  ['Contrast', 'ACUI'],
  ['Dissimilarity', '8S9J'],
  ['Inverse difference', 'IB1Z'],
  ['Normalised inverse difference', 'NDRX'],
  ['Inverse difference moment', 'WF0Z'],
  ['Normalised inverse difference moment', '1QCO'],
  ['Inverse variance', 'E8JP'],
  ['Correlation', 'NI2N'],
  ['Autocorrelation', 'QWB0'],
  ['Cluster tendency', 'DG8W'],
  ['Cluster shade', '7NFM'],
  ['Cluster prominence', 'AE86'],
  ['Information correlation 1', 'R8DG'],
  ['Information correlation 2', 'JN9H'],
];

/** Pair counts, Ng×Ng (row i−1, column j−1). */
export function glcmKind(roi: IbsiRoi): MatrixKind<Float64Array> {
  const ng = roi.ng;
  return {
    build: (offset, slice) => cooccurrences(roi, offset, slice),
    merge: (matrices) => {
      const sum = new Float64Array(ng * ng);
      for (const m of matrices) for (let k = 0; k < sum.length; k++) sum[k] += m[k];
      return sum;
    },
    empty: (m) => m.every((v) => v === 0),
    features: (m) => glcmFeatures(m, ng),
  };
}

function cooccurrences(roi: IbsiRoi, [dx, dy, dz]: Offset, slice: number | null): Float64Array {
  const ng = roi.ng;
  const m = new Float64Array(ng * ng);
  forEachVoxel(roi, slice, (n, x, y, z) => {
    const other = roiIndex(roi, x + dx, y + dy, z + dz);
    if (other < 0) return;
    const i = roi.levels[n] - 1;
    const j = roi.levels[other] - 1;
    m[i * ng + j]++;
    m[j * ng + i]++;
  });
  return m;
}

function glcmFeatures(counts: Float64Array, ng: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const p = counts.map((v) => v / total);
  const px = new Float64Array(ng);
  const py = new Float64Array(ng);
  const diff = new Float64Array(ng);
  const sum = new Float64Array(2 * ng + 1);
  let max = 0;
  let mu = 0;
  for (let i = 1; i <= ng; i++) {
    for (let j = 1; j <= ng; j++) {
      const v = p[(i - 1) * ng + j - 1];
      px[i - 1] += v;
      py[j - 1] += v;
      diff[Math.abs(i - j)] += v;
      sum[i + j] += v;
      max = Math.max(max, v);
      mu += i * v;
    }
  }
  const muX = px.reduce((s, v, k) => s + (k + 1) * v, 0);
  const muY = py.reduce((s, v, k) => s + (k + 1) * v, 0);
  const sigmaX = Math.sqrt(px.reduce((s, v, k) => s + (k + 1 - muX) ** 2 * v, 0));
  const sigmaY = Math.sqrt(py.reduce((s, v, k) => s + (k + 1 - muY) ** 2 * v, 0));
  const muD = diff.reduce((s, v, k) => s + k * v, 0);
  const muS = sum.reduce((s, v, k) => s + k * v, 0);
  const f = {
    variance: 0,
    contrast: 0,
    dissimilarity: 0,
    id: 0,
    idn: 0,
    idm: 0,
    idmn: 0,
    inverseVariance: 0,
    covariance: 0,
    autocorrelation: 0,
    tendency: 0,
    shade: 0,
    prominence: 0,
    asm: 0,
    hxy1: 0,
    hxy2: 0,
  };
  for (let i = 1; i <= ng; i++) {
    for (let j = 1; j <= ng; j++) {
      const v = p[(i - 1) * ng + j - 1];
      const q = px[i - 1] * py[j - 1];
      if (q > 0) {
        f.hxy1 -= v * Math.log2(q);
        f.hxy2 -= q * Math.log2(q);
      }
      if (v === 0) continue;
      const d = i - j;
      const c = i + j - muX - muY;
      f.variance += (i - mu) ** 2 * v;
      f.contrast += d * d * v;
      f.dissimilarity += Math.abs(d) * v;
      f.id += v / (1 + Math.abs(d));
      f.idn += v / (1 + Math.abs(d) / ng);
      f.idm += v / (1 + d * d);
      f.idmn += v / (1 + (d * d) / (ng * ng));
      if (d !== 0) f.inverseVariance += v / (d * d);
      f.covariance += (i - muX) * (j - muY) * v;
      f.autocorrelation += i * j * v;
      f.tendency += c * c * v;
      f.shade += c ** 3 * v;
      f.prominence += c ** 4 * v;
      f.asm += v * v;
    }
  }
  const hxy = entropy(p);
  const hx = entropy(px);
  return [
    max,
    mu,
    f.variance,
    hxy,
    muD,
    diff.reduce((s, v, k) => s + (k - muD) ** 2 * v, 0),
    entropy(diff),
    muS,
    sum.reduce((s, v, k) => s + (k - muS) ** 2 * v, 0),
    entropy(sum),
    f.asm,
    f.contrast,
    f.dissimilarity,
    f.id,
    f.idn,
    f.idm,
    f.idmn,
    f.inverseVariance,
    f.covariance / (sigmaX * sigmaY),
    f.autocorrelation,
    f.tendency,
    f.shade,
    f.prominence,
    (hxy - f.hxy1) / hx,
    Math.sqrt(1 - Math.exp(-2 * (f.hxy2 - hxy))),
  ];
}
