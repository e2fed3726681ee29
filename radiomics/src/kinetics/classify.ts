// BI-RADS kinetic classes of one curve (thresholds and sources in thresholds.ts).
import type { KineticThresholds } from './thresholds';

export type InitialPhaseClass = 'slow' | 'medium' | 'rapid';
export type CurveType = 'persistent' | 'plateau' | 'washout';

export function classifyInitialPhase(initialEnhancementPercent: number, t: KineticThresholds): InitialPhaseClass {
  if (initialEnhancementPercent < t.slowBelowPercent) return 'slow';
  return initialEnhancementPercent > t.rapidAbovePercent ? 'rapid' : 'medium';
}

export function classifyCurveType(delayedChangePercent: number, t: KineticThresholds): CurveType {
  if (delayedChangePercent > t.persistentAbovePercent) return 'persistent';
  return delayedChangePercent < t.washoutBelowPercent ? 'washout' : 'plateau';
}

/** The map's labels: 1 persistent, 2 plateau, 3 wash-out (0 = not coloured). */
export const KINETIC_MAP_LABELS: Record<CurveType, number> = { persistent: 1, plateau: 2, washout: 3 };
