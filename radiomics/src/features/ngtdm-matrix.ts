// Neighbouring grey-tone difference matrix (PyRadiomics `ngtdm`, after Amadasun & King 1989): for each ROI voxel of
// level i, s_i += |i − mean level of its neighbours| (offsets at the `distances`, both signs, inside crop and ROI;
// nothing is added for a voxel without neighbours), and n_i counts every ROI voxel of level i.
import type { Offset } from '../angles';
import { offsetSteps, type TextureGrid } from '../texture-grid';

export interface ToneDifferences {
  /** Per level present: voxel count n_i, difference sum s_i and level value i. */
  n: Float64Array;
  s: Float64Array;
  level: Float64Array;
}

export function ngtdmMatrix(grid: TextureGrid, neighbours: Offset[]): ToneDifferences {
  const { levels, voxels, levelIndex } = grid;
  const count = grid.grayLevels.length;
  const steps = offsetSteps(grid, neighbours);
  const n = new Float64Array(count);
  const s = new Float64Array(count);
  for (let v = 0; v < voxels.length; v++) {
    const p = voxels[v];
    const level = levels[p];
    let sum = 0;
    let found = 0;
    for (let a = 0; a < steps.length; a++) {
      const neighbour = levels[p + steps[a]];
      if (neighbour > 0) {
        sum += neighbour;
        found++;
      }
    }
    const row = levelIndex[level];
    n[row]++;
    if (found > 0) s[row] += Math.abs(level - sum / found);
  }
  return { n, s, level: Float64Array.from(grid.grayLevels) };
}
