// ITK's recursive Gaussian (itk::RecursiveGaussianImageFilter on itk::RecursiveSeparableImageFilter, ITK 5.2), the
// 1-D filter SimpleITK's LaplacianRecursiveGaussian is built from: Deriche's 4th-order IIR approximation of the
// Gaussian (order 0) and of its second derivative (order 2), a causal plus an anticausal recursion with the first and
// last sample continued to infinity. Coefficients, normalisation and boundary initialisation are computed as ITK
// computes them (SetUp, ComputeNCoefficients, ComputeDCoefficients, ComputeRemainingCoefficients), and every line is
// filtered in double precision with ITK's order of operations (FilterDataArray). See
// docs/pyradiomics-notes.md §6.1; R. Deriche, "Recursively implementing the Gaussian and its
// derivatives", INRIA RR-1893 (1993).

export interface RecursiveCoefficients {
  n: [number, number, number, number];
  d: [number, number, number, number];
  m: [number, number, number, number];
  bn: [number, number, number, number];
  bm: [number, number, number, number];
  /** The slowest pole's decay per sample, e^{−1.3732/σd}: the impulse response falls off as its powers. */
  decay: number;
}

// Deriche's fitted constants as ITK writes them (w, λ per exponential; a, b per order).
const W1 = 0.6681;
const L1 = -1.3932;
const W2 = 2.0787;
const L2 = -1.3732;
const ORDER0 = { a1: 1.353, b1: 1.8151, a2: -0.3531, b2: 0.0902 };
const ORDER2 = { a1: -1.3563, b1: 5.2318, a2: 0.3446, b2: -2.2355 };

/**
 * The filter for `sigma` (mm) along an axis of `spacing` (mm): order 0 smooths, order 2 is the second derivative,
 * multiplied by σ² when `normalizeAcrossScale` (ITK's NormalizeAcrossScale; it leaves order 0 unscaled).
 */
export function recursiveGaussian(
  sigma: number,
  spacing: number,
  order: 0 | 2,
  normalizeAcrossScale: boolean,
): RecursiveCoefficients {
  const sigmad = sigma / spacing;
  const { d, sd, dd, ed } = denominator(sigmad);
  let n: [number, number, number, number];
  if (order === 0) {
    const c = numerator(sigmad, ORDER0);
    const alpha0 = (2 * c.sn) / sd - c.n[0];
    n = c.n.map((v) => v * (1 / alpha0)) as typeof n;
  } else {
    const c0 = numerator(sigmad, ORDER0);
    const c2 = numerator(sigmad, ORDER2);
    // β makes the kernel sum to zero (a second derivative of a constant is 0).
    const beta = -(2 * c2.sn - sd * c2.n[0]) / (2 * c0.sn - sd * c0.n[0]);
    n = c2.n.map((v, k) => v + beta * c0.n[k]) as typeof n;
    const sn = c2.sn + beta * c0.sn;
    const dn = c2.dn + beta * c0.dn;
    const en = c2.en + beta * c0.en;
    let alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
    alpha2 /= sd * sd * sd;
    const scale = (normalizeAcrossScale ? sigma * sigma : 1) / alpha2;
    n = n.map((v) => v * scale) as typeof n;
  }
  // Symmetric kernels: the anticausal numerators mirror the causal ones.
  const m: [number, number, number, number] = [
    n[1] - d[0] * n[0],
    n[2] - d[1] * n[0],
    n[3] - d[2] * n[0],
    -d[3] * n[0],
  ];
  const sumN = n[0] + n[1] + n[2] + n[3];
  const sumM = m[0] + m[1] + m[2] + m[3];
  const sumD = 1 + d[0] + d[1] + d[2] + d[3];
  return {
    n,
    d,
    m,
    bn: d.map((v) => (v * sumN) / sumD) as typeof n,
    bm: d.map((v) => (v * sumM) / sumD) as typeof n,
    decay: Math.exp(L2 / sigmad),
  };
}

function denominator(sigmad: number) {
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const d4 = exp1 * exp1 * exp2 * exp2;
  const d3 = -2 * cos1 * exp1 * exp2 * exp2 + -2 * cos2 * exp2 * exp1 * exp1;
  const d2 = 4 * cos2 * cos1 * exp1 * exp2 + (exp1 * exp1 + exp2 * exp2);
  const d1 = -2 * (exp2 * cos2 + exp1 * cos1);
  const d: [number, number, number, number] = [d1, d2, d3, d4];
  return { d, sd: 1 + d1 + d2 + d3 + d4, dd: d1 + 2 * d2 + 3 * d3 + 4 * d4, ed: d1 + 4 * d2 + 9 * d3 + 16 * d4 };
}

function numerator(sigmad: number, { a1, b1, a2, b2 }: typeof ORDER0) {
  const sin1 = Math.sin(W1 / sigmad);
  const sin2 = Math.sin(W2 / sigmad);
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const n0 = a1 + a2;
  let n1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
  n1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
  let n2 = (a1 + a2) * cos2 * cos1;
  n2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
  n2 *= 2 * exp1 * exp2;
  n2 += a2 * exp1 * exp1 + a1 * exp2 * exp2;
  let n3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2);
  n3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1);
  const n: [number, number, number, number] = [n0, n1, n2, n3];
  return { n, sn: n0 + n1 + n2 + n3, dn: n1 + 2 * n2 + 3 * n3, en: n1 + 4 * n2 + 9 * n3 };
}

/** Where a pass reads and writes: sample t of line w is at `base + t·step + w·wStride`. */
export interface LineLayout {
  base: number;
  step: number;
  wStride: number;
}

/**
 * The first four values of both recursions on the line whose sample t is input[at + t·step] (length end + 1), in ITK's
 * operation order: out[0…3] the causal values at 0…3, the first sample continued to −∞ (ITK's boundary coefficients
 * BN); out[4…7] the anticausal values at end…end−3, the last sample continued to +∞ (BM).
 */
function startRecursions(
  c: RecursiveCoefficients,
  input: Float32Array | Float64Array,
  at: number,
  step: number,
  end: number,
  out: Float64Array,
): void {
  const [n0, n1, n2, n3] = c.n;
  const [d1, d2, d3] = c.d;
  const [m1, m2, m3, m4] = c.m;
  const [bn1, bn2, bn3, bn4] = c.bn;
  const [bm1, bm2, bm3, bm4] = c.bm;
  const v = input[at];
  const x1 = input[at + step];
  const x2 = input[at + 2 * step];
  const x3 = input[at + 3 * step];
  let s0 = v * n0 + v * n1 + v * n2 + v * n3;
  s0 -= v * bn1 + v * bn2 + v * bn3 + v * bn4;
  let s1 = x1 * n0 + v * n1 + v * n2 + v * n3;
  s1 -= s0 * d1 + v * bn2 + v * bn3 + v * bn4;
  let s2 = x2 * n0 + x1 * n1 + v * n2 + v * n3;
  s2 -= s1 * d1 + s0 * d2 + v * bn3 + v * bn4;
  let s3 = x3 * n0 + x2 * n1 + x1 * n2 + v * n3;
  s3 -= s2 * d1 + s1 * d2 + s0 * d3 + v * bn4;
  const u = input[at + end * step];
  const y1 = input[at + (end - 1) * step];
  const y2 = input[at + (end - 2) * step];
  let a0 = u * m1 + u * m2 + u * m3 + u * m4;
  a0 -= u * bm1 + u * bm2 + u * bm3 + u * bm4;
  let a1 = u * m1 + u * m2 + u * m3 + u * m4;
  a1 -= a0 * d1 + u * bm2 + u * bm3 + u * bm4;
  let a2 = y1 * m1 + u * m2 + u * m3 + u * m4;
  a2 -= a1 * d1 + a0 * d2 + u * bm3 + u * bm4;
  let a3 = y2 * m1 + y1 * m2 + u * m3 + u * m4;
  a3 -= a2 * d1 + a1 * d2 + a0 * d3 + u * bm4;
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = a0;
  out[5] = a1;
  out[6] = a2;
  out[7] = a3;
}

/**
 * Filters `width` lines at once, each of `length` samples (≥ 4, as ITK requires), read from `input` at `from` and
 * written, samples `first` … `last` only and rounded to float32 as ITK stores its internal images, to `output` at
 * `to` (t counted from `first`). `causal` is scratch of at least length·width doubles, `anticausal` of 4·width (a
 * ring of its last four rows).
 * The recursions advance all lines together, so the inner loop runs over neighbouring memory on every axis.
 */
export function filterLines(
  c: RecursiveCoefficients,
  input: Float32Array | Float64Array,
  from: LineLayout,
  length: number,
  width: number,
  output: Float32Array,
  to: LineLayout,
  first: number,
  last: number,
  causal: Float64Array,
  anticausal: Float64Array,
): void {
  const [n0, n1, n2, n3] = c.n;
  const [d1, d2, d3, d4] = c.d;
  const [m1, m2, m3, m4] = c.m;
  const { base, step, wStride } = from;
  const end = length - 1;
  const starts = new Float64Array(8);
  for (let w = 0; w < width; w++) {
    startRecursions(c, input, base + w * wStride, step, end, starts);
    for (let k = 0; k < 4; k++) {
      causal[k * width + w] = starts[k];
      anticausal[((end - k) & 3) * width + w] = starts[4 + k];
    }
  }
  // Each recursion only runs as far as the kept samples: the causal one up to `last`, the anticausal one down to
  // `first` (the values kept are computed exactly as over the whole line).
  for (let t = 4; t <= last; t++) {
    const i0 = base + t * step;
    const o = t * width;
    for (let w = 0; w < width; w++) {
      const i = i0 + w * wStride;
      let s = input[i] * n0 + input[i - step] * n1 + input[i - 2 * step] * n2 + input[i - 3 * step] * n3;
      s -=
        causal[o - width + w] * d1 +
        causal[o - 2 * width + w] * d2 +
        causal[o - 3 * width + w] * d3 +
        causal[o - 4 * width + w] * d4;
      causal[o + w] = s;
    }
  }
  // The anticausal recursion keeps its last four rows in a ring (row r in slot r mod 4) and each value is added to
  // the causal one as soon as it is known; only [first, last] is written.
  const slot = (t: number) => (t & 3) * width;
  const write = (t: number) => {
    if (t < first || t > last) return;
    const o = t * width;
    const s = slot(t);
    const out = to.base + (t - first) * to.step;
    for (let w = 0; w < width; w++) output[out + w * to.wStride] = Math.fround(causal[o + w] + anticausal[s + w]);
  };
  for (let t = end; t > end - 4; t--) write(t);
  for (let t = length - 4; t > first; t--) {
    const i0 = base + t * step;
    const r1 = slot(t);
    const r2 = slot(t + 1);
    const r3 = slot(t + 2);
    const r4 = slot(t + 3);
    // Row t − 1 takes the slot of row t + 3, read last in this row's formula (same w).
    for (let w = 0; w < width; w++) {
      const i = i0 + w * wStride;
      let a = input[i] * m1 + input[i + step] * m2 + input[i + 2 * step] * m3 + input[i + 3 * step] * m4;
      a -= anticausal[r1 + w] * d1 + anticausal[r2 + w] * d2 + anticausal[r3 + w] * d3 + anticausal[r4 + w] * d4;
      anticausal[r4 + w] = a;
    }
    write(t - 1);
  }
}

/**
 * The same filter as `filterLines` for lines whose samples are adjacent in memory (step 1, along x): one line at a
 * time, the recursion's state and the last inputs held in locals, which is several times faster there than advancing
 * many lines together. Identical arithmetic, so identical results. `causal` is scratch of at least `length` doubles.
 */
export function filterContiguousLines(
  c: RecursiveCoefficients,
  input: Float32Array | Float64Array,
  from: LineLayout,
  length: number,
  width: number,
  output: Float32Array,
  to: LineLayout,
  first: number,
  last: number,
  causal: Float64Array,
): void {
  const [n0, n1, n2, n3] = c.n;
  const [d1, d2, d3, d4] = c.d;
  const [m1, m2, m3, m4] = c.m;
  const end = length - 1;
  const starts = new Float64Array(8);
  for (let w = 0; w < width; w++) {
    const at = from.base + w * from.wStride;
    startRecursions(c, input, at, 1, end, starts);
    let [s0, s1, s2, s3, a0, a1, a2, a3] = starts;
    causal[0] = s0;
    causal[1] = s1;
    causal[2] = s2;
    causal[3] = s3;
    // Causal recursion: (xm3, xm2, xm1) are inputs t−3 … t−1 and (s0 … s3) outputs t−4 … t−1.
    let xm1 = input[at + 3];
    let xm2 = input[at + 2];
    let xm3 = input[at + 1];
    for (let t = 4; t <= last; t++) {
      const x = input[at + t];
      let s = x * n0 + xm1 * n1 + xm2 * n2 + xm3 * n3;
      s -= s3 * d1 + s2 * d2 + s1 * d3 + s0 * d4;
      causal[t] = s;
      xm3 = xm2;
      xm2 = xm1;
      xm1 = x;
      s0 = s1;
      s1 = s2;
      s2 = s3;
      s3 = s;
    }
    // a0 … a3 are the anticausal values at end … end−3; write those that fall in [first, last].
    const out = to.base + w * to.wStride - first;
    const tail = [a0, a1, a2, a3];
    for (let k = 0; k < 4; k++) {
      const t = end - k;
      if (t >= first && t <= last) output[out + t] = Math.fround(causal[t] + tail[k]);
    }
    // Anticausal recursion: at step t it yields the value at t−1 from inputs t … t+3 and values t … t+3.
    let xp0 = input[at + end - 3];
    let xp1 = input[at + end - 2];
    let xp2 = input[at + end - 1];
    let xp3 = input[at + end];
    for (let t = length - 4; t > first; t--) {
      let a = xp0 * m1 + xp1 * m2 + xp2 * m3 + xp3 * m4;
      a -= a3 * d1 + a2 * d2 + a1 * d3 + a0 * d4;
      if (t - 1 <= last) output[out + t - 1] = Math.fround(causal[t - 1] + a);
      a0 = a1;
      a1 = a2;
      a2 = a3;
      a3 = a;
      xp3 = xp2;
      xp2 = xp1;
      xp1 = xp0;
      xp0 = input[at + t - 1];
    }
  }
}
