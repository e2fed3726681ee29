// The discretised ROI laid out for neighbourhood scans: the crop padded on every side with `pad` voxels of level 0,
// so that any offset up to `pad` long can be followed without bounds checks (a neighbour outside the crop or the ROI
// reads level 0).
import type { Offset } from './angles';
import type { Discretized } from './discretize';

export interface TextureGrid {
  /** Padded size (x, y, z). */
  dims: [number, number, number];
  levels: Int32Array;
  /** Padded indices of the ROI voxels, in x-fastest order. */
  voxels: Int32Array;
  /** Levels present, ascending, and the compact index of each level (−1 when absent). */
  grayLevels: Int32Array;
  levelIndex: Int32Array;
}

/** `size` is the crop size (x, y, z); `levels` the crop's discretised levels (0 outside the ROI). */
export function buildTextureGrid(discretized: Discretized, size: [number, number, number], pad: number): TextureGrid {
  const [nx, ny, nz] = size;
  const dims: [number, number, number] = [nx + 2 * pad, ny + 2 * pad, nz + 2 * pad];
  const levels = new Int32Array(dims[0] * dims[1] * dims[2]);
  const source = discretized.levels;
  let count = 0;
  for (let n = 0; n < source.length; n++) if (source[n] > 0) count++;
  const voxels = new Int32Array(count);
  let n = 0;
  let v = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let p = pad + dims[0] * (j + pad + dims[1] * (k + pad));
      for (let i = 0; i < nx; i++, n++, p++) {
        const level = source[n];
        if (level > 0) {
          levels[p] = level;
          voxels[v++] = p;
        }
      }
    }
  }
  const levelIndex = new Int32Array(discretized.ng + 1).fill(-1);
  discretized.grayLevels.forEach((level, index) => (levelIndex[level] = index));
  return { dims, levels, voxels, grayLevels: discretized.grayLevels, levelIndex };
}

/** Linear step of an offset (dz, dy, dx) in the padded grid. */
export function offsetStep(grid: TextureGrid, [dz, dy, dx]: Offset): number {
  return dx + grid.dims[0] * (dy + grid.dims[1] * dz);
}

/** Linear steps of the offsets. */
export function offsetSteps(grid: TextureGrid, offsets: Offset[]): Int32Array {
  return Int32Array.from(offsets, (offset) => offsetStep(grid, offset));
}
