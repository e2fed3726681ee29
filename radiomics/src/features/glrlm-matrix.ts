// Grey-level run-length matrices (PyRadiomics `glrlm`): for each of the 13 one-directional offsets, P_a(i, r) counts
// runs — maximal sequences of consecutive ROI voxels of level i along a — of length r. An angle along which no scan
// line holds two ROI voxels is emptied (a one-slice ROI has no z runs). With weightingNorm the angles are summed with
// their length in mm as weight; otherwise empty angles are dropped. Run lengths absent from every angle are dropped.
import type { Offset } from '../angles';
import type { WeightingNorm } from '../settings';
import { offsetStep, type TextureGrid } from '../texture-grid';
import type { Vec3 } from '../volume';
import { runLengthWeight } from './weights';

export interface RunLengthMatrices {
  /** Count matrices (levels present × kept run lengths), one per kept angle. */
  matrices: Float64Array[];
  runLengths: Float64Array;
}

export function glrlmMatrices(
  grid: TextureGrid,
  angles: Offset[],
  maxRunLength: number,
  weightingNorm: WeightingNorm | null,
  spacing: Vec3,
): RunLengthMatrices {
  const n = grid.grayLevels.length;
  const { levels, voxels, levelIndex } = grid;
  let matrices = angles.map((angle) => {
    const step = offsetStep(grid, angle);
    const m = new Float64Array(n * maxRunLength);
    let longRun = false;
    for (let v = 0; v < voxels.length; v++) {
      const p = voxels[v];
      const level = levels[p];
      if (levels[p - step] === level) continue;
      let length = 1;
      for (let q = p + step; levels[q] === level; q += step) length++;
      if (length > 1) longRun = true;
      m[levelIndex[level] * maxRunLength + length - 1]++;
    }
    return longRun || linesHoldTwoVoxels(grid, angle) ? m : m.fill(0);
  });
  if (weightingNorm !== null) {
    const merged = new Float64Array(n * maxRunLength);
    matrices.forEach((m, a) => {
      const w = runLengthWeight(angles[a], spacing, weightingNorm);
      for (let k = 0; k < m.length; k++) merged[k] += m[k] * w;
    });
    matrices = [merged];
  } else if (matrices.length > 1) {
    matrices = matrices.filter((m) => m.some((v) => v !== 0));
  }
  const kept: number[] = [];
  for (let r = 0; r < maxRunLength; r++) {
    if (matrices.some((m) => columnSum(m, n, maxRunLength, r) !== 0)) kept.push(r);
  }
  return {
    matrices: matrices.map((m) => selectColumns(m, n, maxRunLength, kept)),
    runLengths: Float64Array.from(kept, (r) => r + 1),
  };
}

/** Whether some scan line along `angle` meets two ROI voxels, adjacent or not (PyRadiomics keeps such angles). */
function linesHoldTwoVoxels(grid: TextureGrid, [dz, dy, dx]: Offset): boolean {
  const [px, py, pz] = grid.dims;
  const { levels, voxels } = grid;
  for (let v = 0; v < voxels.length; v++) {
    let i = voxels[v] % px;
    let j = Math.floor(voxels[v] / px) % py;
    let k = Math.floor(voxels[v] / (px * py));
    for (;;) {
      i += dx;
      j += dy;
      k += dz;
      if (i < 0 || j < 0 || k < 0 || i >= px || j >= py || k >= pz) break;
      if (levels[i + px * (j + py * k)] > 0) return true;
    }
  }
  return false;
}

function columnSum(m: Float64Array, rows: number, columns: number, c: number): number {
  let s = 0;
  for (let r = 0; r < rows; r++) s += m[r * columns + c];
  return s;
}

function selectColumns(m: Float64Array, rows: number, columns: number, kept: number[]): Float64Array {
  const out = new Float64Array(rows * kept.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < kept.length; c++) out[r * kept.length + c] = m[r * columns + kept[c]];
  }
  return out;
}
