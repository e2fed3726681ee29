// Binary morphology on a box of voxels: balls measured in millimetres (so anisotropic voxels are handled), connected
// components and hole filling. Used to shape a proposed outline; every function returns a new array.
import type { Vec3 } from '../volume';
import { squaredDistanceToSet } from './distance-transform';

/** Voxels within `radiusMm` of the set (dilation by a ball). */
export function dilate(mask: Uint8Array, size: Vec3, spacing: Vec3, radiusMm: number): Uint8Array {
  const d2 = squaredDistanceToSet(mask, size, spacing);
  const r2 = radiusMm * radiusMm + 1e-9;
  const out = new Uint8Array(mask.length);
  for (let n = 0; n < out.length; n++) out[n] = d2[n] <= r2 ? 1 : 0;
  return out;
}

/** Voxels farther than `radiusMm` from every background voxel of the box (erosion by a ball; the box edge is not background). */
export function erode(mask: Uint8Array, size: Vec3, spacing: Vec3, radiusMm: number): Uint8Array {
  const background = new Uint8Array(mask.length);
  for (let n = 0; n < mask.length; n++) background[n] = mask[n] ? 0 : 1;
  const d2 = squaredDistanceToSet(background, size, spacing);
  const r2 = radiusMm * radiusMm + 1e-9;
  const out = new Uint8Array(mask.length);
  for (let n = 0; n < out.length; n++) out[n] = d2[n] > r2 ? 1 : 0;
  return out;
}

export function open(mask: Uint8Array, size: Vec3, spacing: Vec3, radiusMm: number): Uint8Array {
  return dilate(erode(mask, size, spacing, radiusMm), size, spacing, radiusMm);
}

export function close(mask: Uint8Array, size: Vec3, spacing: Vec3, radiusMm: number): Uint8Array {
  return erode(dilate(mask, size, spacing, radiusMm), size, spacing, radiusMm);
}

/** Face-connected (6-neighbour) components: label per voxel (0 = background, 1..count) and the voxel count per label. */
export function labelComponents(mask: Uint8Array, size: Vec3): { labels: Int32Array; sizes: number[] } {
  const [nx, ny, nz] = size;
  const labels = new Int32Array(mask.length);
  const sizes = [0];
  const stack = new Int32Array(mask.length);
  const plane = nx * ny;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = sizes.length;
    let top = 0;
    let count = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const n = stack[--top];
      count++;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const k = (n - i - j * nx) / plane;
      if (i > 0 && mask[n - 1] && !labels[n - 1]) {
        labels[n - 1] = label;
        stack[top++] = n - 1;
      }
      if (i < nx - 1 && mask[n + 1] && !labels[n + 1]) {
        labels[n + 1] = label;
        stack[top++] = n + 1;
      }
      if (j > 0 && mask[n - nx] && !labels[n - nx]) {
        labels[n - nx] = label;
        stack[top++] = n - nx;
      }
      if (j < ny - 1 && mask[n + nx] && !labels[n + nx]) {
        labels[n + nx] = label;
        stack[top++] = n + nx;
      }
      if (k > 0 && mask[n - plane] && !labels[n - plane]) {
        labels[n - plane] = label;
        stack[top++] = n - plane;
      }
      if (k < nz - 1 && mask[n + plane] && !labels[n + plane]) {
        labels[n + plane] = label;
        stack[top++] = n + plane;
      }
    }
    sizes.push(count);
  }
  return { labels, sizes };
}

/** The voxels of `mask` face-connected to any voxel of `from` (which must lie inside `mask`). */
export function connectedTo(mask: Uint8Array, size: Vec3, from: Uint8Array): Uint8Array {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  const out = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  let top = 0;
  for (let n = 0; n < mask.length; n++) {
    if (from[n] && mask[n]) {
      out[n] = 1;
      stack[top++] = n;
    }
  }
  while (top > 0) {
    const n = stack[--top];
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = (n - i - j * nx) / plane;
    if (i > 0 && mask[n - 1] && !out[n - 1]) {
      out[n - 1] = 1;
      stack[top++] = n - 1;
    }
    if (i < nx - 1 && mask[n + 1] && !out[n + 1]) {
      out[n + 1] = 1;
      stack[top++] = n + 1;
    }
    if (j > 0 && mask[n - nx] && !out[n - nx]) {
      out[n - nx] = 1;
      stack[top++] = n - nx;
    }
    if (j < ny - 1 && mask[n + nx] && !out[n + nx]) {
      out[n + nx] = 1;
      stack[top++] = n + nx;
    }
    if (k > 0 && mask[n - plane] && !out[n - plane]) {
      out[n - plane] = 1;
      stack[top++] = n - plane;
    }
    if (k < nz - 1 && mask[n + plane] && !out[n + plane]) {
      out[n + plane] = 1;
      stack[top++] = n + plane;
    }
  }
  return out;
}

/** Fills the background not face-connected to the box's faces (3D holes: an enclosed necrotic core). */
export function fillHoles3d(mask: Uint8Array, size: Vec3): Uint8Array {
  const [nx, ny, nz] = size;
  const background = new Uint8Array(mask.length);
  const border = new Uint8Array(mask.length);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        if (mask[n]) continue;
        background[n] = 1;
        if (i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1) border[n] = 1;
      }
    }
  }
  const outside = connectedTo(background, size, border);
  const out = new Uint8Array(mask.length);
  for (let n = 0; n < out.length; n++) out[n] = outside[n] ? 0 : 1;
  return out;
}

/**
 * Fills, slice by slice along `axis`, the background not edge-connected to the slice's border. A core that a 3D
 * fill misses because it opens through one slice (a gap in a thin rim) is closed in the slices where it is enclosed.
 */
export function fillHolesBySlice(mask: Uint8Array, size: Vec3, axis: 0 | 1 | 2): Uint8Array {
  const strides = [1, size[0], size[0] * size[1]];
  const [a, b] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
  const na = size[a];
  const nb = size[b];
  const out = mask.slice();
  const seen = new Uint8Array(na * nb);
  const stack = new Int32Array(na * nb);
  for (let s = 0; s < size[axis]; s++) {
    const base = s * strides[axis];
    const at = (p: number, q: number): number => base + p * strides[a] + q * strides[b];
    seen.fill(0);
    let top = 0;
    for (let q = 0; q < nb; q++) {
      for (let p = 0; p < na; p++) {
        if ((p === 0 || q === 0 || p === na - 1 || q === nb - 1) && !mask[at(p, q)]) {
          seen[p + na * q] = 1;
          stack[top++] = p + na * q;
        }
      }
    }
    while (top > 0) {
      const m = stack[--top];
      const p = m % na;
      const q = (m - p) / na;
      if (p > 0 && !seen[m - 1] && !mask[at(p - 1, q)]) {
        seen[m - 1] = 1;
        stack[top++] = m - 1;
      }
      if (p < na - 1 && !seen[m + 1] && !mask[at(p + 1, q)]) {
        seen[m + 1] = 1;
        stack[top++] = m + 1;
      }
      if (q > 0 && !seen[m - na] && !mask[at(p, q - 1)]) {
        seen[m - na] = 1;
        stack[top++] = m - na;
      }
      if (q < nb - 1 && !seen[m + na] && !mask[at(p, q + 1)]) {
        seen[m + na] = 1;
        stack[top++] = m + na;
      }
    }
    for (let q = 0; q < nb; q++) for (let p = 0; p < na; p++) if (!seen[p + na * q]) out[at(p, q)] = 1;
  }
  return out;
}
