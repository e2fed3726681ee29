// The hull-based diameters against PyRadiomics' definition: the largest distance over all pairs of mesh vertices
// (sharing z, y or x for the 2D diameters), computed here by brute force on random masks.
import { meshDiameters } from './diameters';
import { marchingCubes } from './marching-cubes';

function randomMask(seed: number, [nz, ny, nx]: number[], fill: number): Uint8Array {
  // Zero-padded, as the shape class pads it.
  const mask = new Uint8Array((nz + 2) * (ny + 2) * (nx + 2));
  let state = seed;
  for (let z = 1; z <= nz; z++) {
    for (let y = 1; y <= ny; y++) {
      for (let x = 1; x <= nx; x++) {
        state = (state * 1103515245 + 12345) % 2147483648;
        mask[x + (nx + 2) * (y + (ny + 2) * z)] = state / 2147483648 < fill ? 1 : 0;
      }
    }
  }
  return mask;
}

function bruteForce(vertices: Int32Array, spacing: number[]) {
  const xyz = Float64Array.from(vertices, (v, k) => (v / 2) * spacing[k % 3]);
  const best = [0, 0, 0, 0];
  for (let a = 0; a < xyz.length; a += 3) {
    for (let b = a + 3; b < xyz.length; b += 3) {
      const d = (xyz[a] - xyz[b]) ** 2 + (xyz[a + 1] - xyz[b + 1]) ** 2 + (xyz[a + 2] - xyz[b + 2]) ** 2;
      for (let axis = 0; axis < 3; axis++) if (xyz[a + axis] === xyz[b + axis] && d > best[axis]) best[axis] = d;
      if (d > best[3]) best[3] = d;
    }
  }
  return { slice: Math.sqrt(best[0]), column: Math.sqrt(best[1]), row: Math.sqrt(best[2]), max3D: Math.sqrt(best[3]) };
}

test.each([
  [1, [4, 5, 6], 0.5],
  [2, [6, 6, 6], 0.8],
  [3, [3, 9, 4], 0.3],
  [4, [7, 5, 5], 0.95],
])('random mask %i: exact agreement with the all-pairs search', (seed, size, fill) => {
  const spacing: [number, number, number] = [2.1, 0.7, 0.66];
  const dims = size.map((n) => n + 2);
  const { vertices } = marchingCubes(randomMask(seed, size, fill), dims, spacing);
  expect(meshDiameters(vertices, spacing)).toEqual(bruteForce(vertices, spacing));
});
