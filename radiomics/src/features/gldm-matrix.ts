// Grey-level dependence matrix (PyRadiomics `gldm`, after Sun & Wee 1983): for each ROI voxel of level i, its
// dependence d = 1 + number of neighbours (every offset at the `distances`, both signs, inside crop and ROI) whose
// level differs by at most α; P(i, d) counts voxels.
import type { Offset } from '../angles';
import { offsetSteps, type TextureGrid } from '../texture-grid';

export interface DependenceMatrix {
  /** Voxel counts, rows = levels present, columns = dependences present. */
  counts: Float64Array;
  dependences: Float64Array;
}

export function gldmMatrix(grid: TextureGrid, neighbours: Offset[], alpha: number): DependenceMatrix {
  const { levels, voxels, levelIndex } = grid;
  const n = grid.grayLevels.length;
  const steps = offsetSteps(grid, neighbours);
  const columns = steps.length + 1;
  const full = new Float64Array(n * columns);
  for (let v = 0; v < voxels.length; v++) {
    const p = voxels[v];
    const level = levels[p];
    let dependent = 0;
    for (let a = 0; a < steps.length; a++) {
      const neighbour = levels[p + steps[a]];
      if (neighbour > 0 && Math.abs(neighbour - level) <= alpha) dependent++;
    }
    full[levelIndex[level] * columns + dependent]++;
  }
  const kept: number[] = [];
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < n; r++) {
      if (full[r * columns + c] !== 0) {
        kept.push(c);
        break;
      }
    }
  }
  const counts = new Float64Array(n * kept.length);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < kept.length; c++) counts[r * kept.length + c] = full[r * columns + kept[c]];
  }
  return { counts, dependences: Float64Array.from(kept, (c) => c + 1) };
}
