// Contrast enhancement over time. E(t) is the relative enhancement (S(t) - S0) / S0, t in seconds after
// the start of the injection.
import type { CurveType, TumourKinetics } from './phenotype';

const { exp, log } = Math;

/** The initial and late reference times of TumourKinetics (s): 2 and 6 minutes. */
export const EARLY_TIME_S = 120;
export const LATE_TIME_S = 360;

/** Model constants of Fan et al. 2004: E(t) = A (1 - exp(-alpha t)) exp(-beta t). */
export interface CurveModel {
  amplitude: number;
  alpha: number;
  beta: number;
}

/** Solves A and beta so that E(120 s) = initialEnhancement and E(360 s) / E(120 s) = 1 + lateChange. */
export function curveModel(k: TumourKinetics): CurveModel {
  if (!(k.washInRate > 0)) throw new Error(`kinetics.washInRate must be > 0, got ${k.washInRate}`);
  if (!(k.initialEnhancement > 0))
    throw new Error(`kinetics.initialEnhancement must be > 0, got ${k.initialEnhancement}`);
  if (!(k.lateChange > -1)) throw new Error(`kinetics.lateChange must be > -1, got ${k.lateChange}`);
  const uptakeEarly = 1 - exp(-k.washInRate * EARLY_TIME_S);
  const uptakeLate = 1 - exp(-k.washInRate * LATE_TIME_S);
  const beta = (log(uptakeLate / uptakeEarly) - log(1 + k.lateChange)) / (LATE_TIME_S - EARLY_TIME_S);
  const amplitude = k.initialEnhancement / (uptakeEarly * exp(-beta * EARLY_TIME_S));
  return { amplitude, alpha: k.washInRate, beta };
}

export function curveEnhancement(m: CurveModel, t: number): number {
  return t <= 0 ? 0 : m.amplitude * (1 - exp(-m.alpha * t)) * exp(-m.beta * t);
}

/** BI-RADS delayed-phase curve type from the enhancement at the initial and last time (Kuhl et al. 1999: ±10 %). */
export function classifyCurve(early: number, late: number): CurveType {
  const change = (late - early) / early;
  return change > 0.1 ? 'persistent' : change < -0.1 ? 'washout' : 'plateau';
}

/**
 * Slow progressive enhancement of normal tissue (background parenchyma, muscle, skin), reaching `at360s`
 * six minutes after injection. The 250 s time constant is our choice: no seed study reports one.
 */
export function progressiveEnhancement(at360s: number, t: number): number {
  return t <= 0 ? 0 : (at360s * (1 - exp(-t / 250))) / (1 - exp(-LATE_TIME_S / 250));
}

/**
 * Blood pool (heart, vessels): a first-pass peak about 30 s after injection that settles to a recirculation
 * level; the shape is a simplification chosen so that the heart is brightest on the first post-contrast phase.
 */
export function bloodEnhancement(t: number): number {
  return t <= 0 ? 0 : 4.5 * (1 - exp(-t / 10)) * (0.4 + 0.6 * exp(-t / 110));
}

/**
 * The kinetics a reader's analysis of the written study should find, computed from the noise-free signal: the
 * mean of the ground-truth mask in each phase and its initial enhancement.
 */
export interface DesignedKinetics {
  /** Start of each phase after the start of the injection (s): AcquisitionTime - ContrastBolusStartTime. */
  timeS: number[];
  /** Noise-free mean signal of the mask in each phase (phase 0 is pre-contrast). */
  meanSignal: number[];
  /** The initial phase: the last post-contrast phase starting within EARLY_TIME_S, else the first one. */
  initialPhaseIndex: number;
  /** 100 (S_initial - S_pre) / S_pre of the noise-free mask mean. */
  initialEnhancementPercent: number;
}

/** BI-RADS's initial phase ends 2 minutes after injection; see docs/kinetics.md for the rule both sides use. */
export function designedKinetics(phaseStartS: number[], meanSignal: number[]): DesignedKinetics {
  let initialPhaseIndex = 1;
  for (let p = 1; p < phaseStartS.length; p++) if (phaseStartS[p] <= EARLY_TIME_S) initialPhaseIndex = p;
  const pre = meanSignal[0];
  return {
    timeS: [...phaseStartS],
    meanSignal: meanSignal.map((s) => Number(s.toFixed(4))),
    initialPhaseIndex,
    initialEnhancementPercent: Number(((100 * (meanSignal[initialPhaseIndex] - pre)) / pre).toFixed(4)),
  };
}
