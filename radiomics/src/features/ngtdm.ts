// NGTDM features (PyRadiomics `ngtdm`). p_i = n_i / N_vp (N_vp = Σ n_i), N_gp = number of levels present, sums run
// over present levels i, j.
import type { FeatureClass, ImageInput } from '../feature-class';
import { neighbourhood } from './neighbourhood';
import { ngtdmMatrix, type ToneDifferences } from './ngtdm-matrix';

export interface Ngtdm {
  p: Float64Array;
  s: Float64Array;
  level: Float64Array;
  nvp: number;
}

export function prepareNgtdm(input: ImageInput): Ngtdm {
  const { grid, neighbours } = neighbourhood(input, input.settings.distances);
  return ngtdmFromMatrix(ngtdmMatrix(grid, neighbours));
}

export function ngtdmFromMatrix({ n, s, level }: ToneDifferences): Ngtdm {
  let nvp = 0;
  for (let k = 0; k < n.length; k++) nvp += n[k];
  return { p: n.map((v) => v / nvp), s, level, nvp };
}

/** Coarseness = 1 / Σ p_i s_i (10⁶ when the sum is 0) */
export function coarseness(d: Ngtdm): number {
  let sum = 0;
  for (let i = 0; i < d.p.length; i++) sum += d.p[i] * d.s[i];
  return sum === 0 ? 1e6 : 1 / sum;
}

/** Contrast = [Σ_i Σ_j p_i p_j (i − j)² / (N_gp (N_gp − 1))] · [Σ s_i / N_vp] (0 for one level) */
export function contrast(d: Ngtdm): number {
  const ngp = d.p.length;
  if (ngp < 2) return 0;
  let pairs = 0;
  for (let i = 0; i < ngp; i++) {
    for (let j = 0; j < ngp; j++) pairs += d.p[i] * d.p[j] * (d.level[i] - d.level[j]) ** 2;
  }
  let sumS = 0;
  for (let i = 0; i < ngp; i++) sumS += d.s[i];
  return (pairs * sumS) / d.nvp / (ngp * (ngp - 1));
}

/** Busyness = Σ p_i s_i / Σ_i Σ_j |i·p_i − j·p_j| (0 when the denominator is 0) */
export function busyness(d: Ngtdm): number {
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < d.p.length; i++) {
    numerator += d.p[i] * d.s[i];
    for (let j = 0; j < d.p.length; j++) denominator += Math.abs(d.level[i] * d.p[i] - d.level[j] * d.p[j]);
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Complexity = Σ_i Σ_j |i − j| (p_i s_i + p_j s_j) / (p_i + p_j) / N_vp */
export function complexity(d: Ngtdm): number {
  let sum = 0;
  for (let i = 0; i < d.p.length; i++) {
    for (let j = 0; j < d.p.length; j++) {
      sum += (Math.abs(d.level[i] - d.level[j]) * (d.p[i] * d.s[i] + d.p[j] * d.s[j])) / (d.p[i] + d.p[j]);
    }
  }
  return sum / d.nvp;
}

/** Strength = Σ_i Σ_j (p_i + p_j)(i − j)² / Σ s_i (0 when Σ s_i = 0) */
export function strength(d: Ngtdm): number {
  let sumS = 0;
  let sum = 0;
  for (let i = 0; i < d.p.length; i++) {
    sumS += d.s[i];
    for (let j = 0; j < d.p.length; j++) sum += (d.p[i] + d.p[j]) * (d.level[i] - d.level[j]) ** 2;
  }
  return sumS === 0 ? 0 : sum / sumS;
}

export const ngtdm: FeatureClass<ImageInput, Ngtdm> = {
  name: 'ngtdm',
  prepare: prepareNgtdm,
  features: {
    Busyness: busyness,
    Coarseness: coarseness,
    Complexity: complexity,
    Contrast: contrast,
    Strength: strength,
  },
};
