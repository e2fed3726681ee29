// Decomposition filters of the wavelets this engine provides, as PyWavelets has them (pywt.Wavelet(name).dec_lo,
// dec_hi): Haar, Daubechies db1–db20, the symlets sym2–sym6, sym8, sym9, sym13 and the coiflets coif2, coif3 computed
// from their definitions (wavelet-families.ts); coif1, PyRadiomics' default, as PyWavelets 1.1.1 tabulates it (the
// computed one agrees within 1e-16; the table keeps the reference comparisons bit for bit). dec_lo is rec_lo
// reversed; the high-pass filter is the quadrature mirror dec_hi[k] = (−1)^(k+1)·dec_lo[L−1−k].
import { coiflet, daubechies, symlet } from './wavelet-families';

const COIF1_DEC_LO: readonly number[] = [
  -0.015655728135791993, -0.07273261951252645, 0.3848648468648578, 0.8525720202116004, 0.3378976624574818,
  -0.07273261951252645,
];

const SYMLETS = [2, 3, 4, 5, 6, 8, 9, 13];
const AVAILABLE = `haar, db1–db20, ${SYMLETS.map((n) => `sym${n}`).join(', ')}, coif1–coif3`;

/** Every name offered, with how its reconstruction low-pass filter (rec_lo) is made. */
const REC_LO = new Map<string, () => number[]>([
  ['haar', () => daubechies(1)],
  ...Array.from({ length: 20 }, (_, k): [string, () => number[]] => [`db${k + 1}`, () => daubechies(k + 1)]),
  ...SYMLETS.map((n): [string, () => number[]] => [`sym${n}`, () => symlet(n)]),
  ['coif1', () => [...COIF1_DEC_LO].reverse()],
  ['coif2', () => coiflet(2)],
  ['coif3', () => coiflet(3)],
]);

export interface WaveletFilters {
  lo: readonly number[];
  hi: readonly number[];
}

/** Decomposition low-pass filters computed so far (the symlets' root search is worth keeping). */
const cache = new Map<string, readonly number[]>();

function decompositionLowpass(name: string): readonly number[] | undefined {
  const make = REC_LO.get(name);
  if (!make) return undefined;
  let lo = cache.get(name);
  if (!lo) {
    lo = make().reverse();
    cache.set(name, lo);
  }
  return lo;
}

export function waveletFilters(name: string): WaveletFilters {
  const lo = decompositionLowpass(name);
  if (!lo) {
    throw new Error(
      `wavelet "${name}" is not available in this engine; available: ${AVAILABLE} ` +
        "(PyWavelets' other wavelets: coif4–coif17, db21–db38, the other symlets, bior, rbio and dmey, are not)",
    );
  }
  const L = lo.length;
  return { lo, hi: lo.map((_, k) => (k % 2 === 0 ? -1 : 1) * lo[L - 1 - k]) };
}
