// Kinetics of an outline: its curves, the measures of its most suspicious curve and their BI-RADS classes.
import type { Volume } from '../volume';
import { outlineCurve } from './curve';
import { enhancementPercent, kineticMeasures, type KineticMeasures } from './measures';
import { phaseRoles } from './phases';
import { kineticThresholds, type KineticThresholds } from './thresholds';

export type KineticsResult =
  | (KineticMeasures & {
      status: 'ok';
      /** Time after the start of the injection (s) and the two curves, one value per phase. */
      curve: { timeS: number[]; meanSignal: number[]; hotspotSignal: number[] };
      /** Which curve the measures and classes describe. */
      measuredOn: 'hotspot';
      /** Index of the BI-RADS initial phase in the curve. */
      initialPhaseIndex: number;
      /** Initial enhancement of the outline's mean curve (%), beside that of the hotspot the classes use. */
      meanInitialEnhancementPercent: number;
      hotspotCentre: [number, number, number];
      outlineVoxels: number;
      thresholds: KineticThresholds;
    })
  | { status: 'unavailable'; reason: string };

export interface KineticsInput {
  /** The dynamic phases in time order, all on the mask's grid. */
  phases: readonly Volume[];
  /** Time of each phase after the start of the injection (s; <= 0 before it). */
  timeS: readonly number[];
  /** The outline: non-zero voxels. */
  mask: Volume;
  thresholds?: Partial<KineticThresholds>;
}

/**
 * The measures describe the hotspot curve: BI-RADS classifies a lesion by its most suspicious curve, and the
 * outline's mean mixes in necrosis and a slowly filling core (rim enhancement) that flatten it.
 */
export function analyseKinetics(input: KineticsInput): KineticsResult {
  const thresholds = kineticThresholds(input.thresholds);
  if (input.phases.length !== input.timeS.length)
    return { status: 'unavailable', reason: `${input.phases.length} phases but ${input.timeS.length} phase times` };
  const roles = phaseRoles(input.timeS, thresholds);
  if ('reason' in roles) return { status: 'unavailable', reason: roles.reason };
  const curve = outlineCurve(input.phases, input.mask, roles);
  if ('reason' in curve) return { status: 'unavailable', reason: curve.reason };
  const measures = kineticMeasures(input.timeS, curve.hotspotSignal, roles, thresholds);
  if ('reason' in measures) return { status: 'unavailable', reason: measures.reason };
  return {
    status: 'ok',
    curve: { timeS: [...input.timeS], meanSignal: curve.meanSignal, hotspotSignal: curve.hotspotSignal },
    ...measures,
    measuredOn: 'hotspot',
    initialPhaseIndex: roles.initial,
    meanInitialEnhancementPercent: enhancementPercent(
      curve.meanSignal[roles.initial],
      curve.meanSignal[roles.baseline],
    ),
    hotspotCentre: curve.hotspotCentre,
    outlineVoxels: curve.outlineVoxels,
    thresholds,
  };
}
