// IBSI intensity statistics (reference manual §3.3) of the ROI's intensities, and the same statistics of the
// discretised grey levels for the intensity histogram family (§3.4). Variance, skewness and kurtosis are population
// moments; kurtosis is excess kurtosis (PyRadiomics reports it +3, docs/pyradiomics-notes.md §19.2). Percentiles
// interpolate linearly between order statistics (numpy's default; the manual notes implementations differ here, e.g.
// P90 4 vs 4.2 on the phantom).
import { entropy } from './aggregation';

export const INTENSITY_STATISTICS: readonly [string, string][] = [
  ['Mean intensity', 'Q4LE'],
  ['Intensity variance', 'ECT3'],
  ['Intensity skewness', 'KE2A'],
  ['(Excess) intensity kurtosis', 'IPH6'],
  ['Median intensity', 'Y12H'],
  ['Minimum intensity', '1GSF'],
  ['10th intensity percentile', 'QG58'],
  ['90th intensity percentile', '8DWT'],
  ['Maximum intensity', '84IY'],
  ['Intensity interquartile range', 'SALO'],
  ['Intensity range', '2OJQ'],
  ['Intensity-based mean absolute deviation', '4FUA'],
  ['Intensity-based robust mean absolute deviation', '1128'],
  ['Intensity-based median absolute deviation', 'N72L'],
  ['Intensity-based coefficient of variation', '7TET'],
  ['Intensity-based quartile coefficient of dispersion', '9S40'],
  ['Intensity-based energy', 'N8CA'],
  ['Root mean square intensity', '5ZWQ'],
];

export const INTENSITY_HISTOGRAM: readonly [string, string][] = [
  ['Mean discretised intensity', 'X6K6'],
  ['Discretised intensity variance', 'CH89'],
  ['Discretised intensity skewness', '88K1'],
  ['(Excess) discretised intensity kurtosis', 'C3I7'],
  ['Median discretised intensity', 'WIFQ'],
  ['Minimum discretised intensity', '1PR8'],
  ['10th discretised intensity percentile', 'GPMT'],
  ['90th discretised intensity percentile', 'OZ0C'],
  ['Maximum discretised intensity', '3NCY'],
  ['Intensity histogram mode', 'AMMC'],
  ['Discretised intensity interquartile range', 'WR0O'],
  ['Discretised intensity range', '5Z3W'],
  ['Intensity histogram mean absolute deviation', 'D2ZX'],
  ['Intensity histogram robust mean absolute deviation', 'WRZB'],
  ['Intensity histogram median absolute deviation', '4RNL'],
  ['Intensity histogram coefficient of variation', 'CWYJ'],
  ['Intensity histogram quartile coefficient of dispersion', 'SLWD'],
  ['Discretised intensity entropy', 'TLU2'],
  ['Discretised intensity uniformity', 'BJ5W'],
  ['Maximum histogram gradient', '12CE'],
  ['Maximum histogram gradient intensity', '8E6O'],
  ['Minimum histogram gradient', 'VQB3'],
  ['Minimum histogram gradient intensity', 'RHQZ'],
];

/** Percentile q (0…100) by linear interpolation between the sorted values' order statistics. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const position = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
}

interface Moments {
  mean: number;
  variance: number;
  skewness: number;
  kurtosis: number;
  median: number;
  min: number;
  p10: number;
  p90: number;
  max: number;
  iqr: number;
  mad: number;
  robustMad: number;
  medianAd: number;
  cov: number;
  qcod: number;
}

function moments(values: ArrayLike<number>): Moments {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  let [m2, m3, m4] = [0, 0, 0];
  for (const x of sorted) {
    const d = x - mean;
    m2 += d * d;
    m3 += d ** 3;
    m4 += d ** 4;
  }
  [m2, m3, m4] = [m2 / n, m3 / n, m4 / n];
  const [p10, p25, median, p75, p90] = [10, 25, 50, 75, 90].map((q) => percentile(sorted, q));
  const robust = sorted.filter((x) => x >= p10 && x <= p90);
  const robustMean = robust.reduce((a, b) => a + b, 0) / robust.length;
  return {
    mean,
    variance: m2,
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0,
    median,
    min: sorted[0],
    p10,
    p90,
    max: sorted[n - 1],
    iqr: p75 - p25,
    mad: sorted.reduce((s, x) => s + Math.abs(x - mean), 0) / n,
    robustMad: robust.reduce((s, x) => s + Math.abs(x - robustMean), 0) / robust.length,
    medianAd: sorted.reduce((s, x) => s + Math.abs(x - median), 0) / n,
    cov: Math.sqrt(m2) / mean,
    qcod: (p75 - p25) / (p75 + p25),
  };
}

export function intensityStatistics(values: ArrayLike<number>): number[] {
  const m = moments(values);
  let energy = 0;
  for (let k = 0; k < values.length; k++) energy += values[k] ** 2;
  return [
    m.mean,
    m.variance,
    m.skewness,
    m.kurtosis,
    m.median,
    m.min,
    m.p10,
    m.p90,
    m.max,
    m.iqr,
    m.max - m.min,
    m.mad,
    m.robustMad,
    m.medianAd,
    m.cov,
    m.qcod,
    energy,
    Math.sqrt(energy / values.length),
  ];
}

/**
 * Intensity histogram features of grey levels 1…ng. The mode is the most frequent level (the one nearest the mean
 * on a tie); the histogram gradient is the central difference of the counts over all ng bins, one-sided at the ends.
 */
export function intensityHistogram(levels: ArrayLike<number>, ng: number): number[] {
  const m = moments(levels);
  const counts = new Float64Array(ng);
  for (let k = 0; k < levels.length; k++) counts[levels[k] - 1]++;
  let mode = 1;
  for (let i = 2; i <= ng; i++) {
    const [c, best] = [counts[i - 1], counts[mode - 1]];
    if (c > best || (c === best && Math.abs(i - m.mean) < Math.abs(mode - m.mean))) mode = i;
  }
  const gradient = Array.from(counts, (_, k) =>
    ng === 1
      ? 0
      : k === 0
        ? counts[1] - counts[0]
        : k === ng - 1
          ? counts[k] - counts[k - 1]
          : (counts[k + 1] - counts[k - 1]) / 2,
  );
  const maxAt = gradient.indexOf(Math.max(...gradient));
  const minAt = gradient.indexOf(Math.min(...gradient));
  const p = counts.map((c) => c / levels.length);
  return [
    m.mean,
    m.variance,
    m.skewness,
    m.kurtosis,
    m.median,
    m.min,
    m.p10,
    m.p90,
    m.max,
    mode,
    m.iqr,
    m.max - m.min,
    m.mad,
    m.robustMad,
    m.medianAd,
    m.cov,
    m.qcod,
    entropy(p),
    p.reduce((s, v) => s + v * v, 0),
    gradient[maxAt],
    maxAt + 1,
    gradient[minAt],
    minAt + 1,
  ];
}
