// Laplacian of Gaussian as SimpleITK's LaplacianRecursiveGaussian computes it for PyRadiomics' `LoG` image type
// (itk::LaplacianRecursiveGaussianImageFilter, NormalizeAcrossScale on): for each axis d in turn, the recursive second
// derivative along d followed by recursive smoothing along the two other axes in increasing order, divided by
// spacing_d² and added to a float32 accumulator. Every intermediate image is float32, as ITK's InternalRealType is.
// See docs/pyradiomics-notes.md §6.1.
//
// The result is computed for the voxels of a box only, from the box grown by a margin per axis. The recursive filters
// have an infinite impulse response that decays as e^{−1.3732·n/σd}; beyond MARGIN_DECAY the input no longer reaches
// the box (below 1e-12 of the intensity range, far below float32 resolution), so the values inside the box equal the
// whole-image result. Each pass computes only the lines the next pass reads.
//
// The passes run in WebAssembly (recursive-rows.wat, the same arithmetic two lines at a time) on buffers laid out in
// its memory up front; an input float32 cannot hold, or a host without WebAssembly SIMD, takes the TypeScript passes.
import type { Box } from '../region';
import type { Volume } from '../volume';
import {
  filterContiguousLines,
  filterLines,
  recursiveGaussian,
  type RecursiveCoefficients,
} from './recursive-gaussian';
import { passScratchBytes, RowsArena, samplesBytes } from './recursive-rows';

/**
 * Smallest σ/spacing accepted. Deriche's second-derivative numerators cancel as σ/spacing falls: at 0.05 the
 * centre coefficient still has 12 significant digits, at 0.03 it is exactly 0 (measured), so the filter is refused
 * below 0.05 rather than returning noise. (PyRadiomics' own test data go down to 0.15: σ 1 mm on 6.5 mm slices.)
 */
const MIN_SIGMA_VOXELS = 0.05;

/** Relative weight of the input beyond the margin. */
const MARGIN_DECAY = 1e-12;

/** Inclusive index range along one axis. */
type Range = [number, number];

/** Float32 values (held as doubles) over the product of three index ranges of the image grid (x fastest). */
interface Field {
  ranges: Ranges;
  data: Samples;
}
/** Every intermediate image holds float32 values; only an input that float32 cannot hold exactly stays in doubles. */
type Samples = Float32Array | Float64Array;
type Ranges = [Range, Range, Range];

/**
 * σ²·∇²(G_σ * image) over `box` (x fastest, the box's size), float32 values, for each of `sigmas`. Refuses what
 * PyRadiomics skips with a warning (getLoGImage) and ITK cannot filter: σ ≤ 0, an image under 4 voxels along an
 * axis (the recursion's initialisation needs 4 samples), or an axis shorter than ceil(σ/spacing) + 1 voxels.
 */
export function laplaciansOfGaussian(image: Volume, sigmas: readonly number[], box: Box): Float32Array[] {
  for (const sigma of sigmas) assertLogApplies(image, sigma);
  const outers = sigmas.map((sigma) => marginBox(image, sigma, box));
  const inner = [0, 1, 2].map((a) => [box.lo[a], box.hi[a]]) as Ranges;
  // One copy of the input, over the largest margin box, serves every sigma.
  const whole = [0, 1, 2].map((a) => [
    Math.min(...outers.map((o) => o[a][0])),
    Math.max(...outers.map((o) => o[a][1])),
  ]) as Ranges;
  const arena = RowsArena.create(
    samplesBytes(lengthOf(whole)) + Math.max(...outers.map((outer) => sigmaBytes(outer, inner))),
  );
  const input: Field = { ranges: whole, data: cropInput(image, whole, arena) };
  return sigmas.map((sigma, k) => {
    const mark = arena?.mark();
    const result = laplacian(image, sigma, input, outers[k], inner, arena);
    if (mark !== undefined) arena!.release(mark);
    return result;
  });
}

/** The box grown by the recursive filters' reach for `sigma` (at least 2 voxels, so lines keep ITK's minimum of 4). */
function marginBox(image: Volume, sigma: number, box: Box): Ranges {
  return [0, 1, 2].map((a) => {
    const decay = recursiveGaussian(sigma, image.spacing[a], 0, false).decay;
    const margin = Math.max(2, Math.ceil(Math.log(MARGIN_DECAY) / Math.log(decay)));
    return [Math.max(box.lo[a] - margin, 0), Math.min(box.hi[a] + margin, image.size[a] - 1)];
  }) as Ranges;
}

/** The passes of one sigma: per axis d, the derivative along d, then smoothing along the two others in order. */
function passSequence(
  outer: Ranges,
  inner: Ranges,
  each: (axis: number, lines: Range, out: Ranges, step: 0 | 1 | 2, d: number) => void,
): void {
  for (let d = 0; d < 3; d++) {
    const [s1, s2] = [0, 1, 2].filter((a) => a !== d);
    // Each pass keeps the box along the axes filtered so far and the margin box along the others.
    const first = withRange(outer, d, inner[d]);
    const second = withRange(first, s1, inner[s1]);
    each(d, outer[d], first, 0, d);
    each(s1, outer[s1], second, 1, d);
    each(s2, outer[s2], inner, 2, d);
  }
}

/** Arena bytes the passes of one sigma need at most (every output kept, plus one pass's scratch). */
function sigmaBytes(outer: Ranges, inner: Ranges): number {
  let bytes = 0;
  passSequence(outer, inner, (axis, lines, out) => {
    bytes += samplesBytes(lengthOf(out));
    bytes += passScratchBytes(axis, lines[1] - lines[0] + 1, out[0][1] - out[0][0] + 1);
  });
  return bytes;
}

function laplacian(
  image: Volume,
  sigma: number,
  input: Field,
  outer: Ranges,
  inner: Ranges,
  arena: RowsArena | undefined,
): Float32Array {
  const smoothing = [0, 1, 2].map((a) => recursiveGaussian(sigma, image.spacing[a], 0, true));
  const sum = new Float32Array(lengthOf(inner));
  let field = input;
  passSequence(outer, inner, (axis, lines, out, step, d) => {
    const c = step === 0 ? recursiveGaussian(sigma, image.spacing[d], 2, true) : smoothing[axis];
    field = pass(step === 0 ? input : field, axis, lines, c, out, arena);
    if (step !== 2) return;
    const scale = 1 / (image.spacing[d] * image.spacing[d]);
    for (let n = 0; n < sum.length; n++) sum[n] = sum[n] + field.data[n] * scale;
  });
  return sum;
}

function assertLogApplies(image: Volume, sigma: number): void {
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new Error(`LoG: sigma must be a positive number of mm, got ${sigma}`);
  const { size, spacing } = image;
  if (Math.min(...size) < 4) {
    throw new Error(
      `LoG: the image is ${size.join(' x ')} voxels; the recursive Gaussian needs at least 4 voxels along every axis`,
    );
  }
  for (let a = 0; a < 3; a++) {
    if (sigma / spacing[a] < MIN_SIGMA_VOXELS) {
      throw new Error(
        `LoG: sigma ${sigma} mm is too small for the voxel spacing along ${'xyz'[a]} (${spacing[a]} mm): below ` +
          `${MIN_SIGMA_VOXELS} of a voxel the recursive filter's second-derivative coefficients lose every significant ` +
          `digit and it returns noise; use a sigma of at least ${(MIN_SIGMA_VOXELS * spacing[a]).toPrecision(3)} mm or resample the image`,
      );
    }
    const needed = Math.ceil(sigma / spacing[a]) + 1;
    if (size[a] < needed) {
      throw new Error(
        `LoG: sigma ${sigma} mm is too large for this image: along ${'xyz'[a]} (spacing ${spacing[a]} mm) it needs ` +
          `ceil(sigma / spacing) + 1 = ${needed} voxels, the image has ${size[a]}`,
      );
    }
  }
}

/** The input over `ranges`, in float32 when that holds every value exactly (always for 8/16-bit and float32 images). */
function cropInput(image: Volume, ranges: Ranges, arena: RowsArena | undefined): Samples {
  const narrow = crop(image, ranges, arena ? arena.samples(lengthOf(ranges)) : new Float32Array(lengthOf(ranges)));
  if (image.data instanceof Float32Array || image.data.BYTES_PER_ELEMENT <= 2) return narrow;
  const wide = crop(image, ranges, new Float64Array(lengthOf(ranges)));
  for (let n = 0; n < wide.length; n++) if (wide[n] !== narrow[n]) return wide;
  return narrow;
}

function crop<T extends Samples>(image: Volume, ranges: Ranges, out: T): T {
  const [[x0, x1], [y0, y1], [z0, z1]] = ranges;
  const [nx, ny] = image.size;
  const width = x1 - x0 + 1;
  let o = 0;
  for (let k = z0; k <= z1; k++) {
    for (let j = y0; j <= y1; j++, o += width) {
      const row = x0 + nx * (j + ny * k);
      out.set(image.data.subarray(row, row + width), o);
    }
  }
  return out;
}

function withRange(ranges: Ranges, axis: number, range: Range): Ranges {
  return ranges.map((r, a) => (a === axis ? range : r)) as Ranges;
}

function lengthOf(ranges: Ranges): number {
  return ranges.reduce((n, [lo, hi]) => n * (hi - lo + 1), 1);
}

/**
 * One recursive pass along `axis` over lines spanning `lines` (within the field's range along the axis), keeping the
 * samples of `out` (a sub-box of the field's ranges). Lines are filtered a row at a time: along y or z the row runs
 * over x; along x it runs over y.
 */
function pass(
  field: Field,
  axis: number,
  lines: Range,
  c: RecursiveCoefficients,
  out: Ranges,
  arena: RowsArena | undefined,
): Field {
  const fieldSize = field.ranges.map(([lo, hi]) => hi - lo + 1);
  const outSize = out.map(([lo, hi]) => hi - lo + 1);
  const inStrides = [1, fieldSize[0], fieldSize[0] * fieldSize[1]];
  const outStrides = [1, outSize[0], outSize[0] * outSize[1]];
  const across = axis === 0 ? 1 : 0;
  const loop = 3 - axis - across;
  const length = lines[1] - lines[0] + 1;
  const width = outSize[across];
  const data = arena ? arena.samples(lengthOf(out)) : new Float32Array(lengthOf(out));
  const first = out[axis][0] - lines[0];
  const last = out[axis][1] - lines[0];
  const rowStart =
    (out[across][0] - field.ranges[across][0]) * inStrides[across] +
    (lines[0] - field.ranges[axis][0]) * inStrides[axis];
  const wasm = arena?.holds(field.data) ? arena : undefined;
  // TypeScript scratch: along x one line's causal values; along y or z every line's, and the anticausal ring.
  const causal = wasm ? undefined : new Float64Array(axis === 0 ? length : length * width);
  const anticausal = wasm || axis === 0 ? undefined : new Float64Array(4 * width);
  for (let l = 0; l < outSize[loop]; l++) {
    const from = {
      base: rowStart + (out[loop][0] + l - field.ranges[loop][0]) * inStrides[loop],
      step: inStrides[axis],
      wStride: inStrides[across],
    };
    const to = { base: l * outStrides[loop], step: outStrides[axis], wStride: outStrides[across] };
    if (wasm && axis === 0) wasm.filterLines(c, field.data as Float32Array, from, length, width, data, to, first, last);
    else if (wasm) wasm.filterRows(c, field.data as Float32Array, from, length, width, data, to, first, last);
    else if (axis === 0) filterContiguousLines(c, field.data, from, length, width, data, to, first, last, causal!);
    else filterLines(c, field.data, from, length, width, data, to, first, last, causal!, anticausal!);
  }
  return { ranges: out, data };
}
