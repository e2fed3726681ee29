// IBSI intensity-volume histogram (reference manual §3.5) of the grey levels 1…ng: ν(i) = fraction of the ROI with
// level ≥ i, γ(i) = (i − 1)/(ng − 1). V_x = ν at the lowest level with γ ≥ x; I_x = the lowest level i with ν(i) ≤ x
// (the highest level when even its ν exceeds x).
export const IVH_FEATURES: readonly [string, string, string][] = [
  ['Volume at intensity fraction', 'BC2M', 'volume fraction at 10% intensity'],
  ['Volume at intensity fraction', 'BC2M', 'volume fraction at 90% intensity'],
  ['Intensity at volume fraction', 'GBPN', 'intensity at 10% volume'],
  ['Intensity at volume fraction', 'GBPN', 'intensity at 90% volume'],
  [
    'Volume fraction difference between intensity fractions',
    'DDTU',
    'volume fraction difference between 10% and 90% intensity',
  ],
  ['Intensity fraction difference between volume fractions', 'CNV2', 'intensity difference between 10% and 90% volume'],
];

export function intensityVolumeHistogram(levels: ArrayLike<number>, ng: number): number[] {
  const counts = new Float64Array(ng + 2);
  for (let k = 0; k < levels.length; k++) counts[levels[k]]++;
  // ν(i) for i = 1…ng+1 (ν(ng+1) = 0).
  const nu = new Float64Array(ng + 2);
  for (let i = ng; i >= 1; i--) nu[i] = nu[i + 1] + counts[i] / levels.length;
  const gamma = (i: number) => (ng === 1 ? 0 : (i - 1) / (ng - 1));
  const volumeAt = (x: number) => {
    for (let i = 1; i <= ng; i++) if (gamma(i) >= x) return nu[i];
    return 0;
  };
  const intensityAt = (x: number) => {
    for (let i = 1; i <= ng; i++) if (nu[i] <= x) return i;
    return ng;
  };
  const [v10, v90, i10, i90] = [volumeAt(0.1), volumeAt(0.9), intensityAt(0.1), intensityAt(0.9)];
  return [v10, v90, i10, i90, v10 - v90, i10 - i90];
}
