// Distance weighting of neighbour offsets (dz, dy, dx) in mm, as PyRadiomics' GLCM and GLRLM apply it.
import type { Offset } from '../angles';
import type { WeightingNorm } from '../settings';
import type { Vec3 } from '../volume';

/** |a|·spacing per axis (z, y, x). */
function offsetParts([dz, dy, dx]: Offset, [sx, sy, sz]: Vec3): [number, number, number] {
  return [Math.abs(dz) * sz, Math.abs(dy) * sy, Math.abs(dx) * sx];
}

/** GLRLM weight: the offset length d in mm (infinity: max, euclidean: √Σ², manhattan: Σ); 1 without weighting. */
export function runLengthWeight(angle: Offset, spacing: Vec3, norm: WeightingNorm): number {
  const [z, y, x] = offsetParts(angle, spacing);
  switch (norm) {
    case 'infinity':
      return Math.max(z, y, x);
    case 'euclidean':
      return Math.sqrt(z ** 2 + y ** 2 + x ** 2);
    case 'manhattan':
      return z + y + x;
    case 'no_weighting':
      return 1;
  }
}

/** GLCM weight: exp(−d²) with d the offset length in mm under the norm; 1 without weighting. */
export function cooccurrenceWeight(angle: Offset, spacing: Vec3, norm: WeightingNorm): number {
  const [z, y, x] = offsetParts(angle, spacing);
  switch (norm) {
    case 'infinity':
      return Math.exp(-(Math.max(z, y, x) ** 2));
    case 'euclidean':
      return Math.exp(-(z ** 2 + y ** 2 + x ** 2));
    case 'manhattan':
      return Math.exp(-((z + y + x) ** 2));
    case 'no_weighting':
      return 1;
  }
}
