// Population covariance (÷N) of voxel-centre coordinates in mm, as PyRadiomics forms it for the axis lengths:
// coordinates centred on their mean and scaled by 1/√N, covariance = XᵀX.

/** `points` holds d integer coordinates per voxel; returns the d×d covariance (row-major). */
export function principalMoments(points: ArrayLike<number>, spacing: readonly number[]): Float64Array {
  const d = spacing.length;
  const n = points.length / d;
  const mean = new Float64Array(d);
  for (let p = 0; p < n; p++) for (let a = 0; a < d; a++) mean[a] += points[p * d + a] * spacing[a];
  for (let a = 0; a < d; a++) mean[a] /= n;
  const scale = Math.sqrt(n);
  const covariance = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let p = 0; p < n; p++) {
    for (let a = 0; a < d; a++) centred[a] = (points[p * d + a] * spacing[a] - mean[a]) / scale;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) covariance[a * d + b] += centred[a] * centred[b];
  }
  return covariance;
}
