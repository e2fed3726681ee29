import { z } from 'zod';
import type { CurveType, InitialPhaseClass, KineticThresholds } from '@heron/radiomics';
import { maskOutlineSchema } from './outline';
import { roleOverridesSchema } from './series-roles';
import { dicomUidSchema } from './uids';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const curveTypeSchema = z.enum(['persistent', 'plateau', 'washout'] as const satisfies readonly CurveType[]);
export const initialPhaseClassSchema = z.enum([
  'slow',
  'medium',
  'rapid',
] as const satisfies readonly InitialPhaseClass[]);

/** The thresholds a result was classified with (docs/kinetics.md gives their sources). */
export const kineticThresholdsSchema = z.object({
  initialPhaseEndS: finite.refine((v) => v > 0, 'must be > 0'),
  slowBelowPercent: finite,
  rapidAbovePercent: finite,
  persistentAbovePercent: finite,
  washoutBelowPercent: finite,
  delayedChangeBasis: z.enum(['enhancement', 'signal']),
  minimumEnhancementPercent: finite,
  mapMinimumInitialEnhancementPercent: finite,
}) satisfies z.ZodType<KineticThresholds>;

/**
 * The outline's kinetics in an analysis result: the time-intensity curve (time after the start of the injection;
 * mean of the outline and of its most enhancing 3x3x3 neighbourhood) and the measures and BI-RADS classes of the
 * hotspot curve; or why there are none.
 */
export const kineticsSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    curve: z.object({ timeS: z.array(finite), meanSignal: z.array(finite), hotspotSignal: z.array(finite) }),
    initialEnhancementPercent: finite,
    peakEnhancementPercent: finite,
    timeToPeakS: finite,
    washInSlopePercentPerMin: finite,
    /** Null when the delayed phase is not above the pre-contrast signal. */
    ser: finite.nullable(),
    delayedChangePercent: finite,
    initialPhase: initialPhaseClassSchema,
    curveType: curveTypeSchema,
    thresholds: kineticThresholdsSchema,
  }),
  z.object({ status: z.literal('unavailable'), reason: z.string() }),
]);
export type Kinetics = z.infer<typeof kineticsSchema>;

/** POST /api/studies/:study/kinetic-map: which series are the DCE, as the other routes take role overrides. */
export const kineticMapRequestSchema = z
  .object({
    /** Series role overrides (seriesInstanceUID -> role), as in an analysis request. */
    overrides: roleOverridesSchema.optional(),
    /** Any subset of the thresholds; the rest are the defaults. */
    thresholds: kineticThresholdsSchema.partial().optional(),
  })
  .strict();

/**
 * The kinetic colour map on the first post-contrast phase's grid: one run-length mask per delayed curve type
 * (label 1 persistent, 2 plateau, 3 wash-out), voxels of the breast whose initial enhancement reaches the map
 * threshold. The three masks never overlap, so together they are one labelmap.
 */
export const kineticMapSchema = z.object({
  seriesInstanceUID: dicomUidSchema,
  labels: z.array(
    z.object({
      label: z.number().int().min(1).max(3),
      curveType: curveTypeSchema,
      voxelCount: z.number().int().nonnegative(),
      outline: maskOutlineSchema,
    }),
  ),
  thresholds: kineticThresholdsSchema,
  /**
   * Where voxels were coloured: 'breasts', the body in front of the cleft between the breasts; 'body', the whole
   * body when the cleft was not seen (one breast in the field of view), which may include the heart.
   */
  region: z.enum(['breasts', 'body']),
  /** Always true: a description of the images for research, not a diagnosis. */
  researchUseOnly: z.literal(true),
});
export type KineticMap = z.infer<typeof kineticMapSchema>;
