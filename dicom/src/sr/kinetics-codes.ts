/**
 * Codes of the DCE kinetics in Heron's report. No standard DICOM concept for these semi-quantitative measures or
 * for the BI-RADS curve classes has been checked against PS3.16 here, so they are private 99HER2AI codes (declared
 * in every report); units are UCUM.
 */
import { code, HERON_SCHEME } from '../core/codes';

const H = HERON_SCHEME.CodingSchemeDesignator;

const PERCENT = code('%', 'UCUM', 'percent');
const SECOND = code('s', 'UCUM', 'second');
const PERCENT_PER_MIN = code('%/min', 'UCUM', 'percent per minute');
const RATIO = code('1', 'UCUM', 'no units');

/** The numeric measures, by their name in the kinetics result and in model inputs (DCE/kinetics/<name>). */
export const KINETIC_MEASURE_CODES = {
  initialEnhancementPercent: { concept: code('KININITENH', H, 'Initial enhancement'), unit: PERCENT },
  peakEnhancementPercent: { concept: code('KINPEAKENH', H, 'Peak enhancement'), unit: PERCENT },
  timeToPeakS: { concept: code('KINTTP', H, 'Time to peak enhancement after injection'), unit: SECOND },
  washInSlopePercentPerMin: { concept: code('KINWASHIN', H, 'Wash-in slope'), unit: PERCENT_PER_MIN },
  ser: { concept: code('KINSER', H, 'Signal enhancement ratio'), unit: RATIO },
  delayedChangePercent: { concept: code('KINDELAYCHG', H, 'Delayed-phase change'), unit: PERCENT },
} as const;
export type KineticMeasureName = keyof typeof KINETIC_MEASURE_CODES;

export const KINETIC_CODES = {
  initialPhase: code('KININITPHASE', H, 'Kinetic initial phase'),
  curveType: code('KINCURVETYPE', H, 'Kinetic curve type'),
  slow: code('KINSLOW', H, 'Slow initial enhancement'),
  medium: code('KINMEDIUM', H, 'Medium initial enhancement'),
  rapid: code('KINRAPID', H, 'Rapid initial enhancement'),
  persistent: code('KINPERSISTENT', H, 'Persistent delayed enhancement'),
  plateau: code('KINPLATEAU', H, 'Plateau delayed enhancement'),
  washout: code('KINWASHOUT', H, 'Washout delayed enhancement'),
};
