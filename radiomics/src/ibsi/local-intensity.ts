// IBSI local intensity features (reference manual §3.2): the mean intensity of the image (not only the ROI) in a
// sphere of 1 cm³ (radius (3/(4π))^{1/3} cm ≈ 6.2 mm) around a voxel centre, voxels counted when their centre is
// inside. Local peak: the largest such mean around the ROI's maximum-intensity voxels; global peak: around any ROI voxel.
import type { Volume } from '../volume';
import type { IbsiRoi } from './ibsi-roi';

export const LOCAL_INTENSITY_FEATURES: readonly [string, string][] = [
  ['Local intensity peak', 'VJGA'],
  ['Global intensity peak', '0F91'],
];

const RADIUS_MM = 10 * Math.cbrt(3 / (4 * Math.PI));

export function localIntensity(image: Volume, roi: IbsiRoi): number[] {
  const { size, spacing, data } = image;
  const reach = spacing.map((s) => Math.floor(RADIUS_MM / s));
  const offsets: number[][] = [];
  for (let dz = -reach[2]; dz <= reach[2]; dz++) {
    for (let dy = -reach[1]; dy <= reach[1]; dy++) {
      for (let dx = -reach[0]; dx <= reach[0]; dx++) {
        if (Math.hypot(dx * spacing[0], dy * spacing[1], dz * spacing[2]) <= RADIUS_MM) offsets.push([dx, dy, dz]);
      }
    }
  }
  const sphereMean = (x: number, y: number, z: number) => {
    let [sum, count] = [0, 0];
    for (const [dx, dy, dz] of offsets) {
      const [i, j, k] = [x + dx, y + dy, z + dz];
      if (i < 0 || j < 0 || k < 0 || i >= size[0] || j >= size[1] || k >= size[2]) continue;
      sum += data[i + size[0] * (j + size[1] * k)];
      count++;
    }
    return sum / count;
  };
  const max = Math.max(...roi.values);
  let local = -Infinity;
  let global = -Infinity;
  const [nx, ny] = roi.size;
  roi.voxels.forEach((n, k) => {
    const [x, y, z] = [
      roi.box.lo[0] + (n % nx),
      roi.box.lo[1] + (Math.floor(n / nx) % ny),
      roi.box.lo[2] + Math.floor(n / (nx * ny)),
    ];
    const mean = sphereMean(x, y, z);
    global = Math.max(global, mean);
    if (roi.values[k] === max) local = Math.max(local, mean);
  });
  return [local, global];
}
