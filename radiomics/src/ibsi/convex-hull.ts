// Convex hull of a 3D point set for the IBSI convex-hull densities (reference manual §3.1.21–22), by incremental
// construction (a point outside the current hull replaces the faces it sees by a cone to their horizon; de Berg et
// al., "Computational Geometry", ch. 11). Points have integer coordinates small enough that every orientation
// determinant is exact in doubles, so visibility is decided exactly; points on a face's plane are not added (they do
// not change the hull's volume or area).

export interface Hull {
  /** Triangles as point indices, counter-clockwise seen from outside. */
  faces: [number, number, number][];
}

/** Sign of the volume of (a, b, c, d): > 0 when d lies on the side of abc its normal (b − a) × (c − a) points to. */
function orient(p: Int32Array, a: number, b: number, c: number, d: number): number {
  const [ax, ay, az] = [p[3 * a], p[3 * a + 1], p[3 * a + 2]];
  const [ux, uy, uz] = [p[3 * b] - ax, p[3 * b + 1] - ay, p[3 * b + 2] - az];
  const [vx, vy, vz] = [p[3 * c] - ax, p[3 * c + 1] - ay, p[3 * c + 2] - az];
  const [wx, wy, wz] = [p[3 * d] - ax, p[3 * d + 1] - ay, p[3 * d + 2] - az];
  return wx * (uy * vz - uz * vy) + wy * (uz * vx - ux * vz) + wz * (ux * vy - uy * vx);
}

/** The hull of `points` (3 integer coordinates each); null when they are coplanar. */
export function convexHull(points: Int32Array): Hull | null {
  const count = points.length / 3;
  const start = initialTetrahedron(points, count);
  if (!start) return null;
  const [a, b, c, d] = start;
  // Orient the first faces outward (away from the fourth point).
  const faces: [number, number, number][] = [];
  const add = (x: number, y: number, z: number, inside: number) =>
    faces.push(orient(points, x, y, z, inside) < 0 ? [x, y, z] : [x, z, y]);
  add(a, b, c, d);
  add(a, b, d, c);
  add(a, c, d, b);
  add(b, c, d, a);
  for (let p = 0; p < count; p++) {
    if (p === a || p === b || p === c || p === d) continue;
    const visible = faces.map((f) => orient(points, f[0], f[1], f[2], p) > 0);
    if (!visible.some(Boolean)) continue;
    // Horizon: edges of visible faces whose reverse edge belongs to a hidden face.
    const hiddenEdges = new Set<string>();
    faces.forEach((f, k) => {
      if (!visible[k]) for (let e = 0; e < 3; e++) hiddenEdges.add(`${f[e]},${f[(e + 1) % 3]}`);
    });
    const cone: [number, number, number][] = [];
    faces.forEach((f, k) => {
      if (!visible[k]) return;
      for (let e = 0; e < 3; e++) {
        const [u, v] = [f[e], f[(e + 1) % 3]];
        if (hiddenEdges.has(`${v},${u}`)) cone.push([u, v, p]);
      }
    });
    const kept = faces.filter((_, k) => !visible[k]);
    faces.length = 0;
    faces.push(...kept, ...cone);
  }
  return { faces };
}

function initialTetrahedron(p: Int32Array, count: number): [number, number, number, number] | null {
  const a = 0;
  let b = -1;
  for (let k = 1; k < count && b < 0; k++)
    if (p[3 * k] !== p[0] || p[3 * k + 1] !== p[1] || p[3 * k + 2] !== p[2]) b = k;
  if (b < 0) return null;
  let c = -1;
  for (let k = 1; k < count && c < 0; k++) {
    const [ux, uy, uz] = [p[3 * b] - p[0], p[3 * b + 1] - p[1], p[3 * b + 2] - p[2]];
    const [vx, vy, vz] = [p[3 * k] - p[0], p[3 * k + 1] - p[1], p[3 * k + 2] - p[2]];
    if (uy * vz - uz * vy !== 0 || uz * vx - ux * vz !== 0 || ux * vy - uy * vx !== 0) c = k;
  }
  if (c < 0) return null;
  for (let d = 1; d < count; d++) if (orient(p, a, b, c, d) !== 0) return [a, b, c, d];
  return null;
}

/** Volume and area of a hull whose points are scaled per axis by `scale` (e.g. mm per integer unit). */
export function hullVolumeArea(
  points: Int32Array,
  hull: Hull,
  scale: readonly number[],
): { volume: number; area: number } {
  let volume = 0;
  let area = 0;
  const at = (i: number) => [0, 1, 2].map((k) => points[3 * i + k] * scale[k]);
  for (const [i, j, k] of hull.faces) {
    const [a, b, c] = [at(i), at(j), at(k)];
    const cross = [
      (b[1] - a[1]) * (c[2] - a[2]) - (b[2] - a[2]) * (c[1] - a[1]),
      (b[2] - a[2]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[2] - a[2]),
      (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]),
    ];
    area += Math.hypot(cross[0], cross[1], cross[2]) / 2;
    volume += (a[0] * cross[0] + a[1] * cross[1] + a[2] * cross[2]) / 6;
  }
  return { volume: Math.abs(volume), area };
}
