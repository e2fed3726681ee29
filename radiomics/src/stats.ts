// Small numeric helpers with numpy's semantics where PyRadiomics relies on them.

/** numpy.spacing(1): the ε PyRadiomics adds inside log2 and to divisors. */
export const EPS = 2.220446049250313e-16;

/** numpy.nanmean of values[k] = f(k) for k < n: mean of the non-NaN ones, NaN when none. */
export function nanMean(n: number, f: (k: number) => number): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < n; k++) {
    const v = f(k);
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

/** numpy's linear-interpolation percentile of ascending values (virtual index q·(n − 1)). */
export function percentile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const position = (q / 100) * (n - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  const t = position - below;
  const a = sorted[below];
  const b = sorted[above];
  // numpy's _lerp: interpolate from the nearer end for better rounding.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** −Σ p·log2(p + ε) over probabilities. */
export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) h -= p[i] * Math.log2(p[i] + EPS);
  return h;
}
