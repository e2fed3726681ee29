// Signal of each tissue class in each sequence. Units are arbitrary scanner units in the range a 12-bit MR
// image uses; the ratios between tissues follow the usual appearance of each sequence (README, "Contrast").
import { bloodEnhancement, curveEnhancement, progressiveEnhancement, type CurveModel } from './kinetics';
import type { BackgroundEnhancement } from './anatomy';
import type { TissueSample } from './tissue';

const { exp } = Math;

/** Fat-suppressed T1 gradient echo before contrast. */
const T1 = {
  fat: 45,
  gland: 260,
  skin: 250,
  muscle: 165,
  bone: 70,
  lung: 12,
  blood: 190,
  nipple: 265,
  cyst: 110,
  oedema: 185,
  tumour: 250,
  necrosis: 165,
};

/** Enhancement of background parenchyma six minutes after injection, by BI-RADS category (our choice). */
export const BACKGROUND_ENHANCEMENT_AT_360S: Record<BackgroundEnhancement, number> = {
  minimal: 0.08,
  mild: 0.2,
  moderate: 0.4,
  marked: 0.7,
};

/** Relative enhancement of every class at one post-injection time. */
export interface DceFrame {
  fat: number;
  gland: number;
  skin: number;
  muscle: number;
  bone: number;
  lung: number;
  blood: number;
  nipple: number;
  oedema: number;
  necrosis: number;
  tumour: number;
  tumourCore: number;
}

/** Enhancement of every tissue at `t` seconds after injection (t < 0: before contrast). */
export function dceFrame(t: number, tumourCurve: CurveModel, background: BackgroundEnhancement): DceFrame {
  return {
    fat: progressiveEnhancement(0.05, t),
    gland: progressiveEnhancement(BACKGROUND_ENHANCEMENT_AT_360S[background], t),
    skin: progressiveEnhancement(0.45, t),
    muscle: progressiveEnhancement(0.35, t),
    bone: progressiveEnhancement(0.1, t),
    lung: progressiveEnhancement(0.05, t),
    blood: bloodEnhancement(t),
    nipple: progressiveEnhancement(0.9, t),
    oedema: progressiveEnhancement(0.15, t),
    necrosis: progressiveEnhancement(0.08, t),
    tumour: curveEnhancement(tumourCurve, t),
    // The centre of a rim-enhancing tumour fills in slowly (delayed centripetal enhancement).
    tumourCore: progressiveEnhancement(0.6, t),
  };
}

export function t1Signal(s: TissueSample, e: DceFrame, fatResidual: number): number {
  const tumourEnhancement = s.tumourGain * (s.tumourCurveShare * e.tumour + (1 - s.tumourCurveShare) * e.tumourCore);
  return (
    s.fat * T1.fat * fatResidual * (1 + e.fat) +
    s.gland * T1.gland * s.glandTone * (1 + s.backgroundGain * e.gland) +
    s.skin * T1.skin * (1 + e.skin) +
    s.muscle * T1.muscle * (1 + e.muscle) +
    s.bone * T1.bone * (1 + e.bone) +
    s.lung * T1.lung * (1 + e.lung) +
    s.blood * T1.blood * (1 + e.blood) +
    s.nipple * T1.nipple * (1 + e.nipple) +
    s.cyst * T1.cyst +
    s.oedema * T1.oedema * (1 + e.oedema) +
    s.tumour * T1.tumour * (1 + tumourEnhancement) +
    s.necrosis * T1.necrosis * (1 + e.necrosis)
  );
}

/** Fat-suppressed T2 turbo spin echo: water bright, flowing blood dark. */
const T2 = {
  fat: 55,
  gland: 165,
  skin: 190,
  muscle: 105,
  bone: 45,
  lung: 8,
  blood: 35,
  nipple: 185,
  cyst: 950,
  oedema: 680,
  necrosis: 720,
};

export function t2Signal(s: TissueSample, fatResidual: number): number {
  return (
    s.fat * T2.fat * fatResidual +
    s.gland * T2.gland * s.glandTone +
    s.skin * T2.skin +
    s.muscle * T2.muscle +
    s.bone * T2.bone +
    s.lung * T2.lung +
    s.blood * T2.blood +
    s.nipple * T2.nipple +
    s.cyst * T2.cyst +
    s.oedema * T2.oedema +
    s.tumour * s.tumourT2 +
    s.necrosis * T2.necrosis
  );
}

/** Echo-planar diffusion: b = 0 signal (T2-weighted at a longer echo time) and ADC (10^-6 mm^2/s). */
const DWI_B0 = {
  fat: 35,
  gland: 185,
  skin: 150,
  muscle: 120,
  bone: 30,
  lung: 5,
  blood: 25,
  nipple: 160,
  cyst: 650,
  oedema: 430,
  tumour: 270,
  necrosis: 460,
};
const ADC = {
  fat: 250,
  skin: 1200,
  muscle: 1450,
  bone: 500,
  lung: 2000,
  blood: 2800,
  nipple: 1500,
  cyst: 2800,
  oedema: 2100,
  necrosis: 2400,
};

export function diffusionSignal(
  s: TissueSample,
  b: number,
  fatResidual: number,
  glandAdc: number,
  tumourAdc: number,
): number {
  const k = -b * 1e-6;
  return (
    s.fat * DWI_B0.fat * fatResidual * exp(k * ADC.fat) +
    s.gland * DWI_B0.gland * s.glandTone * exp(k * glandAdc) +
    s.skin * DWI_B0.skin * exp(k * ADC.skin) +
    s.muscle * DWI_B0.muscle * exp(k * ADC.muscle) +
    s.bone * DWI_B0.bone * exp(k * ADC.bone) +
    s.lung * DWI_B0.lung * exp(k * ADC.lung) +
    s.blood * DWI_B0.blood * exp(k * ADC.blood) +
    s.nipple * DWI_B0.nipple * exp(k * ADC.nipple) +
    s.cyst * DWI_B0.cyst * exp(k * ADC.cyst) +
    s.oedema * DWI_B0.oedema * exp(k * ADC.oedema) +
    s.tumour * DWI_B0.tumour * exp(k * tumourAdc * s.tumourAdcGain) +
    s.necrosis * DWI_B0.necrosis * exp(k * ADC.necrosis)
  );
}
