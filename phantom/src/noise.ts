// Procedural noise evaluated from position alone (no tables, no state). Because every value is a pure
// function of (seed, position), a cropped or compact phantom holds exactly the voxels of the full one.
import { mix32 } from './random';

const { PI, cos, floor, imul, log, sqrt } = Math;

/** Hash of a lattice point: multiply each coordinate by a large odd constant (Teschner et al. 2003), then mix. */
function latticeHash(seed: number, ix: number, iy: number, iz: number): number {
  return mix32(imul(ix, 0x8da6b343) ^ imul(iy, 0xd8163841) ^ imul(iz, 0xcb1ab31f) ^ seed);
}

/**
 * Dot product of a lattice gradient with the offset (fx, fy, fz). The gradient is one of the 12 cube-edge
 * directions of Perlin's improved noise (SIGGRAPH 2002), picked by the low 4 bits of the hash.
 */
function corner(seed: number, ix: number, iy: number, iz: number, fx: number, fy: number, fz: number): number {
  const h = latticeHash(seed, ix, iy, iz) & 15;
  const u = h < 8 ? fx : fy;
  const v = h < 4 ? fy : h === 12 || h === 14 ? fx : fz;
  return (h & 1 ? -u : u) + (h & 2 ? -v : v);
}

/** Quintic fade 6t^5 - 15t^4 + 10t^3: continuous second derivative, so no grid creases. */
function fade(t: number): number {
  return t * t * t * (t * (t * 6 - 15) + 10);
}

/** Gradient noise (Perlin 2002) at a point in lattice units; roughly in [-1, 1], zero at lattice points. */
export function gradientNoise(seed: number, x: number, y: number, z: number): number {
  const ix = floor(x);
  const iy = floor(y);
  const iz = floor(z);
  const fx = x - ix;
  const fy = y - iy;
  const fz = z - iz;
  const u = fade(fx);
  const v = fade(fy);
  const w = fade(fz);
  const c000 = corner(seed, ix, iy, iz, fx, fy, fz);
  const c100 = corner(seed, ix + 1, iy, iz, fx - 1, fy, fz);
  const c010 = corner(seed, ix, iy + 1, iz, fx, fy - 1, fz);
  const c110 = corner(seed, ix + 1, iy + 1, iz, fx - 1, fy - 1, fz);
  const c001 = corner(seed, ix, iy, iz + 1, fx, fy, fz - 1);
  const c101 = corner(seed, ix + 1, iy, iz + 1, fx - 1, fy, fz - 1);
  const c011 = corner(seed, ix, iy + 1, iz + 1, fx, fy - 1, fz - 1);
  const c111 = corner(seed, ix + 1, iy + 1, iz + 1, fx - 1, fy - 1, fz - 1);
  const x00 = c000 + u * (c100 - c000);
  const x10 = c010 + u * (c110 - c010);
  const x01 = c001 + u * (c101 - c001);
  const x11 = c011 + u * (c111 - c011);
  const y0 = x00 + v * (x10 - x00);
  const y1 = x01 + v * (x11 - x01);
  return y0 + w * (y1 - y0);
}

/**
 * Fractal Brownian motion: octaves of gradient noise, each at twice the frequency and half the amplitude
 * of the last, normalised so the result stays roughly within [-1, 1]. Gives tissue its multi-scale texture.
 */
export function fractalNoise(seed: number, x: number, y: number, z: number, octaves: number): number {
  let sum = 0;
  let amplitude = 1;
  let norm = 0;
  let f = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amplitude * gradientNoise(seed + o * 1013, x * f, y * f, z * f);
    norm += amplitude;
    amplitude *= 0.5;
    f *= 2.03;
  }
  return (sum / norm) * 1.6;
}

/** A standard normal deviate tied to (seed, voxel key): white noise that a crop reproduces exactly. */
export function gaussianAt(seed: number, key: number): number {
  const h1 = mix32(seed ^ mix32(key));
  const h2 = mix32(h1 ^ 0x68e31da4);
  const u = (h1 + 1) / 4294967297;
  const v = h2 / 4294967296;
  return sqrt(-2 * log(u)) * cos(2 * PI * v);
}
