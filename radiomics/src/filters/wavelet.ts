// PyRadiomics' wavelet image type (imageoperations.getWaveletImage → _swt3): PyWavelets' stationary (undecimated)
// transform with periodic borders, one single-level transform per level along x, then y, then z (force2D skips the
// force2Ddimension axis), each level transforming the previous approximation with the same undilated filters. An
// odd-length axis is first padded by one sample copied from index 0. Per axis, with filter f of even length L on a
// periodic signal of length N: out[n] = Σ_j f[j]·x[(n − j + L/2) mod N]. Bands are named by the filter per axis in x,
// y, z order (L = low, H = high), yielded LLH … HHH per level after start_level, then the last approximation LLL;
// with force2D the skipped axis has no letter (LH, HL, HH, then LL), as PyRadiomics names them.
// See docs/pyradiomics-notes.md §6.2.
//
// Only the voxels of `box` are returned (the extractor crops to it anyway): each output depends on L input samples
// per axis, so the transform runs on the box grown by the filters' support, level by level, never on the whole image.
import { boxImage, type DerivedImage } from '../derived-image';
import type { Box } from '../region';
import type { Settings } from '../settings';
import type { Vec3, Volume } from '../volume';
import { waveletFilters } from './wavelet-filters';

/** A field on the product of three lists of (padded, periodic) indices. */
interface Field {
  axes: [number[], number[], number[]];
  data: Float64Array;
}

export function waveletImages(image: Volume, box: Box, settings: Settings): DerivedImage[] {
  const { lo, hi } = waveletFilters(settings.wavelet);
  const periods = image.size.map((n) => n + (n % 2)) as Vec3;
  const active = [0, 1, 2].map((axis) => !(settings.force2D && axis === 2 - settings.force2Ddimension));
  const levels = settings.start_level + settings.level;
  // One letter per transformed axis, x first: force2D drops the skipped axis from the names (PyWavelets' swtn over
  // the remaining axes names its bands with one letter per axis, so PyRadiomics' 2D bands are LH, HL, HH and LL).
  const lowName = 'L'.repeat(active.filter(Boolean).length);
  const L = lo.length;
  // Indices needed per axis at each level's input, from the box outwards.
  const wanted: [number[], number[], number[]][] = [];
  let need = [0, 1, 2].map((a) => range(box.lo[a], box.hi[a])) as [number[], number[], number[]];
  for (let level = levels - 1; level >= 0; level--) {
    wanted[level] = need;
    need = need.map((list, a) => (active[a] ? support(list, L, periods[a]) : list)) as [number[], number[], number[]];
  }
  let approximation = inputField(image, need);
  const out: DerivedImage[] = [];
  for (let level = 0; level < levels; level++) {
    const bands = transform(approximation, wanted[level], lo, hi, periods, active);
    approximation = bands.get(lowName)!;
    if (level < settings.start_level) continue;
    const k = level - settings.start_level + 1;
    const prefix = k === 1 ? 'wavelet-' : `wavelet${k}-`;
    for (const name of detailNames(lowName.length))
      out.push({ name: prefix + name, image: boxImage(image, box, bands.get(name)!.data), box });
  }
  const approximationName = settings.level === 1 ? `wavelet-${lowName}` : `wavelet${settings.level}-${lowName}`;
  out.push({ name: approximationName, image: boxImage(image, box, approximation.data), box });
  return out;
}

/** The detail bands of `letters` axes in PyWavelets' order (every L/H word but the all-L one, L before H). */
function detailNames(letters: number): string[] {
  const names: string[] = [];
  for (let code = 1; code < 1 << letters; code++) {
    names.push(Array.from({ length: letters }, (_, k) => ((code >> (letters - 1 - k)) & 1 ? 'H' : 'L')).join(''));
  }
  return names;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/** The sorted periodic indices n − j + L/2 (mod N), j = 0 … L−1, over every n in `list`. */
function support(list: number[], L: number, period: number): number[] {
  const set = new Set<number>();
  for (const n of list) for (let j = 0; j < L; j++) set.add((((n - j + L / 2) % period) + period) % period);
  return [...set].sort((a, b) => a - b);
}

function inputField(image: Volume, axes: [number[], number[], number[]]): Field {
  const [nx, ny] = image.size;
  // The padding sample of an odd axis (index N) repeats index 0.
  const real = axes.map((list, a) => list.map((p) => (p === image.size[a] ? 0 : p)));
  const data = new Float64Array(axes[0].length * axes[1].length * axes[2].length);
  let n = 0;
  for (const z of real[2])
    for (const y of real[1]) for (const x of real[0]) data[n++] = image.data[x + nx * (y + ny * z)];
  return { axes, data };
}

/** One level: the 8 bands over `wanted`, filtering x, then y, then z. */
function transform(
  input: Field,
  wanted: [number[], number[], number[]],
  lo: readonly number[],
  hi: readonly number[],
  periods: Vec3,
  active: boolean[],
): Map<string, Field> {
  let fields = new Map<string, Field>([['', input]]);
  for (let axis = 0; axis < 3; axis++) {
    const next = new Map<string, Field>();
    for (const [name, field] of fields) {
      if (!active[axis]) {
        // An axis left untransformed (force2D) passes through unnamed; its index list is unchanged.
        next.set(name, field);
        continue;
      }
      next.set(name + 'L', filterAxis(field, axis, wanted[axis], lo, periods[axis]));
      next.set(name + 'H', filterAxis(field, axis, wanted[axis], hi, periods[axis]));
    }
    fields = next;
  }
  return fields;
}

function filterAxis(field: Field, axis: number, outputs: number[], f: readonly number[], period: number): Field {
  const L = f.length;
  const position = new Int32Array(period).fill(-1);
  field.axes[axis].forEach((p, k) => (position[p] = k));
  const axes = field.axes.map((list, a) => (a === axis ? outputs : list)) as Field['axes'];
  const [ix, iy] = [field.axes[0].length, field.axes[1].length];
  const inStride = [1, ix, ix * iy][axis];
  const [ox, oy, oz] = axes.map((list) => list.length);
  const outStride = [1, ox, ox * oy][axis];
  // Input offsets of the L taps for every output index along the axis.
  const taps = outputs.map((n) => f.map((_, j) => position[(((n - j + L / 2) % period) + period) % period] * inStride));
  const data = new Float64Array(ox * oy * oz);
  const counts = [ox, oy, oz];
  const lines = (ox * oy * oz) / counts[axis];
  for (let line = 0; line < lines; line++) {
    // Base offsets of this line in input and output (the filtered axis at 0).
    let rest = line;
    let inBase = 0;
    let outBase = 0;
    for (let a = 0; a < 3; a++) {
      if (a === axis) continue;
      const c = rest % counts[a];
      rest = (rest - c) / counts[a];
      inBase += c * [1, ix, ix * iy][a];
      outBase += c * [1, ox, ox * oy][a];
    }
    for (let t = 0; t < outputs.length; t++) {
      const tap = taps[t];
      let sum = 0;
      for (let j = 0; j < L; j++) sum += f[j] * field.data[inBase + tap[j]];
      data[outBase + t * outStride] = sum;
    }
  }
  return { axes, data };
}
