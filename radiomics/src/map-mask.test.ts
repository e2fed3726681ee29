import { indexToPhysical } from './grid';
import { mapMask } from './map-mask';
import type { Vec3, Volume } from './volume';

function sphere(r: number, centre: Vec3, grid: Omit<Volume, 'data'>): Volume {
  const [nx, ny, nz] = grid.size;
  const data = new Uint8Array(nx * ny * nz);
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const p = indexToPhysical(grid, [i, j, k]);
        data[n] = Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) <= r ? 1 : 0;
      }
    }
  }
  return { ...grid, data };
}

function volumeAndCentroid(mask: Volume): [number, Vec3] {
  const sum = [0, 0, 0];
  let count = 0;
  const [nx, ny] = mask.size;
  mask.data.forEach((v, n) => {
    if (!v) return;
    const p = indexToPhysical(mask, [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))]);
    for (let a = 0; a < 3; a++) sum[a] += p[a];
    count++;
  });
  return [count * mask.spacing[0] * mask.spacing[1] * mask.spacing[2], sum.map((s) => s / count) as Vec3];
}

test('a sphere mapped from a DCE-like grid onto a rotated, coarser T2-like grid keeps its volume and centroid', () => {
  const dce = sphere(8, [1.3, -2.1, 4.7], { size: [48, 48, 20], spacing: [0.7, 0.7, 1.5], origin: [-16, -19, -10], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
  const c = Math.cos(0.3);
  const s = Math.sin(0.3);
  const t2 = { size: [40, 40, 12] as Vec3, spacing: [0.9, 0.9, 3] as Vec3, origin: [-17, -15, -13] as Vec3, direction: [c, -s, 0, s, c, 0, 0, 0, 1] };
  const mapped = mapMask(dce, t2);
  const [sourceVolume, sourceCentre] = volumeAndCentroid(dce);
  const [volume, centre] = volumeAndCentroid(mapped);
  expect(Math.abs(volume / sourceVolume - 1)).toBeLessThan(0.03);
  const offset = [0, 1, 2].map((a) => centre[a] - sourceCentre[a]);
  // Half a target voxel, expressed along each target axis.
  for (let axis = 0; axis < 3; axis++) {
    const along = offset[0] * t2.direction[axis] + offset[1] * t2.direction[3 + axis] + offset[2] * t2.direction[6 + axis];
    expect(Math.abs(along)).toBeLessThan(t2.spacing[axis] / 2);
  }
});

test('on the same grid the mapping is the identity', () => {
  const grid = { size: [20, 20, 10] as Vec3, spacing: [1, 1, 2] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const mask = sphere(5, [10, 9.6, 9], grid);
  expect([...mapMask(mask, grid).data]).toEqual([...mask.data]);
});

test('an outline outside the target image is a clear error', () => {
  const grid = { size: [10, 10, 10] as Vec3, spacing: [1, 1, 1] as Vec3, origin: [0, 0, 0] as Vec3, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const mask = sphere(3, [5, 5, 5], grid);
  expect(() => mapMask(mask, { ...grid, origin: [100, 0, 0] })).toThrow(/mapMask: the outline lies entirely outside the target image/);
});
