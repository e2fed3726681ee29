// Deterministic randomness. Every draw comes from a generator seeded by (study seed, stream name), so
// adding a draw to one stream (say, the anatomy) never shifts the values of another (the tumour).

const { PI, cos, exp, floor, imul, log, max, min, sin, sqrt } = Math;

/** MurmurHash3's 32-bit finaliser (Appleby, 2008): every input bit flips about half the output bits. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a string to 32 bits (FNV-1a, then the finaliser above to spread FNV's weak low bits). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A 32-bit seed for one named stream of one study seed. */
export function streamSeed(seed: number, stream: string): number {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const low = seed >>> 0;
  const high = floor(seed / 4294967296) >>> 0;
  return mix32(hashString(stream) ^ mix32(low ^ mix32(high + 0x9e3779b9)));
}

/**
 * Seeded uniform generator: sfc32, Chris Doty-Humphrey's "small fast counting" generator (PractRand suite),
 * four 32-bit words of state with a counter so no seed falls into a short cycle.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number, stream: string) {
    const s = streamSeed(seed, stream);
    this.a = s;
    this.b = mix32(s ^ 0x6a09e667);
    this.c = mix32(s ^ 0xbb67ae85);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  integer(low: number, high: number): number {
    return low + floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Standard normal by the Box–Muller transform. */
  gaussian(): number {
    const u = 1 - this.next();
    const v = this.next();
    return sqrt(-2 * log(u)) * cos(2 * PI * v);
  }

  normal(mean: number, sd: number): number {
    return mean + sd * this.gaussian();
  }

  /** Normal restricted to [low, high] by rejection (the bounds in this package sit within ±3 SD). */
  truncatedNormal(mean: number, sd: number, low: number, high: number): number {
    for (let i = 0; i < 64; i++) {
      const x = this.normal(mean, sd);
      if (x >= low && x <= high) return x;
    }
    return min(high, max(low, mean));
  }

  /** Log-normal with the given arithmetic mean and SD (as papers report them), truncated to [low, high]. */
  logNormal(mean: number, sd: number, low: number, high: number): number {
    const sigma2 = log(1 + (sd * sd) / (mean * mean));
    const mu = log(mean) - sigma2 / 2;
    for (let i = 0; i < 64; i++) {
      const x = exp(mu + sqrt(sigma2) * this.gaussian());
      if (x >= low && x <= high) return x;
    }
    return min(high, max(low, mean));
  }

  /** One key drawn with the given probabilities (they need not sum to exactly 1). */
  pick<K extends string>(weights: Record<K, number>): K {
    const keys = Object.keys(weights) as K[];
    const total = keys.reduce((sum, k) => sum + weights[k], 0);
    let x = this.next() * total;
    for (const k of keys) {
      x -= weights[k];
      if (x < 0) return k;
    }
    return keys[keys.length - 1];
  }

  /** A uniformly random unit vector. */
  direction(): [number, number, number] {
    const z = this.uniform(-1, 1);
    const phi = this.uniform(0, 2 * PI);
    const r = sqrt(1 - z * z);
    return [r * cos(phi), r * sin(phi), z];
  }
}
