// Complex fast Fourier transforms in place on split real/imaginary arrays: the iterative radix-2 Cooley–Tukey
// algorithm (bit-reversal permutation, then butterflies; Cormen et al., "Introduction to Algorithms", §30.3), and its
// separable 3-D form along x, then y, then z. Lengths are powers of two.

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

const tables = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos and sin of 2πk/n for k < n/2, each from its own angle (one rounding, not accumulated products). */
function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let table = tables.get(n);
  if (!table) {
    const half = Math.max(1, n / 2);
    table = { cos: new Float64Array(half), sin: new Float64Array(half) };
    for (let k = 0; k < half; k++) {
      table.cos[k] = Math.cos((2 * Math.PI * k) / n);
      table.sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    tables.set(n, table);
  }
  return table;
}

/**
 * Transforms the n samples re[base + k·stride], im[…] (k < n) in place: X_j = Σ_k x_k·e^{∓2πijk/n}, the minus sign
 * forward; the inverse is divided by n.
 */
export function fft1(
  re: Float64Array,
  im: Float64Array,
  base: number,
  stride: number,
  n: number,
  inverse: boolean,
): void {
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const [a, b] = [base + i * stride, base + j * stride];
      [re[a], re[b]] = [re[b], re[a]];
      [im[a], im[b]] = [im[b], im[a]];
    }
  }
  const { cos, sin } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = n / size;
    for (let k = 0; k < half; k++) {
      const wr = cos[k * step];
      const wi = sign * sin[k * step];
      for (let start = 0; start < n; start += size) {
        const a = base + (start + k) * stride;
        const b = a + half * stride;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
  if (inverse) {
    for (let k = 0; k < n; k++) {
      re[base + k * stride] /= n;
      im[base + k * stride] /= n;
    }
  }
}

/**
 * The 3-D transform of a field of `size` (x fastest, every side a power of two), in place. Lines along y and z are
 * copied into a contiguous buffer first: strided butterflies would miss the cache on every access.
 */
export function fft3(
  re: Float64Array,
  im: Float64Array,
  size: readonly [number, number, number],
  inverse: boolean,
): void {
  const [nx, ny, nz] = size;
  if (![nx, ny, nz].every(isPowerOfTwo)) throw new Error(`fft3: sizes must be powers of two, got ${size.join(' x ')}`);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) fft1(re, im, nx * (y + ny * z), 1, nx, inverse);
  const lineRe = new Float64Array(Math.max(ny, nz));
  const lineIm = new Float64Array(Math.max(ny, nz));
  const alongLine = (base: number, stride: number, n: number) => {
    for (let k = 0; k < n; k++) {
      lineRe[k] = re[base + k * stride];
      lineIm[k] = im[base + k * stride];
    }
    fft1(lineRe, lineIm, 0, 1, n, inverse);
    for (let k = 0; k < n; k++) {
      re[base + k * stride] = lineRe[k];
      im[base + k * stride] = lineIm[k];
    }
  };
  for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) alongLine(x + nx * ny * z, nx, ny);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) alongLine(x + nx * y, nx * ny, nz);
}
