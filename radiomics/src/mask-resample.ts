// PyRadiomics' `correctMask`: a mask on another grid is resampled onto the image grid with nearest neighbour (ITK's
// ResampleImageFilter with identity transform: each image voxel takes the mask voxel whose continuous index rounds
// half up to it, 0 outside the mask), after checking that the ROI's bounding box lies inside the image (±½ voxel,
// tolerance 1e-3 in index units, on the two corners PyRadiomics checks).
import type { Box } from './region';
import type { Vec3, Volume } from './volume';

/** index → physical point: p = origin + D·diag(spacing)·index. */
function indexToPhysical(volume: Volume): (index: Vec3) => Vec3 {
  const { origin, spacing, direction } = volume;
  return (index) =>
    [0, 1, 2].map(
      (r) =>
        origin[r] +
        direction[r * 3] * spacing[0] * index[0] +
        direction[r * 3 + 1] * spacing[1] * index[1] +
        direction[r * 3 + 2] * spacing[2] * index[2],
    ) as Vec3;
}

/** physical point → continuous index, the inverse of indexToPhysical. */
function physicalToIndex(volume: Volume): (point: Vec3) => Vec3 {
  const { origin, spacing, direction } = volume;
  const m = [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => direction[r * 3 + c] * spacing[c]));
  const inverse = invert3(m);
  return (point) => {
    const d = [point[0] - origin[0], point[1] - origin[1], point[2] - origin[2]];
    return [0, 1, 2].map((r) => inverse[r * 3] * d[0] + inverse[r * 3 + 1] * d[1] + inverse[r * 3 + 2] * d[2]) as Vec3;
  };
}

/** Throws unless the ROI box of the mask lies inside the image's physical extent. */
export function assertRoiInsideImage(image: Volume, mask: Volume, box: Box): void {
  const toPhysical = indexToPhysical(mask);
  const toImage = physicalToIndex(image);
  const corners = [box.lo.map((v) => v - 0.5), box.hi.map((v) => v + 0.5)].map((c) => toImage(toPhysical(c as Vec3)));
  const tolerance = 1e-3;
  for (let axis = 0; axis < 3; axis++) {
    const low = Math.min(corners[0][axis], corners[1][axis]);
    const high = Math.max(corners[0][axis], corners[1][axis]);
    if (low < -0.5 - tolerance || high > image.size[axis] - 0.5 + tolerance) {
      throw new Error(
        `correctMask: the ROI's bounding box reaches outside the image along axis ${axis} ` +
          `(image index ${low.toFixed(3)}…${high.toFixed(3)}, image size ${image.size[axis]})`,
      );
    }
  }
}

/** The mask resampled onto the image grid by nearest neighbour. */
export function resampleMaskNearest(mask: Volume, image: Volume): Volume {
  const toPhysical = indexToPhysical(image);
  const toMask = physicalToIndex(mask);
  // The map from image index to mask continuous index is affine: c = c0 + i·ax + j·ay + k·az.
  const c0 = toMask(toPhysical([0, 0, 0]));
  const axes = [0, 1, 2].map((a) => {
    const unit: Vec3 = [0, 0, 0];
    unit[a] = 1;
    const c = toMask(toPhysical(unit));
    return [c[0] - c0[0], c[1] - c0[1], c[2] - c0[2]];
  });
  const [nx, ny, nz] = image.size;
  const [mx, my, mz] = mask.size;
  const data = new (mask.data.constructor as new (n: number) => Volume['data'])(nx * ny * nz);
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const x = Math.floor(c0[0] + i * axes[0][0] + j * axes[1][0] + k * axes[2][0] + 0.5);
        const y = Math.floor(c0[1] + i * axes[0][1] + j * axes[1][1] + k * axes[2][1] + 0.5);
        const z = Math.floor(c0[2] + i * axes[0][2] + j * axes[1][2] + k * axes[2][2] + 0.5);
        if (x >= 0 && y >= 0 && z >= 0 && x < mx && y < my && z < mz) data[n] = mask.data[x + mx * (y + my * z)];
      }
    }
  }
  return {
    data,
    size: [...image.size] as Vec3,
    spacing: [...image.spacing] as Vec3,
    origin: [...image.origin] as Vec3,
    direction: [...image.direction],
  };
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (det === 0) throw new Error('the mask direction matrix is singular');
  return [
    (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
    (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
    (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
  ];
}
