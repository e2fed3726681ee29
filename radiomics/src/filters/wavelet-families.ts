// Orthogonal wavelet low-pass filters computed from their definitions (I. Daubechies, "Ten Lectures on Wavelets",
// SIAM 1992, §6.1 and §8.1), instead of tabulated:
//
// A filter with N vanishing moments has H(z) = √2·((1 + z)/2)^N·Q(z), where |Q(e^{iω})|² = P(sin²(ω/2)) and
// P(y) = Σ_{k<N} C(N−1+k, k)·y^k. Each root y of P gives, through z + 1/z = 2 − 4y, a pair of roots z and 1/z of
// Q(z)·Q(1/z); Q takes one root of every pair (conjugate roots together, so the filter is real). Daubechies' dbN takes
// the roots inside the unit circle (minimum phase); the symlet symN takes the choice whose phase is closest to linear
// (least squares over the frequency band, slope and offset free), for N ≥ 4 (sym2 and sym3 are db2 and db3, as
// Daubechies and PyWavelets have them), turned so that its energy centroid lies at or after the filter's middle. Roots
// of P are found by the Aberth–Ehrlich
// iteration in double precision, which limits the order: against PyWavelets 1.1.1's tables the coefficients agree
// within 2e-15 up to db9, 1e-12 up to db19 and 7e-12 for db20 (measured), and drift beyond (3e-7 at db38), so dbN
// stops at 20. For the symlets this rule reproduces PyWavelets' sym2–sym6, sym8, sym9 and sym13 (within 4e-12); its
// other symlet tables follow root choices the rule does not single out, so only those are offered.
//
// Coiflets (§8.2) have no closed construction: coifK (length 6K, taps n = −2K … 4K−1) is a root of the conditions
// orthonormality Σ h_n·h_{n+2m} = δ_m, Σ h_n = √2, 2K vanishing wavelet moments Σ (−1)^n·n^l·h_n = 0 and 2K − 1
// vanishing scaling moments Σ n^l·h_n = 0 (l ≥ 1), which has several solutions. Gauss–Newton started from the ideal
// half-band filter under a Gaussian window (coiflets approximate it) reaches PyWavelets' coif1–coif3 (within 2e-16,
// 5e-15 and 1e-12, measured); from coif4 on it reaches other solutions, so only those three are offered.
//
// Filters are returned as PyWavelets' reconstruction low-pass rec_lo (the decomposition filter dec_lo reversed).

type Complex = [number, number];

const add = (a: Complex, b: Complex): Complex => [a[0] + b[0], a[1] + b[1]];
const sub = (a: Complex, b: Complex): Complex => [a[0] - b[0], a[1] - b[1]];
const mul = (a: Complex, b: Complex): Complex => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const div = (a: Complex, b: Complex): Complex => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const modulus = (a: Complex): number => Math.hypot(a[0], a[1]);
const conjugate = (a: Complex): Complex => [a[0], -a[1]];

function squareRoot(a: Complex): Complex {
  const r = modulus(a);
  return [Math.sqrt((r + a[0]) / 2), (a[1] < 0 ? -1 : 1) * Math.sqrt(Math.max(0, (r - a[0]) / 2))];
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** All roots of Σ c_k·y^k (c ascending, c[n] ≠ 0), by the Aberth–Ehrlich simultaneous iteration. */
export function polynomialRoots(c: readonly number[]): Complex[] {
  const n = c.length - 1;
  const value = (z: Complex): [Complex, Complex] => {
    let p: Complex = [c[n], 0];
    let d: Complex = [0, 0];
    for (let k = n - 1; k >= 0; k--) {
      d = add(mul(d, z), p);
      p = add(mul(p, z), [c[k], 0]);
    }
    return [p, d];
  };
  // Start on a circle of the roots' geometric mean radius, off the real axis (the roots come in conjugate pairs).
  const radius = Math.pow(Math.abs(c[0] / c[n]), 1 / n);
  let z: Complex[] = Array.from({ length: n }, (_, k) => [
    radius * Math.cos((2 * Math.PI * k) / n + 0.4),
    radius * Math.sin((2 * Math.PI * k) / n + 0.4),
  ]);
  for (let iteration = 0; iteration < 500; iteration++) {
    let moved = 0;
    z = z.map((zk, k) => {
      const [p, d] = value(zk);
      const newton = div(p, d);
      let repulsion: Complex = [0, 0];
      for (let j = 0; j < n; j++) if (j !== k) repulsion = add(repulsion, div([1, 0], sub(zk, z[j])));
      const step = div(newton, sub([1, 0], mul(newton, repulsion)));
      moved = Math.max(moved, modulus(step) / (modulus(zk) || 1));
      return sub(zk, step);
    });
    if (moved < 1e-17) break;
  }
  return z;
}

/** Coefficients (ascending powers) of the real polynomial with the given roots, scaled to sum √2. */
function filterFromRoots(roots: Complex[]): number[] {
  let p: Complex[] = [[1, 0]];
  for (const r of roots) {
    const next: Complex[] = Array.from({ length: p.length + 1 }, () => [0, 0]);
    p.forEach((a, i) => {
      next[i + 1] = add(next[i + 1], a);
      next[i] = sub(next[i], mul(a, r));
    });
    p = next;
  }
  const real = p.map((v) => v[0]);
  const sum = real.reduce((a, b) => a + b, 0);
  return real.map((v) => (v * Math.SQRT2) / sum);
}

/**
 * The choices Q can make: per real root of P, the root z or 1/z; per conjugate pair of roots of P, {z, z̄} or
 * {1/z, 1/z̄}. Each choice lists [inside, outside] the unit circle.
 */
function rootChoices(n: number): Complex[][][] {
  if (n === 1) return [];
  const ys = polynomialRoots(Array.from({ length: n }, (_, k) => binomial(n - 1 + k, k)));
  const pairs = ys.map((y): [Complex, Complex] => {
    const a: Complex = [1 - 2 * y[0], -2 * y[1]];
    const s = squareRoot(sub(mul(a, a), [1, 0]));
    const [u, v] = [add(a, s), sub(a, s)];
    return modulus(u) <= modulus(v) ? [u, v] : [v, u];
  });
  const choices: Complex[][][] = [];
  const taken = new Set<number>();
  pairs.forEach(([inside, outside], i) => {
    if (taken.has(i)) return;
    taken.add(i);
    if (Math.abs(ys[i][1]) <= 1e-9 * (1 + Math.abs(ys[i][0]))) {
      choices.push([[inside], [outside]]);
      return;
    }
    // The conjugate root of P (the nearest to ȳ among those left) follows the same choice.
    let mate = -1;
    for (let j = 0; j < pairs.length; j++) {
      if (
        !taken.has(j) &&
        (mate < 0 || modulus(sub(ys[j], conjugate(ys[i]))) < modulus(sub(ys[mate], conjugate(ys[i]))))
      )
        mate = j;
    }
    taken.add(mate);
    choices.push([
      [inside, conjugate(inside)],
      [outside, conjugate(outside)],
    ]);
  });
  return choices;
}

const atMinusOne = (n: number): Complex[] => Array.from({ length: n }, () => [-1, 0]);

/** Daubechies' extremal-phase filter dbN (rec_lo), N vanishing moments, length 2N. */
export function daubechies(n: number): number[] {
  // Roots of the polynomial in z inside the unit circle: its coefficients, highest power first, are minimum phase.
  return filterFromRoots([...rootChoices(n).flatMap((choice) => choice[0]), ...atMinusOne(n)]).reverse();
}

/** The least-asymmetric (symlet) filter symN (rec_lo), N vanishing moments, length 2N. */
export function symlet(n: number): number[] {
  if (n <= 3) return daubechies(n);
  const choices = rootChoices(n);
  let best: number[] = [];
  let bestScore = Infinity;
  for (let mask = 0; mask < 1 << choices.length; mask++) {
    const h = filterFromRoots([...choices.flatMap((choice, k) => choice[(mask >> k) & 1]), ...atMinusOne(n)]);
    // A filter and its reverse score the same; either may come first.
    const score = phaseNonlinearity(h);
    if (score < bestScore * (1 - 1e-9)) {
      bestScore = score;
      best = h;
    }
  }
  const energy = best.reduce((a, v) => a + v * v, 0);
  const centroid = best.reduce((a, v, k) => a + k * v * v, 0) / energy;
  return centroid >= (best.length - 1) / 2 ? best : best.reverse();
}

/** Squared residual of the unwrapped phase of H(e^{−iω}) from its least-squares line, over 200 points of (0, π). */
function phaseNonlinearity(h: readonly number[]): number {
  const m = 200;
  const phase: number[] = [];
  for (let s = 0; s < m; s++) {
    const w = (Math.PI * (s + 0.5)) / m;
    let re = 0;
    let im = 0;
    h.forEach((v, k) => {
      re += v * Math.cos(k * w);
      im -= v * Math.sin(k * w);
    });
    let a = Math.atan2(im, re);
    if (s > 0) {
      while (a - phase[s - 1] > Math.PI) a -= 2 * Math.PI;
      while (a - phase[s - 1] < -Math.PI) a += 2 * Math.PI;
    }
    phase.push(a);
  }
  const meanX = (m - 1) / 2;
  const meanY = phase.reduce((a, b) => a + b, 0) / m;
  let sxy = 0;
  let sxx = 0;
  phase.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxy / sxx;
  return phase.reduce((r, y, x) => r + (y - meanY - slope * (x - meanX)) ** 2, 0);
}

/** The coiflet coifK (rec_lo), K = 1 … 3. */
export function coiflet(k: number): number[] {
  if (!(Number.isInteger(k) && k >= 1 && k <= 3)) throw new Error(`coiflet: order ${k} is not available (1 to 3)`);
  const length = 6 * k;
  const first = -2 * k;
  let h = Array.from({ length }, (_, i) => {
    const n = i + first;
    const halfBand = n === 0 ? Math.SQRT2 / 2 : (Math.SQRT2 * Math.sin((Math.PI * n) / 2)) / (Math.PI * n);
    return halfBand * Math.exp(-((n / (1.2 * k)) ** 2));
  });
  // Moments use n/(2K + 1), which keeps the powers near 1.
  const scaled = (i: number) => (i + first) / (2 * k + 1);
  for (let iteration = 0; iteration < 100; iteration++) {
    const rows: { value: number; gradient: number[] }[] = [];
    for (let m = 0; m < 3 * k; m++) {
      const gradient = new Array<number>(length).fill(0);
      let value = m === 0 ? -1 : 0;
      for (let i = 0; i + 2 * m < length; i++) {
        value += h[i] * h[i + 2 * m];
        gradient[i] += h[i + 2 * m];
        gradient[i + 2 * m] += h[i];
      }
      rows.push({ value, gradient });
    }
    rows.push({ value: h.reduce((a, b) => a + b, 0) - Math.SQRT2, gradient: new Array<number>(length).fill(1) });
    for (let l = 0; l < 2 * k; l++) {
      const gradient = h.map((_, i) => (i % 2 === 0 ? 1 : -1) * scaled(i) ** l);
      rows.push({ value: gradient.reduce((a, g, i) => a + g * h[i], 0), gradient });
    }
    for (let l = 1; l < 2 * k; l++) {
      const gradient = h.map((_, i) => scaled(i) ** l);
      rows.push({ value: gradient.reduce((a, g, i) => a + g * h[i], 0), gradient });
    }
    const residual = Math.hypot(...rows.map((r) => r.value));
    if (residual < 1e-15) break;
    // Least-squares step: (JᵀJ) d = −Jᵀr.
    const normal = h.map((_, i) => h.map((__, j) => rows.reduce((s, r) => s + r.gradient[i] * r.gradient[j], 0)));
    const rhs = h.map((_, i) => -rows.reduce((s, r) => s + r.gradient[i] * r.value, 0));
    const step = solveLinear(normal, rhs);
    h = h.map((v, i) => v + step[i]);
  }
  return h;
}

/** Gaussian elimination with partial pivoting (small dense systems). */
function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i][c]) > Math.abs(m[p][c])) p = i;
    [m[c], m[p]] = [m[p], m[c]];
    for (let i = c + 1; i < n; i++) {
      const f = m[i][c] / m[c][c];
      for (let j = c; j <= n; j++) m[i][j] -= f * m[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n];
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j];
    x[i] = s / m[i][i];
  }
  return x;
}
