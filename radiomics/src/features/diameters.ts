// Maximum diameters of a mesh's vertex set, exact yet far below PyRadiomics' O(n²) pair search. The farthest pair of
// a point set are extreme points of its convex hull; within one plane that is the plane's 2D hull, and a 3D extreme
// point is an extreme point of the 2D hull of every axis-aligned plane through it. So the 2D diameters only compare
// each plane's hull vertices, and the 3D diameter only the points that are hull vertices in all three of their planes.
// Hulls are built on the integer (doubled-index) coordinates, so hull membership is exact; distances are then taken in
// mm exactly as PyRadiomics computes them.

export interface Diameters {
  /** Largest distance over all vertex pairs, and over pairs sharing z (slice), y (column) or x (row). */
  max3D: number;
  slice: number;
  column: number;
  row: number;
}

/** `vertices` holds doubled grid coordinates (z, y, x) per vertex; the physical coordinate is v/2 × spacing. */
export function meshDiameters(vertices: Int32Array, spacing: readonly [number, number, number]): Diameters {
  const count = vertices.length / 3;
  const physical = new Float64Array(vertices.length);
  for (let k = 0; k < vertices.length; k++) physical[k] = (vertices[k] / 2) * spacing[k % 3];
  const hullMemberships = new Uint8Array(count);
  const planeMax = [0, 0, 0];
  for (let axis = 0; axis < 3; axis++) {
    const [u, v] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
    for (const hull of planeHulls(vertices, axis, u, v)) {
      for (const p of hull) hullMemberships[p]++;
      planeMax[axis] = Math.max(planeMax[axis], farthestSquared(hull, physical));
    }
  }
  const candidates: number[] = [];
  for (let p = 0; p < count; p++) if (hullMemberships[p] === 3) candidates.push(p);
  return {
    max3D: Math.sqrt(farthestSquared(candidates, physical)),
    slice: Math.sqrt(planeMax[0]),
    column: Math.sqrt(planeMax[1]),
    row: Math.sqrt(planeMax[2]),
  };
}

/** Largest squared distance between two of the given points (brute force over a small set). */
export function farthestSquared(points: readonly number[], xyz: Float64Array): number {
  let best = 0;
  for (let m = 0; m < points.length; m++) {
    const a = 3 * points[m];
    const a0 = xyz[a];
    const a1 = xyz[a + 1];
    const a2 = xyz[a + 2];
    for (let n = m + 1; n < points.length; n++) {
      const b = 3 * points[n];
      const d0 = a0 - xyz[b];
      const d1 = a1 - xyz[b + 1];
      const d2 = a2 - xyz[b + 2];
      const d = d0 * d0 + d1 * d1 + d2 * d2;
      if (d > best) best = d;
    }
  }
  return best;
}

/**
 * The hull vertices of every plane perpendicular to `axis`, the plane's points taken in coordinates (u, v). Only the
 * lowest and highest v of each u line can be extreme, so those are collected per line (already sorted by u, then v)
 * and handed to the monotone chain.
 */
function planeHulls(vertices: Int32Array, axis: number, u: number, v: number): number[][] {
  const count = vertices.length / 3;
  let planes = 0;
  let lines = 0;
  for (let p = 0; p < count; p++) {
    planes = Math.max(planes, vertices[3 * p + axis] + 1);
    lines = Math.max(lines, vertices[3 * p + u] + 1);
  }
  const low = new Int32Array(planes * lines).fill(-1);
  const high = new Int32Array(planes * lines).fill(-1);
  for (let p = 0; p < count; p++) {
    const cell = vertices[3 * p + axis] * lines + vertices[3 * p + u];
    const value = vertices[3 * p + v];
    if (low[cell] < 0 || value < vertices[3 * low[cell] + v]) low[cell] = p;
    if (high[cell] < 0 || value > vertices[3 * high[cell] + v]) high[cell] = p;
  }
  const hulls: number[][] = [];
  for (let plane = 0; plane < planes; plane++) {
    const sorted: number[] = [];
    for (let line = 0; line < lines; line++) {
      const cell = plane * lines + line;
      if (low[cell] < 0) continue;
      sorted.push(low[cell]);
      if (high[cell] !== low[cell]) sorted.push(high[cell]);
    }
    if (sorted.length > 0) hulls.push(convexHull(sorted, vertices, u, v));
  }
  return hulls;
}

/** Strict vertices of the 2D convex hull (Andrew's monotone chain) of points already sorted by (u, v). */
export function convexHull(sorted: number[], coords: Int32Array, u: number, v: number): number[] {
  if (sorted.length < 3) return sorted;
  const cross = (o: number, a: number, b: number): number =>
    (coords[3 * a + u] - coords[3 * o + u]) * (coords[3 * b + v] - coords[3 * o + v]) -
    (coords[3 * a + v] - coords[3 * o + v]) * (coords[3 * b + u] - coords[3 * o + u]);
  const lower: number[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: number[] = [];
  for (let k = sorted.length - 1; k >= 0; k--) {
    const p = sorted[k];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
