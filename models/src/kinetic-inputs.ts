// Kinetic values of the outline as model inputs: `DCE/kinetics/<name>`, computed from the study's whole dynamic
// series (not from one sequence's extraction settings) by the radiomics engine's kinetics.
import type { KineticsResult } from '@heron/radiomics';

/** The kinetic measures a manifest may name, as the engine's result names them. */
export const KINETIC_INPUTS = [
  'initialEnhancementPercent',
  'peakEnhancementPercent',
  'timeToPeakS',
  'washInSlopePercentPerMin',
  'ser',
  'delayedChangePercent',
] as const;
export type KineticInput = (typeof KINETIC_INPUTS)[number];

/** The prefix of a kinetic input's name. */
export const KINETIC_INPUT_PREFIX = 'DCE/kinetics/';

/**
 * The values a model may read, or why there are none (the study or outline gives no curve). A SER the curve does
 * not define (delayed phase not above baseline) is left out, so a model that needs it says so.
 */
export function kineticInputValues(
  k: KineticsResult,
): { values: Partial<Record<KineticInput, number>> } | { reason: string } {
  if (k.status !== 'ok') return { reason: k.reason };
  const values: Partial<Record<KineticInput, number>> = {};
  for (const name of KINETIC_INPUTS) {
    const v = k[name];
    if (typeof v === 'number' && Number.isFinite(v)) values[name] = v;
  }
  return { values };
}
