// Semi-quantitative measures of one time-intensity curve. Definitions and sources: docs/kinetics.md.
import { classifyCurveType, classifyInitialPhase, type CurveType, type InitialPhaseClass } from './classify';
import type { PhaseRoles } from './phases';
import type { KineticThresholds } from './thresholds';

export interface KineticMeasures {
  /** 100 (S_init - S_pre) / S_pre. */
  initialEnhancementPercent: number;
  /** The largest 100 (S_k - S_pre) / S_pre over the post-contrast phases. */
  peakEnhancementPercent: number;
  /** Time of that phase after the start of the injection (s). */
  timeToPeakS: number;
  /** Steepest rise of enhancement between consecutive phases up to the peak (%/min). */
  washInSlopePercentPerMin: number;
  /** Signal enhancement ratio (S_init - S_pre) / (S_last - S_pre); null when the last phase is not above S_pre. */
  ser: number | null;
  /** Change from the initial to the last phase, on the basis the thresholds name (%). */
  delayedChangePercent: number;
  initialPhase: InitialPhaseClass;
  curveType: CurveType;
}

/** Relative enhancement (%) of `signal` over `baseline`. */
export function enhancementPercent(signal: number, baseline: number): number {
  return (100 * (signal - baseline)) / baseline;
}

/** The delayed-phase change (%) on the basis chosen in the thresholds. */
export function delayedChangePercent(pre: number, init: number, last: number, t: KineticThresholds): number {
  return t.delayedChangeBasis === 'signal' ? (100 * (last - init)) / init : (100 * (last - init)) / (init - pre);
}

/**
 * Measures one curve. Returns a reason instead when the baseline is not positive or the curve does not enhance
 * (peak below thresholds.minimumEnhancementPercent), since neither gives a meaningful class.
 */
export function kineticMeasures(
  timeS: readonly number[],
  signal: readonly number[],
  roles: PhaseRoles,
  t: KineticThresholds,
): KineticMeasures | { reason: string } {
  const pre = signal[roles.baseline];
  if (!(pre > 0))
    return { reason: 'the pre-contrast signal of the outline is zero, so no relative enhancement exists' };
  let peak = roles.post[0];
  for (const p of roles.post) if (signal[p] > signal[peak]) peak = p;
  const peakEnhancementPercent = enhancementPercent(signal[peak], pre);
  if (!(peakEnhancementPercent >= t.minimumEnhancementPercent)) {
    return {
      reason: `the outline does not enhance: its peak enhancement is ${peakEnhancementPercent.toFixed(1)} %, below ${t.minimumEnhancementPercent} %`,
    };
  }
  let slope = 0;
  for (let p = roles.baseline + 1; p <= peak; p++) {
    const rise = enhancementPercent(signal[p], pre) - enhancementPercent(signal[p - 1], pre);
    slope = Math.max(slope, (60 * rise) / (timeS[p] - timeS[p - 1]));
  }
  const init = signal[roles.initial];
  const last = signal[roles.last];
  if (t.delayedChangeBasis === 'enhancement' && !(init > pre)) {
    return {
      reason: `the outline does not enhance in the initial phase (${enhancementPercent(init, pre).toFixed(1)} %), so a change relative to its enhancement is undefined`,
    };
  }
  const initialEnhancementPercent = enhancementPercent(init, pre);
  const change = delayedChangePercent(pre, init, last, t);
  return {
    initialEnhancementPercent,
    peakEnhancementPercent,
    timeToPeakS: timeS[peak],
    washInSlopePercentPerMin: slope,
    ser: last > pre ? (init - pre) / (last - pre) : null,
    delayedChangePercent: change,
    initialPhase: classifyInitialPhase(initialEnhancementPercent, t),
    curveType: classifyCurveType(change, t),
  };
}
