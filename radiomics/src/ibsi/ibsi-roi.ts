// The region the IBSI features are computed on: the ROI's bounding box with its intensities, its 0/1 mask and its
// discretised grey levels. IBSI discretisation (reference manual §2.7): fixed bin size w anchored at the ROI's
// minimum, level = ⌊(x − min)/w⌋ + 1; fixed bin number N, level = ⌊N·(x − min)/(max − min)⌋ + 1, the maximum in bin N.
// Unlike PyRadiomics (bins anchored at multiples of w, docs/pyradiomics-notes.md §19.1).
import { selectLabel } from '../mask';
import { boxSize, cropArray, type Box } from '../region';
import type { Vec3, Volume } from '../volume';

export interface IbsiRoi {
  /** Bounding box of the ROI in the image grid, and its size. */
  box: Box;
  size: Vec3;
  spacing: Vec3;
  /** Intensities over the box (x fastest). */
  intensities: Float64Array;
  /** 1 inside the ROI. */
  mask: Uint8Array;
  /** Grey level 1…ng inside the ROI, 0 outside. */
  levels: Int32Array;
  /** Number of grey levels of the discretisation (levels 1…ng, absent ones included). */
  ng: number;
  /** Flat indices of the ROI voxels, ascending. */
  voxels: Int32Array;
  /** The ROI's intensities in voxel order. */
  values: Float64Array;
}

export type Discretisation = { binWidth: number } | { binCount: number };

export function ibsiRoi(image: Volume, mask: Volume, label: number, discretisation: Discretisation): IbsiRoi {
  const roi = selectLabel(mask, label);
  const size = boxSize(roi.box);
  const data = cropArray(image.data, image.size, roi.box);
  const intensities = data instanceof Float64Array ? data : Float64Array.from(data);
  const voxels = new Int32Array(roi.count);
  for (let n = 0, v = 0; n < roi.map.length; n++) if (roi.map[n]) voxels[v++] = n;
  const values = Float64Array.from(voxels, (n) => intensities[n]);
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const levels = new Int32Array(intensities.length);
  let ng = 1;
  for (const n of voxels) {
    const x = intensities[n];
    let level: number;
    if ('binWidth' in discretisation) {
      level = Math.floor((x - min) / discretisation.binWidth) + 1;
    } else {
      level =
        max === min
          ? 1
          : Math.min(Math.floor((discretisation.binCount * (x - min)) / (max - min)) + 1, discretisation.binCount);
    }
    levels[n] = level;
    ng = Math.max(ng, level);
  }
  if ('binCount' in discretisation) ng = discretisation.binCount;
  return {
    box: roi.box,
    size,
    spacing: [...image.spacing] as Vec3,
    intensities,
    mask: roi.map,
    levels,
    ng,
    voxels,
    values,
  };
}
