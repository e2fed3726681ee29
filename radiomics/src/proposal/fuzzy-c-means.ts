// Two-class fuzzy c-means (Bezdek, "Pattern Recognition with Fuzzy Objective Function Algorithms", 1981) on scalar
// values, with fuzziness m = 2, as Chen, Giger, Bick & Newstead apply it to the enhancement of the voxels in a box
// around a breast lesion ("A fuzzy c-means (FCM)-based approach for computerized segmentation of breast lesions in
// dynamic contrast-enhanced MR images", Acad Radiol 2006;13:63-72). The values are binned first (HISTOGRAM_BINS
// bins between their extremes), so each iteration costs the number of bins, not of voxels.

const HISTOGRAM_BINS = 512;
const MAX_ITERATIONS = 100;

export interface TwoClassFcm {
  /** Centroid of the low (background) class. */
  low: number;
  /** Centroid of the high (enhancing) class. */
  high: number;
  /**
   * The value whose memberships in both classes are 0.5. With m = 2 a value's membership in the low class is
   * d_high² / (d_low² + d_high²), so the two are equal half-way between the centroids.
   */
  threshold: number;
}

/** FCM on the values. Null when there are fewer than two distinct values. */
export function twoClassFcm(values: Float32Array): TwoClassFcm | null {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < values.length; n++) {
    const v = values[n];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return null;
  const width = (max - min) / HISTOGRAM_BINS;
  const counts = new Float64Array(HISTOGRAM_BINS);
  for (let n = 0; n < values.length; n++) {
    counts[Math.min(HISTOGRAM_BINS - 1, Math.floor((values[n] - min) / width))]++;
  }
  const centre = (b: number): number => min + (b + 0.5) * width;
  // Start from the 10th and 90th percentiles: both inside the data whatever its skew.
  let total = 0;
  for (let b = 0; b < HISTOGRAM_BINS; b++) total += counts[b];
  let low = percentileOfHistogram(counts, total, 0.1, centre);
  let high = percentileOfHistogram(counts, total, 0.9, centre);
  if (!(high > low)) {
    low = min;
    high = max;
  }
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let lowNum = 0;
    let lowDen = 0;
    let highNum = 0;
    let highDen = 0;
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      if (!counts[b]) continue;
      const x = centre(b);
      const dl = (x - low) * (x - low);
      const dh = (x - high) * (x - high);
      const sum = dl + dh;
      const uLow = sum === 0 ? 0.5 : dh / sum;
      const uHigh = 1 - uLow;
      const wl = counts[b] * uLow * uLow;
      const wh = counts[b] * uHigh * uHigh;
      lowNum += wl * x;
      lowDen += wl;
      highNum += wh * x;
      highDen += wh;
    }
    const nextLow = lowNum / lowDen;
    const nextHigh = highNum / highDen;
    const moved = Math.abs(nextLow - low) + Math.abs(nextHigh - high);
    low = nextLow;
    high = nextHigh;
    if (moved < width * 1e-3) break;
  }
  return { low, high, threshold: (low + high) / 2 };
}

function percentileOfHistogram(counts: Float64Array, total: number, p: number, centre: (b: number) => number): number {
  let seen = 0;
  for (let b = 0; b < counts.length; b++) {
    seen += counts[b];
    if (seen >= p * total) return centre(b);
  }
  return centre(counts.length - 1);
}
