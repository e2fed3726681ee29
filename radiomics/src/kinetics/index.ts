// Breast DCE kinetics: time-intensity curves, BI-RADS kinetic classes and the kinetic colour map. Pure functions.
export { analyseKinetics, type KineticsInput, type KineticsResult } from './analyse';
export { kineticMap, type KineticMap, type KineticMapInput } from './kinetic-map';
export { outlineCurve, type OutlineCurve } from './curve';
export { kineticMeasures, enhancementPercent, delayedChangePercent, type KineticMeasures } from './measures';
export { phaseRoles, type PhaseRoles } from './phases';
export {
  classifyCurveType,
  classifyInitialPhase,
  KINETIC_MAP_LABELS,
  type CurveType,
  type InitialPhaseClass,
} from './classify';
export {
  DEFAULT_KINETIC_THRESHOLDS,
  kineticThresholds,
  type DelayedChangeBasis,
  type KineticThresholds,
} from './thresholds';
export { bodyRegion, otsuThreshold } from './body-region';
export { breastRegion, type BreastRegion } from './breast-region';
