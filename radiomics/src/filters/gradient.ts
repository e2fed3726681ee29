// Gradient magnitude as SimpleITK's GradientMagnitude (ITK GradientMagnitudeImageFilter) computes it for
// PyRadiomics' `gradient` image type: per axis the central difference (x[i+1] − x[i−1])/2 with the edge voxel
// repeated beyond the border (zero-flux Neumann), divided by the spacing when `gradientUseSpacing`, magnitude
// √Σ g². ITK returns float32 for integer and float32 input. See docs/pyradiomics-notes.md §6.4.
import type { Volume } from '../volume';

export function gradientMagnitudeImage(image: Volume, useSpacing: boolean): Volume {
  const { data, size } = image;
  const [nx, ny, nz] = size;
  const out = data instanceof Float64Array ? new Float64Array(data.length) : new Float32Array(data.length);
  const scale = [0, 1, 2].map((a) => (useSpacing ? 0.5 / image.spacing[a] : 0.5));
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const gx = (data[n + (i < nx - 1 ? 1 : 0)] - data[n - (i > 0 ? 1 : 0)]) * scale[0];
        const gy = (data[n + (j < ny - 1 ? nx : 0)] - data[n - (j > 0 ? nx : 0)]) * scale[1];
        const gz = (data[n + (k < nz - 1 ? nx * ny : 0)] - data[n - (k > 0 ? nx * ny : 0)]) * scale[2];
        out[n] = Math.sqrt(gx * gx + gy * gy + gz * gz);
      }
    }
  }
  return { ...image, data: out };
}
