// Grey-level co-occurrence matrices (PyRadiomics `glcm`): for every one-directional offset a (13 in 3D at distance
// 1), P_a(i, j) counts ROI voxels of level i whose neighbour at +a is in the ROI with level j. Rows/columns cover the
// levels present only; P + Pᵀ when symmetrical; with weightingNorm the angles are summed with weights
// exp(−‖a·spacing‖²) into one matrix, otherwise empty angles are dropped. Each matrix is normalised to sum 1.
import type { Offset } from '../angles';
import type { WeightingNorm } from '../settings';
import { offsetSteps, type TextureGrid } from '../texture-grid';
import type { Vec3 } from '../volume';
import { cooccurrenceWeight } from './weights';

/** Largest number of matrix cells (all angles) the engine builds, about 1 GB of matrices. */
const MAX_CELLS = 1 << 27;

export interface GlcmOptions {
  angles: Offset[];
  symmetrical: boolean;
  weightingNorm: WeightingNorm | null;
  /** Voxel spacing (x, y, z), mm. */
  spacing: Vec3;
}

/** Normalised n×n matrices (n = levels present), one per kept angle (one in all when weighted). */
export function glcmMatrices(
  grid: TextureGrid,
  { angles, symmetrical, weightingNorm, spacing }: GlcmOptions,
): Float64Array[] {
  const n = grid.grayLevels.length;
  const cells = n * n;
  const { levels, voxels, levelIndex } = grid;
  const steps = offsetSteps(grid, angles);
  if (steps.length * cells > MAX_CELLS) {
    throw new Error(
      `a GLCM over ${n} grey levels and ${steps.length} angles is too large; use a larger binWidth (or binCount)`,
    );
  }
  const counts = new Int32Array(steps.length * cells);
  for (let v = 0; v < voxels.length; v++) {
    const p = voxels[v];
    const row = levelIndex[levels[p]] * n;
    for (let a = 0, base = row; a < steps.length; a++, base += cells) {
      const neighbour = levels[p + steps[a]];
      if (neighbour > 0) counts[base + levelIndex[neighbour]]++;
    }
  }
  let matrices = angles.map((_, a) => {
    const m = new Float64Array(cells);
    const c = counts.subarray(a * cells, (a + 1) * cells);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) m[i * n + j] = symmetrical ? c[i * n + j] + c[j * n + i] : c[i * n + j];
    }
    return m;
  });
  if (weightingNorm !== null) {
    const merged = new Float64Array(cells);
    matrices.forEach((m, a) => {
      const w = cooccurrenceWeight(angles[a], spacing, weightingNorm);
      for (let k = 0; k < cells; k++) merged[k] += m[k] * w;
    });
    matrices = [merged];
  } else if (matrices.length > 1) {
    matrices = matrices.filter((m) => total(m) !== 0);
  }
  for (const m of matrices) {
    const sum = total(m);
    for (let k = 0; k < cells; k++) m[k] = sum === 0 ? NaN : m[k] / sum;
  }
  return matrices;
}

function total(m: Float64Array): number {
  let s = 0;
  for (let k = 0; k < m.length; k++) s += m[k];
  return s;
}
