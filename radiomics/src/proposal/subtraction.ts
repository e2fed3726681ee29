// The subtraction image (post − pre) inside a box, lightly smoothed in-plane: the input the proposal segments.
import type { Box } from '../region';
import { boxSize } from '../region';
import type { Volume } from '../volume';

export interface BoxImages {
  box: Box;
  size: [number, number, number];
  /** post − pre, smoothed in-plane with a [1 2 1]/4 binomial kernel per axis (σ ≈ 0.7 voxel). */
  subtraction: Float32Array;
  /** The pre-contrast signal, unsmoothed. */
  pre: Float32Array;
}

export function boxImages(pre: Volume, post: Volume, box: Box): BoxImages {
  const size = boxSize(box);
  const [bx, by, bz] = size;
  const [nx, ny] = pre.size;
  const subtraction = new Float32Array(bx * by * bz);
  const preOut = new Float32Array(bx * by * bz);
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const from = box.lo[0] + nx * (box.lo[1] + j + ny * (box.lo[2] + k));
      const to = bx * (j + by * k);
      for (let i = 0; i < bx; i++) {
        const p = pre.data[from + i];
        preOut[to + i] = p;
        subtraction[to + i] = post.data[from + i] - p;
      }
    }
  }
  // Binomial smoothing along x then y; z is left alone because slices are thicker than the in-plane pixels and the
  // noise (Rician, SD 9-15 on a 12-bit scale) is already well below a lesion's enhancement.
  smoothAxis(subtraction, size, 1);
  smoothAxis(subtraction, size, bx);
  return { box, size, subtraction, pre: preOut };
}

function smoothAxis(data: Float32Array, size: [number, number, number], stride: number): void {
  const [bx, by, bz] = size;
  const n = stride === 1 ? bx : by;
  if (n < 3) return;
  const line = new Float32Array(n);
  const lines = stride === 1 ? by * bz : bx * bz;
  for (let l = 0; l < lines; l++) {
    const start = stride === 1 ? l * bx : (l % bx) + bx * by * Math.floor(l / bx);
    for (let i = 0; i < n; i++) line[i] = data[start + i * stride];
    data[start] = (3 * line[0] + line[1]) / 4;
    for (let i = 1; i < n - 1; i++) data[start + i * stride] = (line[i - 1] + 2 * line[i] + line[i + 1]) / 4;
    data[start + (n - 1) * stride] = (line[n - 2] + 3 * line[n - 1]) / 4;
  }
}
