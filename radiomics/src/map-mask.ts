// Mapping an outline from one grid to another through patient coordinates, e.g. a tumour outlined on a DCE phase onto
// the T2 or DWI series of the same study: a target voxel belongs to the mapped mask when at least half of its volume
// lies inside the outline. The fraction is estimated by sampling each target voxel on a regular n×n×n sub-grid
// (cell centres) and looking up the source voxel containing each sample (nearest voxel centre); n per axis is odd, so
// a tie is impossible, and fine enough that a sub-sample is at most half a source voxel wide.
import { forEachMappedIndex, indexToPhysical, physicalToIndex, type Grid } from './grid';
import { selectLabel } from './mask';
import { assertVolume, type Vec3, type Volume } from './volume';

export interface MapMaskOptions {
  /** Label of the outline in the source mask (default 1); the mapped mask holds 1. */
  label?: number;
}

const MAX_SUBSAMPLES = 9;

/**
 * Grids of one study often stand in exact ratios (DCE 0.7 mm, T2 0.6 mm), so a sub-sample can fall exactly on a source
 * voxel boundary, where floating-point noise of 1e-14 mm, or the 4-decimal rounding of positions in DICOM files
 * (up to ~1e-4 voxel), would decide the voxel. A sample within this many index units above a boundary counts for the
 * voxel above it, so the same outline maps the same way whether the grids come from memory or from DICOM files.
 */
const BOUNDARY_SNAP = 1e-3;

/** The outline of `mask` on `target`'s grid as a 0/1 Uint8Array mask. */
export function mapMask(mask: Volume, target: Grid, options: MapMaskOptions = {}): Volume {
  assertVolume(mask, 'mapMask source mask');
  assertVolume(
    { ...target, data: new Uint8Array(target.size[0] * target.size[1] * target.size[2]) },
    'mapMask target grid',
  );
  const label = options.label ?? 1;
  const roi = selectLabel(mask, label);
  const region = targetRegion(mask, roi.box, target);
  const [nx, ny, nz] = mask.size;
  const minSource = Math.min(...mask.spacing);
  const steps = target.spacing.map((s) => {
    const n = Math.max(3, Math.ceil((2 * s) / minSource));
    return Math.min(MAX_SUBSAMPLES, n % 2 === 0 ? n + 1 : n);
  });
  // Sub-sample offsets in target index units, per axis.
  const offsets = steps.map((n) => Array.from({ length: n }, (_, s) => (s + 0.5) / n - 0.5));
  const total = steps[0] * steps[1] * steps[2];
  const inside = (x: number, y: number, z: number): boolean => {
    const i = Math.floor(x + 0.5 + BOUNDARY_SNAP);
    const j = Math.floor(y + 0.5 + BOUNDARY_SNAP);
    const k = Math.floor(z + 0.5 + BOUNDARY_SNAP);
    return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && mask.data[i + nx * (j + ny * k)] === label;
  };
  // Source index of target index (0,0,0) and the source-index steps of one target voxel along each target axis.
  const base = physicalToIndex(mask, indexToPhysical(target, [0, 0, 0]));
  const axes = [0, 1, 2].map((a) => {
    const unit = [0, 0, 0];
    unit[a] = 1;
    const c = physicalToIndex(mask, indexToPhysical(target, unit));
    return [c[0] - base[0], c[1] - base[1], c[2] - base[2]];
  });
  const data = new Uint8Array(target.size[0] * target.size[1] * target.size[2]);
  const [tx, ty] = target.size;
  const sub = {
    size: region.size,
    spacing: target.spacing,
    origin: indexToPhysical(target, region.lo),
    direction: target.direction,
  };
  forEachMappedIndex(sub, mask, (n, x, y, z) => {
    let hits = 0;
    for (const c of offsets[2]) {
      for (const b of offsets[1]) {
        for (const a of offsets[0]) {
          const sx = x + a * axes[0][0] + b * axes[1][0] + c * axes[2][0];
          const sy = y + a * axes[0][1] + b * axes[1][1] + c * axes[2][1];
          const sz = z + a * axes[0][2] + b * axes[1][2] + c * axes[2][2];
          if (inside(sx, sy, sz)) hits++;
        }
      }
    }
    if (2 * hits < total) return;
    const i = n % region.size[0];
    const j = Math.floor(n / region.size[0]) % region.size[1];
    const k = Math.floor(n / (region.size[0] * region.size[1]));
    data[region.lo[0] + i + tx * (region.lo[1] + j + ty * (region.lo[2] + k))] = 1;
  });
  return {
    data,
    size: [...target.size] as Vec3,
    spacing: [...target.spacing] as Vec3,
    origin: [...target.origin] as Vec3,
    direction: [...target.direction],
  };
}

/** The target voxels the outline's bounding box can touch; an outline entirely outside the target is an error. */
function targetRegion(mask: Grid, box: { lo: Vec3; hi: Vec3 }, target: Grid): { lo: Vec3; size: Vec3 } {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let corner = 0; corner < 8; corner++) {
    const index = [0, 1, 2].map((a) => ((corner >> a) & 1 ? box.hi[a] + 0.5 : box.lo[a] - 0.5));
    const c = physicalToIndex(target, indexToPhysical(mask, index));
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], c[a]);
      hi[a] = Math.max(hi[a], c[a]);
    }
  }
  const from = lo.map((v) => Math.max(0, Math.floor(v))) as Vec3;
  const to = hi.map((v, a) => Math.min(target.size[a] - 1, Math.ceil(v))) as Vec3;
  if (from.some((v, a) => v > to[a])) {
    throw new Error(
      'mapMask: the outline lies entirely outside the target image; are both series from the same study and frame of reference?',
    );
  }
  return { lo: from, size: to.map((v, a) => v - from[a] + 1) as Vec3 };
}
