// The kinetic colour map as the server answers it (POST /api/studies/:study/kinetic-map; the type is the contract's,
// imported as a type only so the bundle does not pull in zod). Per voxel of the breast that enhances enough early
// on, the delayed curve type: one run-length mask per type on the first post-contrast phase's grid, never
// overlapping.
import type { KineticMap } from '@heron/server/contract';
import { maskSlices } from '../outline/mask-slices';
import type { CurveType } from './kinetics-result';

export type { KineticMap };

/**
 * How each curve type is painted. Blue, yellow, red is the order readers know from breast CAD colour maps (cool for
 * persistent, warm for suspicious wash-out); the colours are far apart for the common colour-vision deficiencies
 * too, since yellow and blue differ in lightness.
 */
export const KINETIC_MAP_SEGMENTS: Record<
  CurveType,
  { label: 1 | 2 | 3; name: string; rgba: [number, number, number, number] }
> = {
  persistent: { label: 1, name: 'Persistent', rgba: [64, 140, 255, 255] },
  plateau: { label: 2, name: 'Plateau', rgba: [255, 214, 0, 255] },
  washout: { label: 3, name: 'Wash-out', rgba: [235, 40, 40, 255] },
};

/**
 * The map as one label array per image it touches (by SOP Instance UID), each voxel holding its type's label.
 * Throws when the masks do not share one grid or overlap: a voxel cannot have two curve types.
 */
export function kineticMapSlices(map: KineticMap): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const first = map.labels[0]?.outline;
  for (const entry of map.labels) {
    const { outline } = entry;
    if (
      !first ||
      outline.seriesInstanceUID !== map.seriesInstanceUID ||
      outline.size.join() !== first.size.join() ||
      outline.sopInstanceUIDs.join() !== first.sopInstanceUIDs.join()
    ) {
      throw new Error('The kinetic map masks do not lie on one grid.');
    }
    const label = KINETIC_MAP_SEGMENTS[entry.curveType].label;
    for (const [sop, mask] of maskSlices(outline)) {
      const labels = out.get(sop) ?? new Uint8Array(mask.length);
      for (let p = 0; p < mask.length; p++) {
        if (!mask[p]) continue;
        if (labels[p]) throw new Error('The kinetic map gives one voxel two curve types.');
        labels[p] = label;
      }
      out.set(sop, labels);
    }
  }
  return out;
}
