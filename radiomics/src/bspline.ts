// Cubic B-spline interpolation as ITK does it (BSplineDecompositionImageFilter + BSplineInterpolateImageFunction,
// order 3), which SimpleITK's sitkBSpline resampling uses. The image is first turned into B-spline coefficients by
// the recursive prefilter of Unser, "Splines: a perfect fit for signal and image processing" (IEEE Signal Processing
// Magazine 1999, Box 2): gain (1−z)(1−1/z), then a causal and an anti-causal first-order pass per axis with the pole
// z = √3 − 2 and mirror boundaries; the causal start uses ITK's tolerance 1e-10 horizon.
import type { Vec3 } from './volume';

const POLE = Math.sqrt(3) - 2;
const GAIN = (1 - POLE) * (1 - 1 / POLE);
const TOLERANCE = 1e-10;
const HORIZON = Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(POLE)));

/** B-spline coefficients of a volume (x fastest), computed along x, then y, then z as ITK does. */
export function bsplineCoefficients(data: ArrayLike<number>, size: Vec3): Float64Array {
  const out = Float64Array.from(data);
  const [nx, ny, nz] = size;
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const n = size[axis];
    if (n === 1) continue;
    const line = new Float64Array(n);
    const stride = strides[axis];
    const lines = (nx * ny * nz) / n;
    for (let l = 0; l < lines; l++) {
      const start = lineStart(l, axis, size);
      for (let t = 0; t < n; t++) line[t] = out[start + t * stride];
      toCoefficients(line);
      for (let t = 0; t < n; t++) out[start + t * stride] = line[t];
    }
  }
  return out;
}

/** Index of element 0 of line `l` along `axis` (lines enumerated with the remaining axes x-fastest). */
function lineStart(l: number, axis: number, size: Vec3): number {
  const [nx, ny] = size;
  if (axis === 0) return l * nx;
  if (axis === 1) return (l % nx) + nx * ny * Math.floor(l / nx);
  return l;
}

function toCoefficients(c: Float64Array): void {
  const n = c.length;
  for (let t = 0; t < n; t++) c[t] *= GAIN;
  c[0] = initialCausal(c);
  for (let t = 1; t < n; t++) c[t] += POLE * c[t - 1];
  c[n - 1] = (POLE / (POLE * POLE - 1)) * (POLE * c[n - 2] + c[n - 1]);
  for (let t = n - 2; t >= 0; t--) c[t] = POLE * (c[t + 1] - c[t]);
}

/** The first causal coefficient for mirror boundaries (truncated sum when the horizon fits, exact otherwise). */
function initialCausal(c: Float64Array): number {
  const n = c.length;
  let zn = POLE;
  if (HORIZON < n) {
    let sum = c[0];
    for (let t = 1; t < HORIZON; t++) {
      sum += zn * c[t];
      zn *= POLE;
    }
    return sum;
  }
  const iz = 1 / POLE;
  let z2n = Math.pow(POLE, n - 1);
  let sum = c[0] + z2n * c[n - 1];
  z2n *= z2n * iz;
  for (let t = 1; t <= n - 2; t++) {
    sum += (zn + z2n) * c[t];
    zn *= POLE;
    z2n *= iz;
  }
  return sum / (1 - zn * zn);
}

/** The four cubic B-spline weights at fractional offset w ∈ [0, 1) (ITK's SetInterpolationWeights, order 3). */
export function cubicWeights(w: number, out: Float64Array): void {
  out[3] = (1 / 6) * w * w * w;
  out[0] = 1 / 6 + 0.5 * w * (w - 1) - out[3];
  out[2] = w + out[0] - 2 * out[3];
  out[1] = 1 - out[0] - out[2] - out[3];
}

/** Mirror boundary without repeating the edge sample (ITK's ApplyMirrorBoundaryConditions). */
export function mirrorIndex(index: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let m = index;
  if (m < 0) m = -m - period * Math.floor(-m / period);
  else m -= period * Math.floor(m / period);
  return m > n - 1 ? period - m : m;
}
