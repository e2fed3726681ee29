// Smooth, spatially varying imperfections every real acquisition has.
import { gradientNoise } from './noise';

const { abs, hypot, max } = Math;

/**
 * Receive-coil sensitivity (bias field): a gentle gradient plus a slow bump, about ±15 %. Breast coils are
 * most sensitive near their elements, beside and below the hanging breasts; the exact shape is our choice.
 */
export function coilSensitivity(seed: number, x: number, y: number, z: number): number {
  const lateral = abs(x) / 170;
  const anterior = max(0, -y) / 130;
  return (
    0.92 +
    0.12 * lateral +
    0.08 * anterior -
    0.05 * (z / 90) +
    0.07 * gradientNoise(seed + 101, x / 140, y / 140, z / 140)
  );
}

/**
 * Residual fat signal after fat suppression, relative to a perfect suppression: spectral fat saturation
 * fails where the field is least homogeneous, far off-centre (axillae, lateral chest).
 */
export function fatSuppressionResidual(x: number, y: number): number {
  const offCentre = hypot(x / 170, (y + 20) / 140);
  return 1 + 3 * max(0, offCentre - 0.75) ** 2 * 4;
}
