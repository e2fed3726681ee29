// Decomposition low-pass filters of the wavelets this engine provides, as PyWavelets tabulates them (pywt.Wavelet(name)
// .dec_lo); the high-pass filter is the quadrature mirror dec_hi[k] = (−1)^(k+1)·dec_lo[L−1−k].
const DEC_LO: Record<string, readonly number[]> = {
  haar: [0.7071067811865476, 0.7071067811865476],
  db1: [0.7071067811865476, 0.7071067811865476],
  db2: [-0.12940952255126037, 0.22414386804201339, 0.8365163037378079, 0.48296291314453416],
  sym2: [-0.12940952255126037, 0.22414386804201339, 0.8365163037378079, 0.48296291314453416],
  db3: [0.035226291882100656, -0.08544127388224149, -0.13501102001039084, 0.4598775021193313, 0.8068915093133388, 0.3326705529509569],
  coif1: [
    -0.015655728135791993, -0.07273261951252645, 0.3848648468648578, 0.8525720202116004, 0.3378976624574818,
    -0.07273261951252645,
  ],
};

export interface WaveletFilters {
  lo: readonly number[];
  hi: readonly number[];
}

export function waveletFilters(name: string): WaveletFilters {
  const lo = DEC_LO[name];
  if (!lo) {
    throw new Error(`wavelet "${name}" is not available in this engine; available: ${Object.keys(DEC_LO).join(', ')}`);
  }
  const L = lo.length;
  return { lo, hi: lo.map((_, k) => (k % 2 === 0 ? -1 : 1) * lo[L - 1 - k]) };
}
