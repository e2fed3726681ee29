// Moran's I (IBSI §3.1.24) and Geary's C (§3.1.25), the voxel pairs weighted by the inverse of their distance in mm:
//   I = N/W · Σ_{i≠j} w_ij·y_i·y_j / Σ_i y_i²,   C = (N − 1)/(2W) · Σ_{i≠j} w_ij·(y_i − y_j)² / Σ_i y_i²,
// y = intensity − mean, W = Σ_{i≠j} w_ij. Directly over all pairs for small ROIs; for larger ones the pair sums are
// correlations with the kernel K(r) = 1/|r| (K(0) = 0), computed by zero-padded FFTs:
//   W = Σ m·(K∗m),   Σ w·y_i·y_j = Σ y·(K∗y),   Σ w·(y_i − y_j)² = 2·Σ y²·(K∗m) − 2·Σ y·(K∗y)
// (m the ROI indicator, K symmetric so correlation is convolution), O(M log M) in the padded box size M instead of
// O(N²) in the voxel count. Measured: bench_t25 (10 299 voxels) 0.39 s instead of 3.6 s, bench_t50 (82 289) 3.3 s
// instead of about 4 minutes; the two agree within 5e-12.
import { fft3, nextPowerOfTwo } from '../fft';
import type { IbsiRoi } from './ibsi-roi';

/** Up to this many ROI voxels the pairs are summed directly (exact, and faster than the transforms). */
export const DIRECT_LIMIT = 1500;

export function spatialAutocorrelation(
  roi: IbsiRoi,
  mean: number,
  method: 'auto' | 'direct' | 'fft' = 'auto',
): [number, number] {
  const useFft = method === 'fft' || (method === 'auto' && roi.voxels.length > DIRECT_LIMIT);
  const { weights, cross, squaredDifferences, variance } = useFft ? byFft(roi, mean) : direct(roi, mean);
  const n = roi.voxels.length;
  return [((n / weights) * cross) / variance, (((n - 1) / (2 * weights)) * squaredDifferences) / variance];
}

interface PairSums {
  weights: number;
  cross: number;
  squaredDifferences: number;
  variance: number;
}

function direct(roi: IbsiRoi, mean: number): PairSums {
  const [nx, ny] = roi.size;
  const [sx, sy, sz] = roi.spacing;
  const n = roi.voxels.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pz = new Float64Array(n);
  roi.voxels.forEach((index, k) => {
    px[k] = (index % nx) * sx;
    py[k] = (Math.floor(index / nx) % ny) * sy;
    pz[k] = Math.floor(index / (nx * ny)) * sz;
  });
  let weights = 0;
  let cross = 0;
  let squaredDifferences = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const di = roi.values[i] - mean;
    variance += di * di;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const w = 1 / Math.hypot(px[i] - px[j], py[i] - py[j], pz[i] - pz[j]);
      const dj = roi.values[j] - mean;
      weights += w;
      cross += w * di * dj;
      squaredDifferences += w * (di - dj) ** 2;
    }
  }
  return { weights, cross, squaredDifferences, variance };
}

function byFft(roi: IbsiRoi, mean: number): PairSums {
  const size = roi.size;
  // Padding to at least 2n − 1 per axis keeps the circular convolution from wrapping.
  const padded = size.map((n) => nextPowerOfTwo(2 * n - 1)) as [number, number, number];
  const [px, py, pz] = padded;
  const total = px * py * pz;
  const at = (x: number, y: number, z: number) => x + px * (y + py * z);
  // The kernel at every offset, negative offsets wrapped to the end of each axis.
  const kernelRe = new Float64Array(total);
  const kernelIm = new Float64Array(total);
  for (let z = 0; z < pz; z++) {
    const dz = (z < pz / 2 ? z : z - pz) * roi.spacing[2];
    for (let y = 0; y < py; y++) {
      const dy = (y < py / 2 ? y : y - py) * roi.spacing[1];
      for (let x = 0; x < px; x++) {
        const dx = (x < px / 2 ? x : x - px) * roi.spacing[0];
        const r = Math.hypot(dx, dy, dz);
        kernelRe[at(x, y, z)] = r === 0 ? 0 : 1 / r;
      }
    }
  }
  fft3(kernelRe, kernelIm, padded, false);
  // m and y travel as one complex field m + iy: the kernel is real, so K∗(m + iy) = K∗m + i·K∗y and one pair of
  // transforms gives both convolutions.
  const re = new Float64Array(total);
  const im = new Float64Array(total);
  const [nx, ny] = size;
  const y2 = new Float64Array(roi.voxels.length);
  const positions = new Int32Array(roi.voxels.length);
  let variance = 0;
  roi.voxels.forEach((index, k) => {
    const p = at(index % nx, Math.floor(index / nx) % ny, Math.floor(index / (nx * ny)));
    const d = roi.values[k] - mean;
    positions[k] = p;
    re[p] = 1;
    im[p] = d;
    y2[k] = d * d;
    variance += d * d;
  });
  fft3(re, im, padded, false);
  for (let k = 0; k < total; k++) {
    const [a, b] = [re[k], im[k]];
    re[k] = a * kernelRe[k] - b * kernelIm[k];
    im[k] = a * kernelIm[k] + b * kernelRe[k];
  }
  fft3(re, im, padded, true);
  let weights = 0;
  let cross = 0;
  let squaredToMask = 0;
  positions.forEach((p, k) => {
    const d = roi.values[k] - mean;
    weights += re[p];
    cross += d * im[p];
    squaredToMask += y2[k] * re[p];
  });
  return { weights, cross, squaredDifferences: 2 * squaredToMask - 2 * cross, variance };
}
