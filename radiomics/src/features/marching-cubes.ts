// Marching cubes on a binary mask the way PyRadiomics builds its shape mesh (Lorensen & Cline 1987): vertices at edge
// midpoints, triangles from the classic 256-case table stored for the 128 cases with corner 7 outside; a cube with
// corner 7 inside uses its complement's triangles with the volume contribution negated. Coordinates are (z, y, x)
// array indices of the zero-padded mask times the spacing.

// Cube corners as (z, y, x) offsets: 0 (0,0,0), 1 (0,0,1), 2 (0,1,1), 3 (0,1,0), 4 (1,0,0), 5 (1,0,1), 6 (1,1,1),
// 7 (1,1,0).

/** Edge midpoints as (z, y, x) offsets: edges 0-3 on the z = 0 face, 4-7 on z = 1, 8-11 along z. */
const EDGES: readonly [number, number, number][] = [
  [0, 0, 0.5],
  [0, 0.5, 1],
  [0, 1, 0.5],
  [0, 0.5, 0],
  [1, 0, 0.5],
  [1, 0.5, 1],
  [1, 1, 0.5],
  [1, 0.5, 0],
  [0.5, 0, 0],
  [0.5, 0, 1],
  [0.5, 1, 1],
  [0.5, 1, 0],
];

/** Triangles per cube case 0-127: each triple of hex digits names three edges (classic Lorensen-Cline table). */
const TRIANGLES: readonly string[] = [
  '',
  '083',
  '190',
  '183198',
  '12a',
  '08312a',
  '92a029',
  '2832a8a98',
  'b23',
  'b2008b',
  '190b23',
  'b2119b98b',
  '3a1ba3',
  'a1008a8ba',
  '9033b9ba9',
  '98aba8',
  '478',
  '043473',
  '190478',
  '194147173',
  '12a478',
  '34730412a',
  '92a902478',
  '2a9297273479',
  '478b23',
  'b47b24204',
  '190478b23',
  '47b94bb29192',
  '3a1ba3478',
  'ba114b10447b',
  '4789033b9ba9',
  '47b4b99ba',
  '954',
  '954083',
  '054015',
  '854835315',
  '12a954',
  '08312a954',
  '2a5542240',
  '2a5325354834',
  '954b23',
  'b2008b954',
  '054015b23',
  '215258b28548',
  '3a1ba3954',
  '549a1008a8ba',
  '54050ba5bb03',
  '548a58ba8',
  '789579',
  '309539357',
  '780017715',
  '157173',
  '78957912a',
  '12a309395357',
  '0288258572a5',
  '2a5253357',
  '579789b23',
  '579972209b27',
  'b23018178157',
  '21b17b157',
  '7895793a1ba3',
  '5705097b0a10ba0',
  'ba003ba50078570',
  'ba557b',
  '65a',
  '08365a',
  '19065a',
  '18319865a',
  '165126',
  '165126083',
  '965906026',
  '598582526832',
  'b2365a',
  'b2008b65a',
  '190b2365a',
  'b2119b98b65a',
  '63b653513',
  '08b0b50515b6',
  '63b036065059',
  '65969bb98',
  '47865a',
  '04347365a',
  '19047865a',
  '19414717365a',
  '478165126',
  '043473165126',
  '478965906026',
  '739479329596269',
  'b2347865a',
  'b47b2420465a',
  '190b2347865a',
  '47b94bb2919265a',
  '47863b653513',
  '51b5b610b47b04b',
  '47863b036065059',
  '65969b4797b9',
  'a4964a',
  'a4964a083',
  '01aa60640',
  '18316886461a',
  '149124264',
  '149124264083',
  '024426',
  '832824426',
  'b23a4964a',
  'b2008ba4964a',
  'b2301aa60640',
  '64161a148b2118b',
  '964369139b63',
  '18b081b61149641',
  '63b036640',
  '86468b',
  '67a78a89a',
  '67a0a709a073',
  '67a1a7178018',
  '67a1a7173',
  '126168189678',
  '269129679309739',
  '078706602',
  '273267',
  'b2367a78a89a',
  '207b2709767a9a7',
  '67a1a7178018b23',
  'b2117ba61167',
  '896678169b63136',
  '09167b',
  '07870603bb60',
  '67b',
];

const TRIANGLE_EDGES: readonly Int8Array[] = TRIANGLES.map((row) =>
  Int8Array.from(row, (digit) => parseInt(digit, 16)),
);

/**
 * Bits of the cube index contributed by one column of four voxels (z, y), (z, y+1), (z+1, y), (z+1, y+1) at the
 * cube's low x (corners 0, 3, 4, 7) and at its high x (corners 1, 2, 5, 6), indexed by the column's 4-bit code.
 */
const LOW_X = columnBits([0, 3, 4, 7]);
const HIGH_X = columnBits([1, 2, 5, 6]);

function columnBits(corners: number[]): Uint8Array {
  return Uint8Array.from({ length: 16 }, (_, code) =>
    corners.reduce((bits, corner, k) => (code & (1 << k) ? bits | (1 << corner) : bits), 0),
  );
}

export interface Mesh {
  volume: number;
  area: number;
  /** Unique vertices as doubled (z, y, x) grid coordinates (integers), 3 per vertex. */
  vertices: Int32Array;
}

/** Scans the cubes of a zero-padded mask of size (nz, ny, nx) (x fastest) with spacing (sz, sy, sx). */
export function marchingCubes(mask: Uint8Array, [nz, ny, nx]: number[], spacing: [number, number, number]): Mesh {
  const strideZ = nx * ny;
  const vertices = new GrowableInt32();
  let volume = 0;
  let area = 0;
  const a = [0, 0, 0];
  const b = [0, 0, 0];
  const c = [0, 0, 0];
  const codes = new Uint8Array(nx);
  for (let iz = 0; iz < nz - 1; iz++) {
    for (let iy = 0; iy < ny - 1; iy++) {
      const row = iz * strideZ + iy * nx;
      let any = 0;
      for (let ix = 0; ix < nx; ix++) {
        const p = row + ix;
        const code = mask[p] | (mask[p + nx] << 1) | (mask[p + strideZ] << 2) | (mask[p + strideZ + nx] << 3);
        codes[ix] = code;
        any |= code;
      }
      if (any === 0) continue;
      for (let ix = 0; ix < nx - 1; ix++) {
        let cube = LOW_X[codes[ix]] | HIGH_X[codes[ix + 1]];
        if (cube === 0 || cube === 0xff) continue;
        let sign = 1;
        if (cube & 0x80) {
          cube ^= 0xff;
          sign = -1;
        }
        // The cube owns the vertices on the edges leaving corner 7 (now outside): towards corners 6, 4 and 3, i.e.
        // edges 6, 7 and 11. Every crossing edge of the padded grid is owned by exactly one cube.
        if (cube & 0x40) vertices.push(2 * iz + 2, 2 * iy + 2, 2 * ix + 1);
        if (cube & 0x10) vertices.push(2 * iz + 2, 2 * iy + 1, 2 * ix);
        if (cube & 0x08) vertices.push(2 * iz + 1, 2 * iy + 2, 2 * ix);
        const edges = TRIANGLE_EDGES[cube];
        for (let t = 0; t < edges.length; t += 3) {
          corner(a, EDGES[edges[t]], iz, iy, ix, spacing);
          corner(b, EDGES[edges[t + 1]], iz, iy, ix, spacing);
          corner(c, EDGES[edges[t + 2]], iz, iy, ix, spacing);
          // Signed volume of the tetrahedron (origin, a, b, c) ×6: (a × b)·c.
          const cross0 = a[1] * b[2] - b[1] * a[2];
          const cross1 = a[2] * b[0] - b[2] * a[0];
          const cross2 = a[0] * b[1] - b[0] * a[1];
          volume += sign * (cross0 * c[0] + cross1 * c[1] + cross2 * c[2]);
          // Triangle area: ½ |(a − c) × (b − c)|.
          const u0 = a[0] - c[0];
          const u1 = a[1] - c[1];
          const u2 = a[2] - c[2];
          const v0 = b[0] - c[0];
          const v1 = b[1] - c[1];
          const v2 = b[2] - c[2];
          const n0 = u1 * v2 - v1 * u2;
          const n1 = u2 * v0 - v2 * u0;
          const n2 = u0 * v1 - v0 * u1;
          area += 0.5 * Math.sqrt(n0 * n0 + n1 * n1 + n2 * n2);
        }
      }
    }
  }
  return { volume: volume / 6, area, vertices: vertices.toArray() };
}

function corner(out: number[], e: readonly number[], iz: number, iy: number, ix: number, s: readonly number[]): void {
  out[0] = (iz + e[0]) * s[0];
  out[1] = (iy + e[1]) * s[1];
  out[2] = (ix + e[2]) * s[2];
}

class GrowableInt32 {
  private data = new Int32Array(3 * 1024);
  private length = 0;

  push(x: number, y: number, z: number): void {
    if (this.length + 3 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
    this.data[this.length++] = y;
    this.data[this.length++] = z;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
