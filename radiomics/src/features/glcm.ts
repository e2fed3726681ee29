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
  n: number;
  ng: number;
  /** Level value of each row/column. */
  level: Float64Array;
  p: Float64Array;
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
  const level = Float64Array.from(grayLevels);
  return { angles: matrices.map((p) => angleCoefficients(p, level, ng)), levelsPresent: grayLevels.length };
}

function angleCoefficients(p: Float64Array, level: Float64Array, ng: number): GlcmAngle {
  const n = level.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pSum = new Float64Array(2 * ng - 1);
  const pDiff = new Float64Array(ng);
  let ux = 0;
  let uy = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = p[i * n + j];
      px[i] += v;
      py[j] += v;
      ux += level[i] * v;
      uy += level[j] * v;
      pSum[level[i] + level[j] - 2] += v;
      pDiff[Math.abs(level[i] - level[j])] += v;
    }
  }
  return { n, ng, level, p, px, py, ux, uy, pSum, pDiff, hxy: entropy(p) };
}

/** Σ_ij f(i, j)·p(i, j) over one angle, i and j being level values. */
function expectation(a: GlcmAngle, f: (i: number, j: number) => number): number {
  let s = 0;
  for (let r = 0; r < a.n; r++) {
    for (let c = 0; c < a.n; c++) s += f(a.level[r], a.level[c]) * a.p[r * a.n + c];
  }
  return s;
}

/** Autocorrelation = Σ i·j·p(i,j) */
export function autocorrelation(a: GlcmAngle): number {
  return expectation(a, (i, j) => i * j);
}

/** ClusterProminence = Σ (i + j − μx − μy)⁴ p(i,j) */
export function clusterProminence(a: GlcmAngle): number {
  return expectation(a, (i, j) => (i + j - a.ux - a.uy) ** 4);
}

/** ClusterShade = Σ (i + j − μx − μy)³ p(i,j) */
export function clusterShade(a: GlcmAngle): number {
  return expectation(a, (i, j) => (i + j - a.ux - a.uy) ** 3);
}

/** ClusterTendency = Σ (i + j − μx − μy)² p(i,j) */
export function clusterTendency(a: GlcmAngle): number {
  return expectation(a, (i, j) => (i + j - a.ux - a.uy) ** 2);
}

/** Contrast = Σ (i − j)² p(i,j) */
export function contrast(a: GlcmAngle): number {
  return expectation(a, (i, j) => (i - j) ** 2);
}

/** Correlation = Σ p(i,j)(i − μx)(j − μy) / (σx σy + ε); 1 when σx σy = 0 (flat region) */
export function correlation(a: GlcmAngle): number {
  const sx = Math.sqrt(expectation(a, (i) => (i - a.ux) ** 2));
  const sy = Math.sqrt(expectation(a, (_, j) => (j - a.uy) ** 2));
  if (sx * sy === 0) return 1;
  return expectation(a, (i, j) => (i - a.ux) * (j - a.uy)) / (sx * sy + EPS);
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
  for (let k = 0; k < a.p.length; k++) s += a.p[k] * a.p[k];
  return s;
}

/** JointEntropy = HXY = −Σ p(i,j) log2(p(i,j) + ε) */
export function jointEntropy(a: GlcmAngle): number {
  return a.hxy;
}

/** Imc1 = (HXY − HXY1) / max(HX, HY); 0 when HX = HY = 0 */
export function imc1(a: GlcmAngle): number {
  const hx = entropy(a.px);
  const hy = entropy(a.py);
  const hxy1 = crossEntropy(a);
  const div = Math.max(hx, hy);
  return div === 0 ? 0 : (a.hxy - hxy1) / div;
}

/** Imc2 = √(1 − e^(−2(HXY2 − HXY))); 0 when HXY2 = HXY, NaN (skipped in the mean) when HXY > HXY2 */
export function imc2(a: GlcmAngle): number {
  let hxy2 = 0;
  for (let r = 0; r < a.n; r++) {
    for (let c = 0; c < a.n; c++) {
      const q = a.px[r] * a.py[c];
      hxy2 -= q * Math.log2(q + EPS);
    }
  }
  if (hxy2 === a.hxy) return 0;
  return Math.sqrt(1 - Math.E ** (-2 * (hxy2 - a.hxy)));
}

/** HXY1 = −Σ p(i,j) log2(px(i)·py(j) + ε) */
function crossEntropy(a: GlcmAngle): number {
  let h = 0;
  for (let r = 0; r < a.n; r++) {
    for (let c = 0; c < a.n; c++) h -= a.p[r * a.n + c] * Math.log2(a.px[r] * a.py[c] + EPS);
  }
  return h;
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
  let m = -Infinity;
  for (let k = 0; k < a.p.length; k++) if (a.p[k] > m) m = a.p[k];
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
  return expectation(a, (i) => (i - a.ux) ** 2);
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
