// First-order statistics (PyRadiomics `firstorder`) of the raw ROI intensities X (N voxels); only Entropy and
// Uniformity use the discretised histogram p(i). c = voxelArrayShift.
import type { FeatureClass, ImageInput } from '../feature-class';
import { entropy, percentile } from '../stats';

export interface FirstOrderData {
  /** ROI intensities in voxel order, and ascending. */
  x: Float64Array;
  sorted: Float64Array;
  mean: number;
  /** Population central moments m2, m3, m4. */
  m2: number;
  m3: number;
  m4: number;
  shift: number;
  voxelVolume: number;
  /** Fraction of ROI voxels in each non-empty bin, by ascending level. */
  p: Float64Array;
}

export function prepareFirstOrder(input: ImageInput): FirstOrderData {
  const { values, roiIndices, spacing, settings } = input;
  const n = roiIndices.length;
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[k] = values[roiIndices[k]];
  const sorted = sortedCopy(x);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += x[k];
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let k = 0; k < n; k++) {
    const d = x[k] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const { levels, grayLevels, ng } = input.discretized();
  const counts = new Float64Array(ng + 1);
  for (let k = 0; k < n; k++) counts[levels[roiIndices[k]]]++;
  const p = Float64Array.from(grayLevels, (level) => counts[level] / n);
  return {
    x,
    sorted,
    mean,
    m2: m2 / n,
    m3: m3 / n,
    m4: m4 / n,
    shift: settings.voxelArrayShift,
    voxelVolume: spacing[0] * spacing[1] * spacing[2],
    p,
  };
}

/** The values in ascending order; integer intensities (the usual MR/CT case) by counting, others by sorting. */
export function sortedCopy(x: Float64Array): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let k = 0; k < x.length; k++) {
    const v = x[k];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  if (!integers || max - min > 4 * x.length + 65536) return Float64Array.from(x).sort();
  const counts = new Int32Array(max - min + 1);
  for (let k = 0; k < x.length; k++) counts[x[k] - min]++;
  const sorted = new Float64Array(x.length);
  for (let v = 0, k = 0; v < counts.length; v++) for (let c = counts[v]; c > 0; c--) sorted[k++] = v + min;
  return sorted;
}

/** Energy = Σ (x + c)² */
export function energy(d: FirstOrderData): number {
  let e = 0;
  for (let k = 0; k < d.x.length; k++) e += (d.x[k] + d.shift) ** 2;
  return e;
}

/** TotalEnergy = Energy × voxel volume (mm³) */
export function totalEnergy(d: FirstOrderData): number {
  return energy(d) * d.voxelVolume;
}

/** Entropy = −Σ p(i) log2(p(i) + ε) */
export function histogramEntropy(d: FirstOrderData): number {
  return entropy(d.p);
}

/** Minimum = min X */
export function minimum(d: FirstOrderData): number {
  return d.sorted[0];
}

/** Maximum = max X */
export function maximum(d: FirstOrderData): number {
  return d.sorted[d.sorted.length - 1];
}

/** 10Percentile = P10 (linear interpolation) */
export function percentile10(d: FirstOrderData): number {
  return percentile(d.sorted, 10);
}

/** 90Percentile = P90 (linear interpolation) */
export function percentile90(d: FirstOrderData): number {
  return percentile(d.sorted, 90);
}

/** Mean = Σ x / N */
export function mean(d: FirstOrderData): number {
  return d.mean;
}

/** Median = P50 (mean of the two middle values for even N) */
export function median(d: FirstOrderData): number {
  const n = d.sorted.length;
  const half = n >> 1;
  return n % 2 === 1 ? d.sorted[half] : (d.sorted[half - 1] + d.sorted[half]) / 2;
}

/** InterquartileRange = P75 − P25 */
export function interquartileRange(d: FirstOrderData): number {
  return percentile(d.sorted, 75) - percentile(d.sorted, 25);
}

/** Range = max X − min X */
export function range(d: FirstOrderData): number {
  return maximum(d) - minimum(d);
}

/** MeanAbsoluteDeviation = Σ |x − mean| / N */
export function meanAbsoluteDeviation(d: FirstOrderData): number {
  let s = 0;
  for (let k = 0; k < d.x.length; k++) s += Math.abs(d.x[k] - d.mean);
  return s / d.x.length;
}

/** RobustMeanAbsoluteDeviation = mean |x − mean(X₁₀₋₉₀)| over X₁₀₋₉₀ = {x : P10 ≤ x ≤ P90} */
export function robustMeanAbsoluteDeviation(d: FirstOrderData): number {
  const low = percentile10(d);
  const high = percentile90(d);
  let sum = 0;
  let count = 0;
  for (let k = 0; k < d.x.length; k++) {
    if (d.x[k] >= low && d.x[k] <= high) {
      sum += d.x[k];
      count++;
    }
  }
  const robustMean = sum / count;
  let s = 0;
  for (let k = 0; k < d.x.length; k++) if (d.x[k] >= low && d.x[k] <= high) s += Math.abs(d.x[k] - robustMean);
  return s / count;
}

/** RootMeanSquared = √(Σ (x + c)² / N) */
export function rootMeanSquared(d: FirstOrderData): number {
  return Math.sqrt(energy(d) / d.x.length);
}

/** StandardDeviation = √m2 (population; deprecated in PyRadiomics) */
export function standardDeviation(d: FirstOrderData): number {
  return Math.sqrt(d.m2);
}

/** Skewness = m3 / m2^1.5 (0 for a flat region) */
export function skewness(d: FirstOrderData): number {
  return d.m2 === 0 ? 0 : d.m3 / d.m2 ** 1.5;
}

/** Kurtosis = m4 / m2² (not the excess kurtosis; 0 for a flat region) */
export function kurtosis(d: FirstOrderData): number {
  return d.m2 === 0 ? 0 : d.m4 / d.m2 ** 2;
}

/** Variance = m2 (population, squared from the SD as numpy does) */
export function variance(d: FirstOrderData): number {
  const sd = Math.sqrt(d.m2);
  return sd * sd;
}

/** Uniformity = Σ p(i)² */
export function uniformity(d: FirstOrderData): number {
  let u = 0;
  for (let i = 0; i < d.p.length; i++) u += d.p[i] * d.p[i];
  return u;
}

export const firstOrder: FeatureClass<ImageInput, FirstOrderData> = {
  name: 'firstorder',
  prepare: prepareFirstOrder,
  features: {
    '10Percentile': percentile10,
    '90Percentile': percentile90,
    Energy: energy,
    Entropy: histogramEntropy,
    InterquartileRange: interquartileRange,
    Kurtosis: kurtosis,
    Maximum: maximum,
    Mean: mean,
    MeanAbsoluteDeviation: meanAbsoluteDeviation,
    Median: median,
    Minimum: minimum,
    Range: range,
    RobustMeanAbsoluteDeviation: robustMeanAbsoluteDeviation,
    RootMeanSquared: rootMeanSquared,
    Skewness: skewness,
    TotalEnergy: totalEnergy,
    Uniformity: uniformity,
    Variance: variance,
  },
  deprecated: { StandardDeviation: standardDeviation },
};
