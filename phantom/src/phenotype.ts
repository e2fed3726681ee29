// Tumour phenotype: what a radiologist would describe, as numbers the generator can draw.
// Every probability below is documented with its source in ../README.md ("Phenotype distributions").
import { Random } from './random';
import type { Vec3 } from './volume';

export type Her2Status = 'positive' | 'negative';
export type TumourShape = 'round' | 'oval' | 'irregular';
export type TumourMargin = 'circumscribed' | 'irregular' | 'spiculated';
export type EnhancementPattern = 'homogeneous' | 'heterogeneous' | 'rim';
export type CurveType = 'persistent' | 'plateau' | 'washout';
export type T2Signal = 'hypo-iso' | 'hyper' | 'mixed';

/** Where the tumour sits, as a breast radiologist reports it. */
export interface TumourLocation {
  side: 'left' | 'right';
  /** Clock face seen from the front of the patient, 12 = superior (1..12, fractions allowed). */
  clockFace: number;
  /** Distance from the breast axis in the coronal plane (mm). */
  radialDistanceMm: number;
  /** Position between nipple (0) and chest wall (1) along the breast axis. */
  depth: number;
}

/**
 * Time–intensity curve of the viable tumour, in the empirical mathematical model of Fan et al. (Magn Reson Med
 * 2004;51:964): E(t) = A (1 - exp(-alpha t)) exp(-beta t), with E the relative enhancement (1 = +100 %).
 * Given here by the quantities a reader measures; A and beta follow from them (see kinetics.ts).
 */
export interface TumourKinetics {
  curveType: CurveType;
  /** Relative enhancement 120 s after injection (the end of the initial phase in BI-RADS). */
  initialEnhancement: number;
  /** Relative change of enhancement from 120 s to 360 s (> +0.1 persistent, < -0.1 washout). */
  lateChange: number;
  /** Wash-in rate alpha (1/s). */
  washInRate: number;
}

export interface TumourParameters {
  her2: Her2Status;
  location: TumourLocation;
  /** Longest diameter of the underlying ellipsoid (mm); lobules and spicules add to the outline. */
  diameterMm: number;
  /** Second and third semi-axes relative to the first (0 < ratio <= 1). */
  axisRatios: [number, number];
  /** Orientation of the principal axes: rotations about z, y, x (degrees). */
  orientationDeg: Vec3;
  shape: TumourShape;
  margin: TumourMargin;
  /** Relative radius added by lobules (0 = smooth ellipsoid). */
  lobulation: number;
  /** Relative radius of fine margin roughness (indistinct / irregular margins). */
  marginRoughness: number;
  spiculeCount: number;
  spiculeLengthMm: number;
  enhancementPattern: EnhancementPattern;
  /** Amplitude of the spatial variation of enhancement inside the tumour (0..1). */
  heterogeneity: number;
  rimThicknessMm: number;
  /** Radius of the necrotic core relative to the tumour (0 = none). */
  necrosisFraction: number;
  kinetics: TumourKinetics;
  t2Signal: T2Signal;
  /** Extent of peritumoral oedema beyond the margin (mm, 0 = none). */
  oedemaExtentMm: number;
  /** Apparent diffusion coefficient of the viable tumour (10^-6 mm^2/s). */
  adc: number;
  /** Seed of the tumour's texture, lobules and spicules. */
  textureSeed: number;
}

interface Distribution {
  diameterMm: { mean: number; sd: number };
  irregularShape: number;
  notCircumscribed: number;
  enhancementPattern: Record<EnhancementPattern, number>;
  necrosis: number;
  oedema: number;
  curveType: Record<CurveType, number>;
  t2Signal: Record<T2Signal, number>;
  adc: { mean: number; sd: number };
}

/**
 * Phenotype distributions by HER2 status. Proportions are the pooled training + testing counts of Li et al.
 * (seed 001, Tables 1-2, IHC 2+ cohort: 65 FISH-negative, 42 FISH-positive) unless the README says otherwise.
 */
export const PHENOTYPE_DISTRIBUTIONS: Record<Her2Status, Distribution> = {
  negative: {
    diameterMm: { mean: 25.2, sd: 7.9 },
    irregularShape: 19 / 65,
    notCircumscribed: 31 / 65,
    enhancementPattern: { rim: 12 / 65, heterogeneous: 38 / 65, homogeneous: 15 / 65 },
    necrosis: 23 / 65,
    oedema: 28 / 65,
    curveType: { persistent: 3 / 65, plateau: 37 / 65, washout: 25 / 65 },
    t2Signal: { 'hypo-iso': 12 / 65, hyper: 28 / 65, mixed: 25 / 65 },
    adc: { mean: 900, sd: 150 },
  },
  positive: {
    diameterMm: { mean: 27.6, sd: 12.0 },
    irregularShape: 20 / 42,
    notCircumscribed: 30 / 42,
    enhancementPattern: { rim: 18 / 42, heterogeneous: 19 / 42, homogeneous: 5 / 42 },
    necrosis: 17 / 42,
    oedema: 31 / 42,
    curveType: { persistent: 2 / 42, plateau: 31 / 42, washout: 9 / 42 },
    t2Signal: { 'hypo-iso': 11 / 42, hyper: 21 / 42, mixed: 10 / 42 },
    adc: { mean: 1000, sd: 150 },
  },
};

/** Share of HER2-positive cases when the status is drawn (the brief's ~30 %; see README). */
export const HER2_POSITIVE_RATE = 0.3;

/** Share of spiculated margins among non-circumscribed ones: no seed reports it, our choice. */
const SPICULATED_SHARE = 0.4;

/**
 * Late change (120 s -> 360 s) ranges per curve type, kept clear of the +/-10 % thresholds of Kuhl et al. 1999
 * so that a reader comparing the early peak with the last phase (up to 425 s) sees the drawn type.
 */
const LATE_CHANGE: Record<CurveType, [number, number]> = {
  persistent: [0.15, 0.4],
  plateau: [-0.02, 0.04],
  washout: [-0.4, -0.2],
};

/**
 * Draws tumour parameters for one case. Without `her2` the status itself is drawn (HER2_POSITIVE_RATE).
 * Pure: the same seed (and status) always gives the same parameters.
 */
export function samplePhenotype(seed: number, her2?: Her2Status): TumourParameters {
  const status: Her2Status = her2 ?? (new Random(seed, 'her2').chance(HER2_POSITIVE_RATE) ? 'positive' : 'negative');
  const r = new Random(seed, `phenotype-${status}`);
  const dist = PHENOTYPE_DISTRIBUTIONS[status];

  const diameterMm = r.logNormal(dist.diameterMm.mean, dist.diameterMm.sd, 8, 60);
  const shape: TumourShape = r.chance(dist.irregularShape) ? 'irregular' : r.chance(0.3) ? 'round' : 'oval';
  const margin: TumourMargin = !r.chance(dist.notCircumscribed)
    ? 'circumscribed'
    : r.chance(SPICULATED_SHARE)
      ? 'spiculated'
      : 'irregular';
  const axisRatios: [number, number] =
    shape === 'round' ? [r.uniform(0.85, 1), r.uniform(0.85, 1)] : [r.uniform(0.55, 0.85), r.uniform(0.5, 0.8)];
  const enhancementPattern = r.pick(dist.enhancementPattern);
  const curveType = r.pick(dist.curveType);
  const [lateLow, lateHigh] = LATE_CHANGE[curveType];
  const hasNecrosis = r.chance(dist.necrosis);
  const hasOedema = r.chance(dist.oedema);

  return {
    her2: status,
    location: {
      side: r.chance(0.5) ? 'left' : 'right',
      clockFace: round(r.uniform(0, 12), 2),
      radialDistanceMm: round(r.uniform(0, 25), 1),
      depth: round(r.uniform(0.3, 0.7), 3),
    },
    diameterMm: round(diameterMm, 1),
    axisRatios: [round(axisRatios[0], 3), round(axisRatios[1], 3)],
    orientationDeg: [round(r.uniform(0, 180), 1), round(r.uniform(-30, 30), 1), round(r.uniform(-30, 30), 1)],
    shape,
    margin,
    lobulation: round(shape === 'irregular' ? r.uniform(0.15, 0.35) : r.uniform(0, 0.04), 3),
    marginRoughness: round(
      margin === 'circumscribed'
        ? r.uniform(0, 0.02)
        : margin === 'irregular'
          ? r.uniform(0.08, 0.16)
          : r.uniform(0.04, 0.08),
      3,
    ),
    spiculeCount: margin === 'spiculated' ? r.integer(6, 14) : 0,
    spiculeLengthMm: margin === 'spiculated' ? round(r.uniform(4, 12), 1) : 0,
    enhancementPattern,
    heterogeneity: round(
      enhancementPattern === 'homogeneous'
        ? r.uniform(0.04, 0.1)
        : enhancementPattern === 'heterogeneous'
          ? r.uniform(0.3, 0.55)
          : r.uniform(0.15, 0.3),
      3,
    ),
    rimThicknessMm: round(r.uniform(1.5, 4), 1),
    necrosisFraction: hasNecrosis ? round(r.uniform(0.3, 0.6), 3) : 0,
    kinetics: {
      curveType,
      initialEnhancement: round(r.truncatedNormal(1.6, 0.35, 0.9, 2.6), 3),
      lateChange: round(r.uniform(lateLow, lateHigh), 3),
      washInRate: round(r.uniform(0.015, 0.045), 4),
    },
    t2Signal: r.pick(dist.t2Signal),
    oedemaExtentMm: hasOedema ? round(r.uniform(4, 15), 1) : 0,
    adc: Math.round(r.truncatedNormal(dist.adc.mean, dist.adc.sd, 600, 1500)),
    textureSeed: r.integer(0, 2 ** 31 - 1),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
