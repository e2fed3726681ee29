// Marching squares on a binary slice as PyRadiomics builds its 2D shape contour: segments between edge midpoints,
// coordinates = (row, column) indices of the zero-padded slice times the pixel spacing.

/** Square corners as (row, column) offsets, and edge midpoints (0 top, 1 right, 2 bottom, 3 left). */
const EDGES: readonly [number, number][] = [
  [0, 0.5],
  [0.5, 1],
  [1, 0.5],
  [0.5, 0],
];

/** Segments (pairs of edges) per case; bit k of the case is corner k: (0,0), (0,1), (1,1), (1,0). */
const SEGMENTS: readonly (readonly number[])[] = [
  [],
  [3, 0],
  [0, 1],
  [3, 1],
  [1, 2],
  [1, 2, 3, 0],
  [0, 2],
  [3, 2],
  [2, 3],
  [2, 0],
  [0, 1, 2, 3],
  [2, 1],
  [1, 3],
  [1, 0],
  [0, 3],
  [],
];

export interface Contour {
  /** ½ Σ (a × b) over segments: the enclosed area. */
  area: number;
  perimeter: number;
  /** Unique vertices as doubled (row, column) coordinates, 2 per vertex. */
  vertices: Int32Array;
}

/** Scans a zero-padded slice of `rows` × `columns` pixels (column fastest) with spacing (row, column). */
export function marchingSquares(mask: Uint8Array, rows: number, columns: number, spacing: [number, number]): Contour {
  let area = 0;
  let perimeter = 0;
  const vertices: number[] = [];
  for (let iy = 0; iy < rows - 1; iy++) {
    for (let ix = 0; ix < columns - 1; ix++) {
      const base = iy * columns + ix;
      let square =
        (mask[base] ? 1 : 0) |
        (mask[base + 1] ? 2 : 0) |
        (mask[base + columns + 1] ? 4 : 0) |
        (mask[base + columns] ? 8 : 0);
      if (square === 0 || square === 15) continue;
      const segments = SEGMENTS[square];
      for (let t = 0; t < segments.length; t += 2) {
        const a0 = (iy + EDGES[segments[t]][0]) * spacing[0];
        const a1 = (ix + EDGES[segments[t]][1]) * spacing[1];
        const b0 = (iy + EDGES[segments[t + 1]][0]) * spacing[0];
        const b1 = (ix + EDGES[segments[t + 1]][1]) * spacing[1];
        area += a0 * b1 - b0 * a1;
        perimeter += Math.sqrt((a0 - b0) ** 2 + (a1 - b1) ** 2);
      }
      // Each square owns the vertices on the edges leaving corner 3 (left and bottom edges).
      if (square > 7) square ^= 15;
      if (square & 1) vertices.push(2 * iy + 1, 2 * ix);
      if (square & 4) vertices.push(2 * iy + 2, 2 * ix + 1);
    }
  }
  return { area: area / 2, perimeter, vertices: Int32Array.from(vertices) };
}
