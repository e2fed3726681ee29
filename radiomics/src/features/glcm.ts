// GLCM features (PyRadiomics `glcm`, after Haralick 1973). Each is computed per angle on the normalised matrix
// p(i, j), i and j being the discretised levels, then averaged over angles ignoring NaN (numpy.nanmean).
// px, py: marginals; μx, μy: their means; σx, σy: their SDs; p_{x+y}(k) = Σ_{i+j=k} p; p_{x−y}(k) = Σ_{|i−j|=k} p;
// HX, HY: entropies of px, py; HXY = −Σ p log2(p + ε); HXY1 = −Σ p log2(px·py + ε); HXY2 = −Σ px·py log2(px·py + ε).
import { generateAngles } from '../angles';
import type { FeatureClass, ImageInput } from '../feature-class';
import { EPS, entropy, nanMean } from '../stats';
import { glcmMatrices } from './glcm-matrix';
import { secondLargestEigenvalueRoot } from './mcc';

export interface GlcmAngle {
  /** Number of levels present (rows/columns of the matrix) and the highest level Ng. */
  n: number;
  ng: number;
  /** The non-zero cells: row and column level values and probability (zero cells add nothing to any sum). */
  count: number;
  i: Float64Array;
  j: Float64Array;
  p: Float64Array;
  /** Row and column indices of the non-zero cells, and the marginals per row/column index. */
  row: Int32Array;
  column: Int32Array;
  px: Float64Array;
  py: Float64Array;
  ux: number;
  uy: number;
  /** p_{x+y}(k) at index k − 2, k = 2…2Ng; p_{x−y}(k) at index k, k = 0…Ng − 1. */
  pSum: Float64Array;
  pDiff: Float64Array;
  hxy: number;
}

export interface Glcm {
  angles: GlcmAngle[];
  /** Number of levels present in the ROI (MCC is 1 when it is 1). */
  levelsPresent: number;
}

export function prepareGlcm(input: ImageInput): Glcm {
  const { settings } = input;
  const { ng, grayLevels } = input.discretized();
  const pad = Math.max(...settings.distances);
  const grid = input.grid(pad);
  const angles = generateAngles({
    size: [input.size[2], input.size[1], input.size[0]],
    distances: settings.distances,
    excludedAxis: settings.force2D ? settings.force2Ddimension : -1,
    bidirectional: false,
  });
  const matrices = glcmMatrices(grid, {
    angles,
    symmetrical: settings.symmetricalGLCM,
    weightingNorm: settings.weightingNorm,
    spacing: input.spacing,
  });
  return { angles: matrices.map((p) => angleCoefficients(p, grayLevels, ng)), levelsPresent: grayLevels.length };
}

function angleCoefficients(matrix: Float64Array, levels: Int32Array, ng: number): GlcmAngle {
  const n = levels.length;
  let count = 0;
  for (let k = 0; k < matrix.length; k++) if (matrix[k] !== 0) count++;
  const i = new Float64Array(count);
  const j = new Float64Array(count);
  const p = new Float64Array(count);
  const row = new Int32Array(count);
  const column = new Int32Array(count);
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pSum = new Float64Array(2 * ng - 1);
  const pDiff = new Float64Array(ng);
  let ux = 0;
  let uy = 0;
  let hxy = 0;
  for (let r = 0, k = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = matrix[r * n + c];
      if (v === 0) continue;
      i[k] = levels[r];
      j[k] = levels[c];
      p[k] = v;
      row[k] = r;
      column[k] = c;
      k++;
      px[r] += v;
      py[c] += v;
      ux += levels[r] * v;
      uy += levels[c] * v;
      pSum[levels[r] + levels[c] - 2] += v;
      pDiff[Math.abs(levels[r] - levels[c])] += v;
      hxy -= v * Math.log2(v + EPS);
    }
  }
  return { n, ng, count, i, j, p, row, column, px, py, ux, uy, pSum, pDiff, hxy };
}

/** Autocorrelation = Σ i·j·p(i,j) */
export function autocorrelation(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.count; k++) s += a.i[k] * a.j[k] * a.p[k];
  return s;
}

/** ClusterProminence = Σ (i + j − μx − μy)⁴ p(i,j) */
export function clusterProminence(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.count; k++) {
    const d2 = (a.i[k] + a.j[k] - a.ux - a.uy) ** 2;
    s += d2 * d2 * a.p[k];
  }
  return s;
}

/** ClusterShade = Σ (i + j − μx − μy)³ p(i,j) */
export function clusterShade(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.count; k++) {
    const d = a.i[k] + a.j[k] - a.ux - a.uy;
    s += d * d * d * a.p[k];
  }
  return s;
}

/** ClusterTendency = Σ (i + j − μx − μy)² p(i,j) */
export function clusterTendency(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.count; k++) s += (a.i[k] + a.j[k] - a.ux - a.uy) ** 2 * a.p[k];
  return s;
}

/** Contrast = Σ (i − j)² p(i,j) */
export function contrast(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.count; k++) s += (a.i[k] - a.j[k]) ** 2 * a.p[k];
  return s;
}

/** Correlation = Σ p(i,j)(i − μx)(j − μy) / (σx σy + ε); 1 when σx σy = 0 (flat region) */
export function correlation(a: GlcmAngle): number {
  let vx = 0;
  let vy = 0;
  let cov = 0;
  for (let k = 0; k < a.count; k++) {
    const dx = a.i[k] - a.ux;
    const dy = a.j[k] - a.uy;
    vx += dx ** 2 * a.p[k];
    vy += dy ** 2 * a.p[k];
    cov += a.p[k] * dx * dy;
  }
  const sigma = Math.sqrt(vx) * Math.sqrt(vy);
  return sigma === 0 ? 1 : cov / (sigma + EPS);
}

/** DifferenceAverage = Σ_k k·p_{x−y}(k) */
export function differenceAverage(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.pDiff.length; k++) s += k * a.pDiff[k];
  return s;
}

/** DifferenceEntropy = −Σ_k p_{x−y}(k) log2(p_{x−y}(k) + ε) */
export function differenceEntropy(a: GlcmAngle): number {
  return entropy(a.pDiff);
}

/** DifferenceVariance = Σ_k (k − DA)² p_{x−y}(k) */
export function differenceVariance(a: GlcmAngle): number {
  const da = differenceAverage(a);
  let s = 0;
  for (let k = 0; k < a.pDiff.length; k++) s += (k - da) ** 2 * a.pDiff[k];
  return s;
}

/** JointEnergy = Σ p(i,j)² */
export function jointEnergy(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.count; k++) s += a.p[k] * a.p[k];
  return s;
}

/** JointEntropy = HXY = −Σ p(i,j) log2(p(i,j) + ε) */
export function jointEntropy(a: GlcmAngle): number {
  return a.hxy;
}

/** Imc1 = (HXY − HXY1) / max(HX, HY), HXY1 = −Σ p(i,j) log2(px(i)·py(j) + ε); 0 when HX = HY = 0 */
export function imc1(a: GlcmAngle): number {
  let hxy1 = 0;
  for (let k = 0; k < a.count; k++) hxy1 -= a.p[k] * Math.log2(a.px[a.row[k]] * a.py[a.column[k]] + EPS);
  const div = Math.max(entropy(a.px), entropy(a.py));
  return div === 0 ? 0 : (a.hxy - hxy1) / div;
}

/**
 * Imc2 = √(1 − e^(−2(HXY2 − HXY))), HXY2 = −Σ px(i)py(j) log2(px(i)py(j) + ε); 0 when HXY2 = HXY, NaN (skipped in the
 * mean) when HXY > HXY2
 */
export function imc2(a: GlcmAngle): number {
  let hxy2 = 0;
  for (let r = 0; r < a.n; r++) {
    if (a.px[r] === 0) continue;
    for (let c = 0; c < a.n; c++) {
      const q = a.px[r] * a.py[c];
      if (q !== 0) hxy2 -= q * Math.log2(q + EPS);
    }
  }
  if (hxy2 === a.hxy) return 0;
  return Math.sqrt(1 - Math.E ** (-2 * (hxy2 - a.hxy)));
}

/** Idm = Σ_k p_{x−y}(k) / (1 + k²) */
export function idm(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.pDiff.length; k++) s += a.pDiff[k] / (1 + k * k);
  return s;
}

/** Idmn = Σ_k p_{x−y}(k) / (1 + k²/Ng²) */
export function idmn(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.pDiff.length; k++) s += a.pDiff[k] / (1 + (k * k) / (a.ng * a.ng));
  return s;
}

/** Id = Σ_k p_{x−y}(k) / (1 + k) */
export function id(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.pDiff.length; k++) s += a.pDiff[k] / (1 + k);
  return s;
}

/** Idn = Σ_k p_{x−y}(k) / (1 + k/Ng) */
export function idn(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.pDiff.length; k++) s += a.pDiff[k] / (1 + k / a.ng);
  return s;
}

/** InverseVariance = Σ_{k≥1} p_{x−y}(k) / k² */
export function inverseVariance(a: GlcmAngle): number {
  let s = 0;
  for (let k = 1; k < a.pDiff.length; k++) s += a.pDiff[k] / (k * k);
  return s;
}

/** MaximumProbability = max p(i,j) */
export function maximumProbability(a: GlcmAngle): number {
  let m = 0;
  for (let k = 0; k < a.count; k++) if (!(a.p[k] <= m)) m = a.p[k];
  return m;
}

/** SumAverage = Σ_k k·p_{x+y}(k) */
export function sumAverage(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.pSum.length; k++) s += (k + 2) * a.pSum[k];
  return s;
}

/** SumEntropy = −Σ_k p_{x+y}(k) log2(p_{x+y}(k) + ε) */
export function sumEntropy(a: GlcmAngle): number {
  return entropy(a.pSum);
}

/** SumSquares = Σ (i − μx)² p(i,j) */
export function sumSquares(a: GlcmAngle): number {
  let s = 0;
  for (let k = 0; k < a.count; k++) s += (a.i[k] - a.ux) ** 2 * a.p[k];
  return s;
}

/** MCC = √(second largest eigenvalue of Q), Q(i,j) = Σ_k p(i,k) p(j,k) / (px(i) py(k)); 1 for a single level */
export function mcc(g: Glcm): number {
  if (g.levelsPresent < 2) return 1;
  return nanMean(g.angles.length, (k) => secondLargestEigenvalueRoot(g.angles[k]));
}

/** JointAverage = μx = Σ i·p(i,j), averaged over angles with a plain mean as PyRadiomics does. */
export function jointAverage(g: Glcm): number {
  let s = 0;
  for (const a of g.angles) s += a.ux;
  return s / g.angles.length;
}

function averaged(f: (a: GlcmAngle) => number): (g: Glcm) => number {
  return (g) => nanMean(g.angles.length, (k) => f(g.angles[k]));
}

export const glcm: FeatureClass<ImageInput, Glcm> = {
  name: 'glcm',
  prepare: prepareGlcm,
  features: {
    Autocorrelation: averaged(autocorrelation),
    ClusterProminence: averaged(clusterProminence),
    ClusterShade: averaged(clusterShade),
    ClusterTendency: averaged(clusterTendency),
    Contrast: averaged(contrast),
    Correlation: averaged(correlation),
    DifferenceAverage: averaged(differenceAverage),
    DifferenceEntropy: averaged(differenceEntropy),
    DifferenceVariance: averaged(differenceVariance),
    Id: averaged(id),
    Idm: averaged(idm),
    Idmn: averaged(idmn),
    Idn: averaged(idn),
    Imc1: averaged(imc1),
    Imc2: averaged(imc2),
    InverseVariance: averaged(inverseVariance),
    JointAverage: jointAverage,
    JointEnergy: averaged(jointEnergy),
    JointEntropy: averaged(jointEntropy),
    MCC: mcc,
    MaximumProbability: averaged(maximumProbability),
    SumAverage: averaged(sumAverage),
    SumEntropy: averaged(sumEntropy),
    SumSquares: averaged(sumSquares),
  },
  removed: {
    Dissimilarity: 'it equals DifferenceAverage',
    Homogeneity1: 'it equals Id',
    Homogeneity2: 'it equals Idm',
    SumVariance: 'it equals ClusterTendency',
  },
};
