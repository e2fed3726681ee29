// The breasts in a pre-contrast image of a breast MRI: the body in front of the chest wall, so that a kinetic map
// leaves out the heart and the vessels of the mediastinum.
import type { Volume } from '../volume';
import { bodyRegion } from './body-region';

/** The index axis closest to patient axis `p` (0 x = left, 1 y = posterior, 2 z = head) and its sign. */
function axisAlong(v: Volume, p: number): { axis: number; sign: number } {
  let axis = 0;
  for (let a = 1; a < 3; a++) if (Math.abs(v.direction[3 * p + a]) > Math.abs(v.direction[3 * p + axis])) axis = a;
  return { axis, sign: Math.sign(v.direction[3 * p + axis]) || 1 };
}

export interface BreastRegion {
  region: Volume;
  /**
   * How the region was found: 'cleft' when both breasts and the cleft between them were seen (the region is the
   * body in front of the cleft's deepest point), 'body' when not (one breast in the field of view, a crop): then
   * the region is the whole body and may include the chest.
   */
  method: 'cleft' | 'body';
}

/**
 * The body (bodyRegion) in front of the coronal plane through the deepest point of the cleft between the breasts.
 * The front of the body seen along the left-right axis (its most anterior voxel over all slices) has one peak
 * per breast; the sternum lies behind the lowest point between the two peaks, and the heart behind the sternum.
 */
export function breastRegion(pre: Volume): BreastRegion {
  const body = bodyRegion(pre);
  const lr = axisAlong(pre, 0).axis;
  const ap = axisAlong(pre, 1);
  const [nx, ny] = pre.size;
  const n = pre.size;
  const stride = [1, nx, nx * ny];
  // Anteriority of an index along the AP axis: larger is more anterior.
  const front = (i: number) => (ap.sign > 0 ? n[ap.axis] - 1 - i : i);
  const profile = new Int32Array(n[lr]).fill(-1);
  const other = 3 - lr - ap.axis;
  for (let l = 0; l < n[lr]; l++) {
    for (let o = 0; o < n[other]; o++) {
      for (let a = 0; a < n[ap.axis]; a++) {
        if (body.data[l * stride[lr] + o * stride[other] + a * stride[ap.axis]] && front(a) > profile[l])
          profile[l] = front(a);
      }
    }
  }
  const columns = [...profile.keys()].filter((l) => profile[l] >= 0);
  if (columns.length < 3) return { region: body, method: 'body' };
  const middle = (columns[0] + columns[columns.length - 1]) / 2;
  const peak = (from: number, to: number) => {
    let best = -1;
    for (let l = from; l <= to; l++) if (profile[l] >= 0 && (best < 0 || profile[l] > profile[best])) best = l;
    return best;
  };
  const left = peak(columns[0], Math.floor(middle));
  const right = peak(Math.ceil(middle), columns[columns.length - 1]);
  if (left < 0 || right < 0) return { region: body, method: 'body' };
  let cleft = Infinity;
  for (let l = left; l <= right; l++) if (profile[l] >= 0) cleft = Math.min(cleft, profile[l]);
  // Two breasts stand out from the cleft by more than a few voxels; a single bump (one breast) does not.
  const standOut = Math.min(profile[left], profile[right]) - cleft;
  const mmPerVoxel = pre.spacing[ap.axis];
  if (!(standOut * mmPerVoxel >= 20)) return { region: body, method: 'body' };
  const data = new Uint8Array(body.data.length);
  for (let v = 0; v < data.length; v++) {
    if (!body.data[v]) continue;
    const a = Math.floor(v / stride[ap.axis]) % n[ap.axis];
    if (front(a) > cleft) data[v] = 1;
  }
  return { region: { ...body, data }, method: 'cleft' };
}
