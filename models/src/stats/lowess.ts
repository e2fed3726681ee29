// Locally weighted scatterplot smoothing (Cleveland WS, "Robust locally weighted regression and smoothing
// scatterplots", J Am Stat Assoc 1979;74:829-836), with the conventions of R's `lowess` so that results agree with R:
// span f = 2/3 of the points, 3 robustness iterations, and points closer than delta = 1 % of the x range to the last
// fitted one interpolated instead of fitted. rms::calibrate smooths calibration curves with it (iter = 0).

export interface LowessOptions {
  /** Share of the points in each local fit (R's `f`). */
  f?: number;
  /** Robustness iterations after the first fit (R's `iter`); 0 gives the plain local linear fit. */
  iter?: number;
  /** Points within delta of the last fitted x are linearly interpolated (R's `delta`); default 1 % of the x range. */
  delta?: number;
}

export interface Smooth {
  /** The x values in increasing order (ties in their input order), and the smoothed y at each. */
  x: Float64Array;
  y: Float64Array;
}

const cube = (v: number) => v * v * v;
const square = (v: number) => v * v;

/**
 * The tricube-weighted local linear fit at x[i] from the points left..right (0-based, inclusive), extended to the
 * right over ties of the farthest point; `robustness` multiplies the weights in the iterations after the first.
 * Returns null when every weight is zero. Near-zero distances count fully and a near-zero spread falls back to the
 * weighted mean, as in Cleveland's program.
 */
function localFit(
  x: Float64Array,
  y: Float64Array,
  at: number,
  left: number,
  right: number,
  robustness: Float64Array | null,
  w: Float64Array,
): number | null {
  const n = x.length;
  const range = x[n - 1] - x[0];
  const h = Math.max(at - x[left], x[right] - at);
  const near = 0.001 * h;
  const far = 0.999 * h;
  let total = 0;
  let j = left;
  for (; j < n; j++) {
    w[j] = 0;
    const r = Math.abs(x[j] - at);
    if (r <= far) {
      w[j] = r <= near ? 1 : cube(1 - cube(r / h));
      if (robustness) w[j] *= robustness[j];
      total += w[j];
    } else if (x[j] > at) break;
  }
  const last = j - 1;
  if (total <= 0) return null;
  for (let k = left; k <= last; k++) w[k] /= total;
  if (h > 0) {
    let mean = 0;
    for (let k = left; k <= last; k++) mean += w[k] * x[k];
    let spread = 0;
    for (let k = left; k <= last; k++) spread += w[k] * square(x[k] - mean);
    if (Math.sqrt(spread) > 0.001 * range) {
      const slope = (at - mean) / spread;
      for (let k = left; k <= last; k++) w[k] *= slope * (x[k] - mean) + 1;
    }
  }
  let fitted = 0;
  for (let k = left; k <= last; k++) fitted += w[k] * y[k];
  return fitted;
}

/** The median of |residuals| times 6, the scale of the bisquare robustness weights. */
function sixMad(residuals: Float64Array): number {
  const a = Float64Array.from(residuals, Math.abs).sort();
  const n = a.length;
  const m = Math.floor(n / 2);
  return n % 2 === 0 ? 3 * (a[m] + a[n - m - 1]) : 6 * a[m];
}

/** One pass over the sorted points: local fits where needed, linear interpolation over the points skipped by delta. */
function smoothPass(
  x: Float64Array,
  y: Float64Array,
  span: number,
  delta: number,
  robustness: Float64Array | null,
  fitted: Float64Array,
  w: Float64Array,
): void {
  const n = x.length;
  let left = 0;
  let right = span - 1;
  let last = -1;
  let i = 0;
  for (;;) {
    // Slide the window right while that brings its farthest point closer to x[i].
    if (right < n - 1 && x[i] - x[left] > x[right + 1] - x[i]) {
      left++;
      right++;
      continue;
    }
    fitted[i] = localFit(x, y, x[i], left, right, robustness, w) ?? y[i];
    if (last < i - 1) {
      const width = x[i] - x[last];
      for (let j = last + 1; j < i; j++) {
        const t = (x[j] - x[last]) / width;
        fitted[j] = t * fitted[i] + (1 - t) * fitted[last];
      }
    }
    last = i;
    // Skip ahead over points within delta (ties take the same value), to fit again at the last of them.
    const cut = x[last] + delta;
    let k = last + 1;
    for (; k < n; k++) {
      if (x[k] > cut) break;
      if (x[k] === x[last]) {
        fitted[k] = fitted[last];
        last = k;
      }
    }
    i = Math.max(last + 1, k - 1);
    if (last >= n - 1) break;
  }
}

/** R's `lowess(x, y, f, iter, delta)`: the points sorted by x (stable) and the smoothed values there. */
export function lowess(xIn: ArrayLike<number>, yIn: ArrayLike<number>, options: LowessOptions = {}): Smooth {
  const n = xIn.length;
  if (yIn.length !== n) throw new Error(`lowess: ${n} x values but ${yIn.length} y values`);
  if (n === 0) throw new Error('lowess: no points');
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(xIn[i]) || !Number.isFinite(yIn[i])) throw new Error('lowess: x and y must be finite');
  const f = options.f ?? 2 / 3;
  const iter = options.iter ?? 3;
  if (!(f > 0)) throw new Error(`lowess: the span f must be > 0, got ${f}`);
  if (!Number.isInteger(iter) || iter < 0) throw new Error(`lowess: iter must be an integer >= 0, got ${iter}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xIn[a] - xIn[b] || a - b);
  const x = Float64Array.from(order, (i) => xIn[i]);
  const y = Float64Array.from(order, (i) => yIn[i]);
  const fitted = new Float64Array(n);
  if (n === 1) {
    fitted[0] = y[0];
    return { x, y: fitted };
  }
  const delta = options.delta ?? 0.01 * (x[n - 1] - x[0]);
  const span = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  const w = new Float64Array(n);
  const residuals = new Float64Array(n);
  let robustness: Float64Array | null = null;
  for (let pass = 0; pass <= iter; pass++) {
    smoothPass(x, y, span, delta, robustness, fitted, w);
    if (pass === iter) break;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      residuals[i] = y[i] - fitted[i];
      scale += Math.abs(residuals[i]);
    }
    scale /= n;
    const cmad = sixMad(residuals);
    // Residuals all (nearly) zero: the fit is exact and further iterations would change nothing.
    if (cmad < 1e-7 * scale) break;
    robustness = Float64Array.from(residuals, (r) => {
      const a = Math.abs(r);
      return a <= 0.001 * cmad ? 1 : a <= 0.999 * cmad ? square(1 - square(a / cmad)) : 0;
    });
  }
  return { x, y: fitted };
}

/**
 * R's `approx(smooth, xout = at, ties = function(v) v[1])$y`, as rms::calibrate reads a lowess curve: linear
 * interpolation, the first y of tied x, NaN outside the x range.
 */
export function interpolate(s: Smooth, at: ArrayLike<number>): Float64Array {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    if (i > 0 && s.x[i] === s.x[i - 1]) continue;
    xs.push(s.x[i]);
    ys.push(s.y[i]);
  }
  return Float64Array.from(at, (v) => {
    if (!(v >= xs[0] && v <= xs[xs.length - 1])) return NaN;
    let lo = 0;
    let hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= v) lo = mid;
      else hi = mid;
    }
    if (v === xs[hi]) return ys[hi];
    if (v === xs[lo] || hi === lo) return ys[lo];
    return ys[lo] + ((ys[hi] - ys[lo]) * (v - xs[lo])) / (xs[hi] - xs[lo]);
  });
}
