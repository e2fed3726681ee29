// The kinetics part of an analysis result, as the server's contract will carry it (issue 18: the kinetics engine is
// built on another branch). This type mirrors that agreed shape so the panel can be written now; when the contract
// has it, `kineticsOf` gives way to `result.kinetics` and this file to an import from '@heron/server/contract'.

export type InitialPhase = 'slow' | 'medium' | 'rapid';
export type CurveType = 'persistent' | 'plateau' | 'washout';

export interface KineticCurve {
  /** Time after injection of each DCE phase, s. */
  timeS: number[];
  /** Mean signal inside the outline per phase. */
  meanSignal: number[];
  /** Mean signal of the outline's most enhancing 3×3×3 neighbourhood per phase. */
  hotspotSignal: number[];
}

export interface KineticsOk {
  status: 'ok';
  curve: KineticCurve;
  initialEnhancementPercent: number;
  peakEnhancementPercent: number;
  timeToPeakS: number;
  washInSlopePercentPerMin: number;
  /** Signal enhancement ratio; null when the delayed phase is not above the pre-contrast signal. */
  ser: number | null;
  delayedChangePercent: number;
  initialPhase: InitialPhase;
  curveType: CurveType;
  thresholds: KineticThresholds;
}

/** The thresholds a result was classified with (the server's documentation gives their sources). */
export interface KineticThresholds {
  initialPhaseEndS: number;
  slowBelowPercent: number;
  rapidAbovePercent: number;
  persistentAbovePercent: number;
  washoutBelowPercent: number;
  delayedChangeBasis: 'enhancement' | 'signal';
  minimumEnhancementPercent: number;
  mapMinimumInitialEnhancementPercent: number;
}

export interface KineticsUnavailable {
  status: 'unavailable';
  reason: string;
}

export type KineticsResult = KineticsOk | KineticsUnavailable;

/** The kinetics an analysis result carries, if any (until the contract types it, read defensively). */
export function kineticsOf(result: unknown): KineticsResult | undefined {
  const k = (result as { kinetics?: unknown } | null)?.kinetics as Partial<KineticsResult> | undefined;
  if (!k || typeof k !== 'object') return undefined;
  if (k.status === 'unavailable' && typeof k.reason === 'string') return k as KineticsUnavailable;
  if (k.status === 'ok' && k.curve && Array.isArray(k.curve.timeS)) return k as KineticsOk;
  return undefined;
}
