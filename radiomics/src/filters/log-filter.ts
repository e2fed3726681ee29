// Laplacian of Gaussian as SimpleITK's LaplacianRecursiveGaussian computes it for PyRadiomics' `LoG` image type
// (itk::LaplacianRecursiveGaussianImageFilter, NormalizeAcrossScale on): for each axis d in turn, the recursive second
// derivative along d followed by recursive smoothing along the two other axes in increasing order, divided by
// spacing_d² and added to a float32 accumulator. Every intermediate image is float32, as ITK's InternalRealType is.
// See ../shared/docs/pyradiomics-algorithms.md §6.2.
//
// The result is computed for the voxels of a box only, from the box grown by a margin per axis. The recursive filters
// have an infinite impulse response that decays as e^{−1.3732·n/σd}; beyond MARGIN_DECAY the input no longer reaches
// the box (below 1e-12 of the intensity range, far below float32 resolution), so the values inside the box equal the
// whole-image result. Each pass computes only the lines the next pass reads.
import type { Box } from '../region';
import type { Vec3, Volume } from '../volume';
import { filterLines, recursiveGaussian, type RecursiveCoefficients } from './recursive-gaussian';

/** Relative weight of the input beyond the margin. */
const MARGIN_DECAY = 1e-12;

/** Inclusive index range along one axis. */
type Range = [number, number];

/** A float32 field over the product of three index ranges of the image grid (x fastest). */
interface Field {
  ranges: [Range, Range, Range];
  data: Float32Array | Volume['data'];
}

/**
 * σ²·∇²(G_σ * image) over `box` (x fastest, the box's size), float32 values. Refuses what PyRadiomics skips with a
 * warning (getLoGImage) and ITK cannot filter: σ ≤ 0, an image under 4 voxels along an axis (the recursion's
 * initialisation needs 4 samples), or an axis shorter than ceil(σ/spacing) + 1 voxels.
 */
export function laplacianOfGaussian(image: Volume, sigma: number, box: Box): Float32Array {
  assertLogApplies(image, sigma);
  // At least 2 voxels so that every line keeps ITK's minimum of 4 samples where the image has them.
  const margin = [0, 1, 2].map((a) => {
    const decay = recursiveGaussian(sigma, image.spacing[a], 0, false).decay;
    return Math.max(2, Math.ceil(Math.log(MARGIN_DECAY) / Math.log(decay)));
  });
  const outer = [0, 1, 2].map((a) => [Math.max(box.lo[a] - margin[a], 0), Math.min(box.hi[a] + margin[a], image.size[a] - 1)]) as Field['ranges'];
  const inner = [0, 1, 2].map((a) => [box.lo[a], box.hi[a]]) as Field['ranges'];
  const input: Field = { ranges: [[0, image.size[0] - 1], [0, image.size[1] - 1], [0, image.size[2] - 1]], data: image.data };
  const smoothing = [0, 1, 2].map((a) => recursiveGaussian(sigma, image.spacing[a], 0, true));
  const sum = new Float32Array(lengthOf(inner));
  for (let d = 0; d < 3; d++) {
    const [s1, s2] = [0, 1, 2].filter((a) => a !== d);
    // Output region of each pass: the box along the axes already filtered, the margin box along the others.
    const first = withRange(outer, d, inner[d]);
    const derivative = pass(input, d, recursiveGaussian(sigma, image.spacing[d], 2, true), outer, first);
    const second = withRange(first, s1, inner[s1]);
    const smoothed = pass(pass(derivative, s1, smoothing[s1], first, second), s2, smoothing[s2], second, inner);
    const scale = 1 / (image.spacing[d] * image.spacing[d]);
    for (let n = 0; n < sum.length; n++) sum[n] = sum[n] + smoothed.data[n] * scale;
  }
  return sum;
}

function assertLogApplies(image: Volume, sigma: number): void {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new Error(`LoG: sigma must be a positive number of mm, got ${sigma}`);
  const { size, spacing } = image;
  if (Math.min(...size) < 4) {
    throw new Error(`LoG: the image is ${size.join(' x ')} voxels; the recursive Gaussian needs at least 4 voxels along every axis`);
  }
  for (let a = 0; a < 3; a++) {
    const needed = Math.ceil(sigma / spacing[a]) + 1;
    if (size[a] < needed) {
      throw new Error(
        `LoG: sigma ${sigma} mm is too large for this image: along ${'xyz'[a]} (spacing ${spacing[a]} mm) it needs ` +
          `ceil(sigma / spacing) + 1 = ${needed} voxels, the image has ${size[a]}`,
      );
    }
  }
}

function withRange(ranges: Field['ranges'], axis: number, range: Range): Field['ranges'] {
  return ranges.map((r, a) => (a === axis ? range : r)) as Field['ranges'];
}

function lengthOf(ranges: Field['ranges']): number {
  return ranges.reduce((n, [lo, hi]) => n * (hi - lo + 1), 1);
}

/**
 * One recursive pass along `axis` over the lines of `region` (a sub-box of `field`, lines spanning `region` along
 * `axis`), keeping the samples of `out` (a sub-box of `region`).
 */
function pass(field: Field, axis: number, c: RecursiveCoefficients, region: Field['ranges'], out: Field['ranges']): Field {
  const fieldSize = field.ranges.map(([lo, hi]) => hi - lo + 1) as Vec3;
  const outSize = out.map(([lo, hi]) => hi - lo + 1) as Vec3;
  const inStrides = [1, fieldSize[0], fieldSize[0] * fieldSize[1]];
  const outStrides = [1, outSize[0], outSize[0] * outSize[1]];
  const data = new Float32Array(outSize[0] * outSize[1] * outSize[2]);
  const length = region[axis][1] - region[axis][0] + 1;
  const inOffset = (a: number, index: number) => (index - field.ranges[a][0]) * inStrides[a];
  const from = out[axis][0] - region[axis][0];
  const to = out[axis][1] - region[axis][0];
  // Lines along x are filtered one by one; along y and z, a row of x samples is filtered together (interleaved).
  const width = axis === 0 ? 1 : outSize[0];
  const causal = new Float64Array(length * width);
  const anticausal = new Float64Array(length * width);
  // The other axes' indices of each line (or row of lines); the filtered axis' index is set from the regions.
  const ks = axis === 2 ? [0] : range(out[2]);
  const js = axis === 1 ? [0] : range(out[1]);
  for (const k of ks) {
    for (const j of js) {
      const at = [out[0][0], j, k];
      at[axis] = region[axis][0];
      const inBase = inOffset(0, at[0]) + inOffset(1, at[1]) + inOffset(2, at[2]);
      at[axis] = out[axis][0];
      const outBase = (at[0] - out[0][0]) * outStrides[0] + (at[1] - out[1][0]) * outStrides[1] + (at[2] - out[2][0]) * outStrides[2];
      filterLines(c, field.data, inBase, inStrides[axis], length, width, data, outBase, outStrides[axis], from, to, causal, anticausal);
    }
  }
  return { ranges: out, data };
}

function range([lo, hi]: Range): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
}
