// The patient around the tumour: breast size and composition, chest wall, and a few benign cysts.
// None of these differ by HER2 status; the ranges are our choices for a plausible adult prone breast MRI
// (README, "Anatomy").
import { Random } from './random';
import type { TumourLocation } from './phenotype';

export type BreastDensity = 'fatty' | 'scattered' | 'heterogeneous' | 'extreme';
export type BackgroundEnhancement = 'minimal' | 'mild' | 'moderate' | 'marked';

export interface Cyst {
  location: TumourLocation;
  radiusMm: number;
}

export interface AnatomyParameters {
  ageYears: number;
  /** Base-to-nipple length of each breast lying prone (mm). */
  breastLengthMm: number;
  /** Half-width (left-right) and half-height (cranio-caudal) of each breast at its base (mm). */
  breastRadiusMm: [number, number];
  /** Distance of each breast's axis from the midline at the chest wall (mm). */
  breastOffsetMm: number;
  /** Outward tilt of the breast axes from straight anterior (degrees). */
  breastSplayDeg: number;
  /** BI-RADS breast composition a-d. */
  density: BreastDensity;
  /** BI-RADS background parenchymal enhancement. */
  backgroundEnhancement: BackgroundEnhancement;
  skinThicknessMm: number;
  subcutaneousFatMm: number;
  pectoralThicknessMm: number;
  /** Half-width and half-depth of the torso's elliptical cross-section (mm). */
  torsoRadiusMm: [number, number];
  cysts: Cyst[];
  /** Seed of the glandular texture, background enhancement pattern and coil bias field. */
  textureSeed: number;
}

/**
 * Draws the anatomy of one case. `minimumBreast` makes the breast large enough to hold the tumour
 * (length and base radius in mm), since a 5 cm tumour does not occur in a 6 cm breast.
 */
export function sampleAnatomy(
  seed: number,
  minimumBreast: { lengthMm: number; radiusMm: number } = { lengthMm: 0, radiusMm: 0 },
): AnatomyParameters {
  const r = new Random(seed, 'anatomy');
  const torsoRadius: [number, number] = [round(r.uniform(150, 175), 1), round(r.uniform(100, 120), 1)];
  // The breast bases sit on the front of the chest, a hand's width apart, and may not overlap the midline.
  const offset = Math.min(
    0.7 * torsoRadius[0],
    Math.max(r.uniform(0.5, 0.62) * torsoRadius[0], minimumBreast.radiusMm + 14),
  );
  const radiusX = Math.min(offset - 12, Math.max(r.uniform(52, 70), minimumBreast.radiusMm));
  const radiusZ = Math.max(r.uniform(48, 65), minimumBreast.radiusMm);
  const cystCount = r.pick({ 0: 0.45, 1: 0.3, 2: 0.15, 3: 0.1 });
  const cysts: Cyst[] = [];
  for (let i = 0; i < Number(cystCount); i++) {
    cysts.push({
      location: {
        side: r.chance(0.5) ? 'left' : 'right',
        clockFace: round(r.uniform(0, 12), 2),
        radialDistanceMm: round(r.uniform(0, 35), 1),
        depth: round(r.uniform(0.2, 0.8), 3),
      },
      radiusMm: round(r.uniform(1.5, 5), 1),
    });
  }
  return {
    ageYears: Math.round(r.truncatedNormal(52, 10, 28, 86)),
    breastLengthMm: round(Math.max(r.uniform(70, 125), minimumBreast.lengthMm), 1),
    breastRadiusMm: [round(radiusX, 1), round(radiusZ, 1)],
    breastOffsetMm: round(offset, 1),
    breastSplayDeg: round(r.uniform(5, 18), 1),
    density: r.pick({ fatty: 0.1, scattered: 0.4, heterogeneous: 0.4, extreme: 0.1 }),
    backgroundEnhancement: r.pick({ minimal: 0.48, mild: 0.32, moderate: 0.15, marked: 0.05 }),
    skinThicknessMm: round(r.uniform(1.5, 2.5), 2),
    subcutaneousFatMm: round(r.uniform(5, 14), 1),
    pectoralThicknessMm: round(r.uniform(8, 16), 1),
    torsoRadiusMm: torsoRadius,
    cysts,
    textureSeed: r.integer(0, 2 ** 31 - 1),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
