// Features shared by the matrices that count (grey level i, size j) pairs — runs (GLRLM), zones (GLSZM) and
// dependences (GLDM). P(i, j) is the count matrix, N = Σ P its total, p_i = Σ_j P / N, p_j = Σ_i P / N.
import { EPS } from '../stats';

export interface LevelSizeMatrix {
  /** Counts, rows = levels present, columns = sizes present (row-major). */
  counts: Float64Array;
  level: Float64Array;
  size: Float64Array;
  /** Σ_j P per level and Σ_i P per size. */
  levelSums: Float64Array;
  sizeSums: Float64Array;
  total: number;
}

export function levelSizeMatrix(counts: Float64Array, level: Float64Array, size: Float64Array): LevelSizeMatrix {
  const levelSums = new Float64Array(level.length);
  const sizeSums = new Float64Array(size.length);
  let total = 0;
  for (let r = 0; r < level.length; r++) {
    for (let c = 0; c < size.length; c++) {
      const v = counts[r * size.length + c];
      levelSums[r] += v;
      sizeSums[c] += v;
    }
  }
  for (let c = 0; c < size.length; c++) total += sizeSums[c];
  return { counts, level, size, levelSums, sizeSums, total: total === 0 ? NaN : total };
}

/** Small-size emphasis = Σ_j (Σ_i P)/j² / N */
export function smallEmphasis(m: LevelSizeMatrix): number {
  return sumOver(m.sizeSums, (c) => 1 / m.size[c] ** 2) / m.total;
}

/** Large-size emphasis = Σ_j (Σ_i P)·j² / N */
export function largeEmphasis(m: LevelSizeMatrix): number {
  return sumOver(m.sizeSums, (c) => m.size[c] ** 2) / m.total;
}

/** Grey-level non-uniformity = Σ_i (Σ_j P)² / N */
export function grayLevelNonUniformity(m: LevelSizeMatrix): number {
  return sumOver(m.levelSums, (r) => m.levelSums[r]) / m.total;
}

/** Grey-level non-uniformity normalised = Σ_i (Σ_j P)² / N² */
export function grayLevelNonUniformityNormalized(m: LevelSizeMatrix): number {
  return sumOver(m.levelSums, (r) => m.levelSums[r]) / m.total ** 2;
}

/** Size non-uniformity = Σ_j (Σ_i P)² / N */
export function sizeNonUniformity(m: LevelSizeMatrix): number {
  return sumOver(m.sizeSums, (c) => m.sizeSums[c]) / m.total;
}

/** Size non-uniformity normalised = Σ_j (Σ_i P)² / N² */
export function sizeNonUniformityNormalized(m: LevelSizeMatrix): number {
  return sumOver(m.sizeSums, (c) => m.sizeSums[c]) / m.total ** 2;
}

/** Percentage = N / Σ_j j·(Σ_i P) (runs or zones per voxel) */
export function percentage(m: LevelSizeMatrix): number {
  return m.total / sumOver(m.sizeSums, (c) => m.size[c]);
}

/** Grey-level variance = Σ_i p_i (i − μ)², μ = Σ_i i·p_i */
export function grayLevelVariance(m: LevelSizeMatrix): number {
  return marginalVariance(m.levelSums, m.level, m.total);
}

/** Size variance = Σ_j p_j (j − μ)², μ = Σ_j j·p_j */
export function sizeVariance(m: LevelSizeMatrix): number {
  return marginalVariance(m.sizeSums, m.size, m.total);
}

/** Entropy = −Σ (P/N) log2(P/N + ε) */
export function sizeEntropy(m: LevelSizeMatrix): number {
  let h = 0;
  for (let k = 0; k < m.counts.length; k++) {
    const p = m.counts[k] / m.total;
    h -= p * Math.log2(p + EPS);
  }
  return h;
}

/** Low grey-level emphasis = Σ_i (Σ_j P)/i² / N */
export function lowGrayLevelEmphasis(m: LevelSizeMatrix): number {
  return sumOver(m.levelSums, (r) => 1 / m.level[r] ** 2) / m.total;
}

/** High grey-level emphasis = Σ_i (Σ_j P)·i² / N */
export function highGrayLevelEmphasis(m: LevelSizeMatrix): number {
  return sumOver(m.levelSums, (r) => m.level[r] ** 2) / m.total;
}

/** Small-size low grey-level emphasis = Σ P/(i²j²) / N */
export function smallLowGrayLevelEmphasis(m: LevelSizeMatrix): number {
  return joint(m, (i, j) => 1 / (i ** 2 * j ** 2));
}

/** Small-size high grey-level emphasis = Σ P·i²/j² / N */
export function smallHighGrayLevelEmphasis(m: LevelSizeMatrix): number {
  return joint(m, (i, j) => i ** 2 / j ** 2);
}

/** Large-size low grey-level emphasis = Σ P·j²/i² / N */
export function largeLowGrayLevelEmphasis(m: LevelSizeMatrix): number {
  return joint(m, (i, j) => j ** 2 / i ** 2);
}

/** Large-size high grey-level emphasis = Σ P·i²·j² / N */
export function largeHighGrayLevelEmphasis(m: LevelSizeMatrix): number {
  return joint(m, (i, j) => j ** 2 * i ** 2);
}

function sumOver(values: Float64Array, weight: (k: number) => number): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k] * weight(k);
  return s;
}

function marginalVariance(sums: Float64Array, value: Float64Array, total: number): number {
  let mean = 0;
  for (let k = 0; k < sums.length; k++) mean += (sums[k] / total) * value[k];
  let v = 0;
  for (let k = 0; k < sums.length; k++) v += (sums[k] / total) * (value[k] - mean) ** 2;
  return v;
}

function joint(m: LevelSizeMatrix, weight: (i: number, j: number) => number): number {
  let s = 0;
  for (let r = 0; r < m.level.length; r++) {
    for (let c = 0; c < m.size.length; c++) s += m.counts[r * m.size.length + c] * weight(m.level[r], m.size[c]);
  }
  return s / m.total;
}
