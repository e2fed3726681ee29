// Shapes as implicit functions g(p): negative inside, positive outside, roughly millimetres from the surface.
// Tissue fractions come from the distance to a surface over a voxel's width, which gives the smooth
// partial-volume edges of a real acquisition instead of stair steps.

const { abs, max, min, sqrt } = Math;

/** Hermite smoothstep: 0 below edge0, 1 above edge1, smooth in between. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = min(1, max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** Fraction of a voxel of width `width` inside a surface at signed distance `distance` (box filter). */
export function insideFraction(distance: number, width: number): number {
  const f = 0.5 - distance / width;
  return f <= 0 ? 0 : f >= 1 ? 1 : f;
}

/**
 * Polynomial smooth minimum (Quilez, "smooth minimum", 2013): unions two shapes with a fillet of radius ~k,
 * as the breast blends into the chest wall at the inframammary fold.
 */
export function smoothMin(a: number, b: number, k: number): number {
  const h = max(k - abs(a - b), 0) / k;
  return min(a, b) - (h * h * k) / 4;
}

export type Implicit = (x: number, y: number, z: number) => number;

/**
 * Signed distance from an implicit function that is only roughly metric: within `band` mm of the surface the
 * value is divided by the length of its numerical gradient (first-order distance); far away it is returned
 * as is, which is enough to decide "fully inside" or "fully outside".
 */
export function signedDistance(g: Implicit, x: number, y: number, z: number, band: number): number {
  const v = g(x, y, z);
  if (v > band || v < -band) return v;
  const h = 0.25;
  const gx = g(x + h, y, z) - g(x - h, y, z);
  const gy = g(x, y + h, z) - g(x, y - h, z);
  const gz = g(x, y, z + h) - g(x, y, z - h);
  const norm = sqrt(gx * gx + gy * gy + gz * gz) / (2 * h);
  return norm > 1e-6 ? v / norm : v;
}

/** Distance from (x, y, z) to the segment a–b, and where along it (0..1) the nearest point lies. */
export function segmentDistance(
  x: number,
  y: number,
  z: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): { distance: number; along: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const dz = bz - az;
  const len2 = dx * dx + dy * dy + dz * dz;
  let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy + (z - az) * dz) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const px = ax + t * dx - x;
  const py = ay + t * dy - y;
  const pz = az + t * dz - z;
  return { distance: sqrt(px * px + py * py + pz * pz), along: t };
}
