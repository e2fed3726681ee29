// Neighbour offsets shared by the texture matrices (PyRadiomics' C helper build_angles), as (dz, dy, dx).
// Offsets of Chebyshev length d ∈ distances are enumerated from +max(d) down to −max(d), x fastest; an offset is
// dropped if it moves along the force2D axis or is at least as long as the crop along some axis. One-directional
// sets keep the first half of the list (the mirror images form the second half).

export type Offset = [number, number, number];

export interface AngleOptions {
  /** Crop size as (nz, ny, nx). */
  size: [number, number, number];
  distances: readonly number[];
  /** Axis (0 = z, 1 = y, 2 = x) the offsets may not move along, or -1. */
  excludedAxis: number;
  bidirectional: boolean;
}

export function generateAngles({ size, distances, excludedAxis, bidirectional }: AngleOptions): Offset[] {
  const maxDistance = Math.max(...distances);
  const n = 2 * maxDistance + 1;
  const angles: Offset[] = [];
  for (let index = 0; index < n * n * n; index++) {
    const offset: Offset = [
      maxDistance - (Math.floor(index / (n * n)) % n),
      maxDistance - (Math.floor(index / n) % n),
      maxDistance - (index % n),
    ];
    let length = 0;
    let valid = true;
    for (let axis = 0; axis < 3; axis++) {
      const o = offset[axis];
      if ((axis === excludedAxis && o !== 0) || o >= size[axis] || o <= -size[axis]) {
        valid = false;
        break;
      }
      length = Math.max(length, Math.abs(o));
    }
    if (valid && length > 0 && distances.includes(length)) angles.push(offset);
  }
  return bidirectional ? angles : angles.slice(0, angles.length / 2);
}
