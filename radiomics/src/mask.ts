// Label selection and ROI checks as PyRadiomics' getMask and checkMask do them: the ROI is the voxels whose label
// equals `label`; its bounding box must span at least `minimumROIDimensions` axes (a single voxel never passes) and,
// if `minimumROISize` is set, hold more voxels than that.
import type { Box } from './region';
import { boxSize, cropArray } from './region';
import type { Settings } from './settings';
import type { Vec3, Volume, VoxelArray } from './volume';

/** The ROI of one label: its bounding box in the full grid and a 0/1 map over that box (x fastest). */
export interface Roi {
  box: Box;
  count: number;
  map: Uint8Array;
}

export function selectLabel(mask: Volume, label: number): Roi {
  const { data, size } = mask;
  const [nx, ny, nz] = size;
  if (data instanceof Float32Array || data instanceof Float64Array) assertIntegerLabels(data, size);
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let count = 0;
  forEachNonZero(data, (n) => {
    if (data[n] !== label) return;
    count++;
    const i = n % nx;
    const row = (n - i) / nx;
    const j = row % ny;
    const k = (row - j) / ny;
    if (i < lo[0]) lo[0] = i;
    if (i > hi[0]) hi[0] = i;
    if (j < lo[1]) lo[1] = j;
    if (j > hi[1]) hi[1] = j;
    if (k < lo[2]) lo[2] = k;
    if (k > hi[2]) hi[2] = k;
  });
  if (count === 0) {
    const labels = presentLabels(mask);
    if (labels.length === 0) throw new Error('mask is empty: no voxel is labelled (nothing is segmented)');
    throw new Error(`label ${label} is not present in the mask; labels present: ${labels.join(', ')}`);
  }
  const box: Box = { lo, hi };
  const [bx, by, bz] = boxSize(box);
  const map = new Uint8Array(bx * by * bz);
  let o = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const row = lo[0] + nx * (lo[1] + j + ny * (lo[2] + k));
      for (let i = 0; i < bx; i++, o++) map[o] = data[row + i] === label ? 1 : 0;
    }
  }
  return { box, count, map };
}

/** Throws unless the ROI spans enough axes and voxels for the settings. */
export function assertRoiSize(roi: Pick<Roi, 'box' | 'count'>, settings: Settings): void {
  const dims = boxSize(roi.box).filter((extent) => extent > 1).length;
  if (dims === 0) throw new Error('the ROI is a single voxel: features cannot be extracted from one voxel');
  if (dims < settings.minimumROIDimensions) {
    throw new Error(`the ROI spans ${dims} dimension(s) but minimumROIDimensions is ${settings.minimumROIDimensions}`);
  }
  if (settings.minimumROISize !== null && roi.count <= settings.minimumROISize) {
    throw new Error(`the ROI holds ${roi.count} voxels, not more than minimumROISize ${settings.minimumROISize}`);
  }
}

/**
 * Calls `visit` with the index of every non-zero voxel, in ascending order. Label maps are mostly background, so the
 * bytes are scanned 32 at a time (eight 32-bit words OR-ed together) and only non-zero words are looked at voxel by
 * voxel.
 */
function forEachNonZero(data: VoxelArray, visit: (index: number) => void): void {
  const width = data.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const head = Math.min((4 - (data.byteOffset % 4)) % 4, bytes.length);
  const words = new Int32Array(data.buffer, data.byteOffset + head, (bytes.length - head) >> 2);
  let last = -1;
  const visitBytes = (from: number, to: number): void => {
    for (let b = from; b < to; b++) {
      if (bytes[b] === 0) continue;
      const index = Math.floor(b / width);
      if (index !== last && data[index] !== 0) visit(index);
      last = index;
    }
  };
  visitBytes(0, head);
  const blocks = words.length & ~7;
  for (let w = 0; w < blocks; w += 8) {
    const any =
      words[w] | words[w + 1] | words[w + 2] | words[w + 3] | words[w + 4] | words[w + 5] | words[w + 6] | words[w + 7];
    if (any === 0) continue;
    for (let k = w; k < w + 8; k++) if (words[k] !== 0) visitBytes(head + 4 * k, head + 4 * k + 4);
  }
  visitBytes(head + 4 * blocks, bytes.length);
}

/** Distinct non-zero labels of a mask, ascending (for error messages). */
function presentLabels(mask: Volume): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i] !== 0) seen.add(mask.data[i]);
  return [...seen].sort((a, b) => a - b);
}

function assertIntegerLabels(data: Float32Array | Float64Array, size: Vec3): void {
  for (let n = 0; n < data.length; n++) {
    if (!Number.isInteger(data[n])) {
      const i = n % size[0];
      const j = Math.floor(n / size[0]) % size[1];
      const k = Math.floor(n / (size[0] * size[1]));
      throw new Error(
        `mask holds the non-integer value ${data[n]} at voxel (${i}, ${j}, ${k}); labels must be integers`,
      );
    }
  }
}

/** The ROI re-cropped to `box` (a box inside `roi.box`). */
export function cropRoi(roi: Roi, box: Box): Roi {
  const size = boxSize(roi.box);
  const local: Box = {
    lo: box.lo.map((v, axis) => v - roi.box.lo[axis]) as Vec3,
    hi: box.hi.map((v, axis) => v - roi.box.lo[axis]) as Vec3,
  };
  const map = cropArray(roi.map, size, local);
  let count = 0;
  for (let i = 0; i < map.length; i++) count += map[i];
  return { box, count, map };
}

/** The ROI cropped to the bounding box of its voxels. */
export function tightenRoi(roi: Roi): Roi {
  const [nx, ny, nz] = boxSize(roi.box);
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (!roi.map[n]) continue;
        const index = [i, j, k];
        for (let axis = 0; axis < 3; axis++) {
          if (index[axis] < lo[axis]) lo[axis] = index[axis];
          if (index[axis] > hi[axis]) hi[axis] = index[axis];
        }
      }
    }
  }
  const offset = roi.box.lo;
  return cropRoi(roi, { lo: lo.map((v, a) => v + offset[a]) as Vec3, hi: hi.map((v, a) => v + offset[a]) as Vec3 });
}
