// Grey-level size-zone matrix (PyRadiomics `glszm`, after Thibault 2009): P(i, s) counts connected zones of equal
// level i holding s voxels; connectivity is every offset of Chebyshev length 1 (26 in 3D, 8 in-plane with force2D).
import type { Offset } from '../angles';
import { offsetSteps, type TextureGrid } from '../texture-grid';

export interface ZoneMatrix {
  /** Zone counts, rows = levels present, columns = zone sizes present. */
  counts: Float64Array;
  sizes: Float64Array;
}

export function glszmMatrix(grid: TextureGrid, neighbours: Offset[]): ZoneMatrix {
  const { levels, voxels, levelIndex } = grid;
  const n = grid.grayLevels.length;
  const steps = offsetSteps(grid, neighbours);
  // Voxels are cleared from this copy as zones claim them.
  const unclaimed = levels.slice();
  const stack = new Int32Array(voxels.length);
  const zoneLevel: number[] = [];
  const zoneSize: number[] = [];
  for (let v = 0; v < voxels.length; v++) {
    const seed = voxels[v];
    const level = unclaimed[seed];
    if (level === 0) continue;
    unclaimed[seed] = 0;
    stack[0] = seed;
    let top = 1;
    let size = 0;
    while (top > 0) {
      const p = stack[--top];
      size++;
      for (let a = 0; a < steps.length; a++) {
        const q = p + steps[a];
        if (unclaimed[q] === level) {
          unclaimed[q] = 0;
          stack[top++] = q;
        }
      }
    }
    zoneLevel.push(levelIndex[level]);
    zoneSize.push(size);
  }
  const sizes = [...new Set(zoneSize)].sort((a, b) => a - b);
  const column = new Map(sizes.map((s, c) => [s, c]));
  const counts = new Float64Array(n * sizes.length);
  for (let z = 0; z < zoneSize.length; z++) counts[zoneLevel[z] * sizes.length + column.get(zoneSize[z])!]++;
  return { counts, sizes: Float64Array.from(sizes) };
}
