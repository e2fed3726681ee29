// The engine's kinetics as the analysis result carries them (the contract's kineticsSchema): the curve, the
// measures and classes of the hotspot curve, the thresholds; engine-internal details stay out.
import type { KineticsResult } from '@heron/radiomics';
import type { Kinetics } from '../contract';

export function resultKinetics(k: KineticsResult): Kinetics {
  if (k.status !== 'ok') return { status: 'unavailable', reason: k.reason };
  return {
    status: 'ok',
    curve: k.curve,
    initialEnhancementPercent: k.initialEnhancementPercent,
    peakEnhancementPercent: k.peakEnhancementPercent,
    timeToPeakS: k.timeToPeakS,
    washInSlopePercentPerMin: k.washInSlopePercentPerMin,
    ser: k.ser,
    delayedChangePercent: k.delayedChangePercent,
    initialPhase: k.initialPhase,
    curveType: k.curveType,
    thresholds: k.thresholds,
  };
}
