// Exact squared Euclidean distance transform on an anisotropic voxel grid, in mm².
//
// Felzenszwalb & Huttenlocher, "Distance transforms of sampled functions", Theory of Computing 8 (2012): the squared
// distance is separable, so one pass per axis computes the lower envelope of the parabolas (x − q)² + f(q) left by
// the previous pass. Linear in the number of voxels, which is what keeps the morphology of a proposal fast.
import type { Vec3 } from '../volume';

/** Squared distance (mm²) from every voxel to the nearest voxel with `set[n] !== 0`; Infinity when the set is empty. */
export function squaredDistanceToSet(set: Uint8Array, size: Vec3, spacing: Vec3): Float32Array {
  const [nx, ny, nz] = size;
  const out = new Float32Array(set.length);
  for (let n = 0; n < set.length; n++) out[n] = set[n] ? 0 : Infinity;
  const longest = Math.max(nx, ny, nz);
  const f = new Float64Array(longest);
  const d = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const n = size[axis];
    if (n === 1 && axis > 0) continue;
    const stride = strides[axis];
    const [a, b] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
    for (let q = 0; q < size[b]; q++) {
      for (let p = 0; p < size[a]; p++) {
        const start = p * strides[a] + q * strides[b];
        for (let i = 0; i < n; i++) f[i] = out[start + i * stride];
        lowerEnvelope(f, n, spacing[axis], d, v, z);
        for (let i = 0; i < n; i++) out[start + i * stride] = d[i];
      }
    }
  }
  return out;
}

/** d[i] = min_q ((i − q)·s)² + f[q] over the finite f[q] (F&H 2012, Algorithm 1, with positions scaled by s). */
function lowerEnvelope(f: Float64Array, n: number, s: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q];
    if (fq === Infinity) continue;
    const xq = q * s;
    let boundary = -Infinity;
    while (k >= 0) {
      const p = v[k];
      const xp = p * s;
      boundary = (fq + xq * xq - (f[p] + xp * xp)) / (2 * (xq - xp));
      if (boundary > z[k]) break;
      k--;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : boundary;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    for (let i = 0; i < n; i++) d[i] = Infinity;
    return;
  }
  let j = 0;
  for (let i = 0; i < n; i++) {
    const x = i * s;
    while (z[j + 1] < x) j++;
    const dx = x - v[j] * s;
    d[i] = dx * dx + f[v[j]];
  }
}
