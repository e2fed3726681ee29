// Grey-level discretisation exactly as PyRadiomics places the bin edges (imageoperations.getBinEdges + numpy.digitize):
// fixed bin width W: edges lowBound + k·W from lowBound = min − (min mod W) while below max + 2W, i.e.
//   level = ⌊x/W⌋ − ⌊min/W⌋ + 1 (bins anchored at multiples of W);
// fixed bin count N: N equal bins over [min, max] (numpy.histogram edges), the last edge raised by 1 so the maximum
// falls in bin N. A voxel's level is the number of edges ≤ its value (half-open bins, numpy.digitize).
import type { Settings } from './settings';

/** More bins than this cannot be meant (and would exhaust memory); PyRadiomics sites use 16-256. */
const MAX_BINS = 1 << 24;

export interface Discretized {
  /** Level of every voxel of the crop (x fastest); 0 outside the ROI, 1… inside. */
  levels: Int32Array;
  /** Levels present in the ROI, ascending. */
  grayLevels: Int32Array;
  /** Highest level present (PyRadiomics' Ng: bins spanned, including empty ones). */
  ng: number;
}

/** Bin edges as a function of their index, with the edge count. */
interface Edges {
  count: number;
  edge(k: number): number;
  /** Estimated number of edges ≤ x (exact up to float rounding, corrected by the caller). */
  estimate(x: number): number;
}

export function discretize(
  values: Float64Array,
  roiIndices: Int32Array,
  settings: Pick<Settings, 'binWidth' | 'binCount'>,
): Discretized {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < roiIndices.length; n++) {
    const x = values[roiIndices[n]];
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const edges =
    settings.binCount !== null
      ? binCountEdges(min, max, settings.binCount)
      : binWidthEdges(min, max, settings.binWidth);
  if (edges.count > MAX_BINS) {
    throw new Error(
      `discretisation would need ${edges.count} bins for intensities ${min}…${max}; use a larger binWidth (or binCount)`,
    );
  }
  const levels = new Int32Array(values.length);
  let ng = 0;
  const present = new Uint8Array(edges.count + 1);
  for (let n = 0; n < roiIndices.length; n++) {
    const x = values[roiIndices[n]];
    let level = Math.min(Math.max(edges.estimate(x), 0), edges.count);
    while (level < edges.count && edges.edge(level) <= x) level++;
    while (level > 0 && edges.edge(level - 1) > x) level--;
    levels[roiIndices[n]] = level;
    present[level] = 1;
    if (level > ng) ng = level;
  }
  const grayLevels: number[] = [];
  for (let level = 1; level <= edges.count; level++) if (present[level]) grayLevels.push(level);
  return { levels, grayLevels: Int32Array.from(grayLevels), ng };
}

/** numpy.arange(lowBound, max + 2W, W): element k = lowBound + k·((lowBound + W) − lowBound). */
function binWidthEdges(min: number, max: number, width: number): Edges {
  const low = min - pythonModulo(min, width);
  const step = low + width - low;
  const count = Math.ceil((max + 2 * width - low) / width);
  const edge = (k: number): number => (k === 0 ? low : k === 1 ? low + width : low + k * step);
  return { count, edge, estimate: (x) => Math.floor((x - low) / step) + 1 };
}

/** numpy.histogram(values, N) edges: linspace(min, max, N + 1) (±0.5 for a flat region), last edge + 1. */
function binCountEdges(min: number, max: number, bins: number): Edges {
  const first = min === max ? min - 0.5 : min;
  const last = min === max ? max + 0.5 : max;
  const step = (last - first) / bins;
  const edge = (k: number): number => (k === bins ? last + 1 : k * step + first);
  return { count: bins + 1, edge, estimate: (x) => Math.floor((x - first) / step) + 1 };
}

/** Python's float modulo: the result takes the sign of the divisor. */
function pythonModulo(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
