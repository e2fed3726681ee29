// The acquisition protocol: where each sequence's voxels are, and when the dynamic phases are acquired.
import { Random } from './random';
import { IDENTITY_DIRECTION, type Grid, type Vec3 } from './volume';

export type SequenceKey = 'dce' | 't2' | 'dwi';

/**
 * Field of view shared by all sequences (LPS, mm): both breasts, the chest wall and the front of the heart.
 * Axial slices, rows along patient left and columns along posterior, so the breasts point up on screen as
 * breast MRI is usually read.
 */
export const FIELD_OF_VIEW: { centre: Vec3; extentMm: Vec3 } = { centre: [0, -28, 0], extentMm: [336, 224, 168] };

/** Voxel spacing of each sequence (mm): the brief's 0.7 x 0.7 x 1.5 DCE, 0.6 x 0.6 x 4 T2, 1.8 x 1.8 x 4 DWI. */
export const SEQUENCE_SPACING: Record<SequenceKey, Vec3> = {
  dce: [0.7, 0.7, 1.5],
  t2: [0.6, 0.6, 4],
  dwi: [1.8, 1.8, 4],
};

/** Half-extent of the compact field of view around the tumour (mm). */
export const COMPACT_HALF_EXTENT_MM: Vec3 = [44.8, 44.8, 30];

/** Standard deviation of the complex noise in each image (scanner units). */
export const NOISE_SD = { dce: 9, t2: 8, dwiB0: 7, dwiB800: 4 };

export const B_VALUES: [number, number] = [0, 800];

/** ADC of normal fibroglandular tissue (10^-6 mm^2/s), within the 1.5-2.0 x 10^-3 usually reported. */
export const GLAND_ADC = 1750;

/** Largest value a 12-bit image stores. */
export const MAX_PIXEL_VALUE = 4095;

export function acquisitionGrid(key: SequenceKey): Grid {
  const spacing = SEQUENCE_SPACING[key];
  const size = FIELD_OF_VIEW.extentMm.map((e, a) => Math.round(e / spacing[a])) as Vec3;
  const origin = FIELD_OF_VIEW.centre.map((c, a) => c - ((size[a] - 1) / 2) * spacing[a]) as Vec3;
  return { size, spacing: [...spacing], origin, direction: [...IDENTITY_DIRECTION] };
}

/** Timing of the dynamic series, in seconds relative to the start of the contrast injection. */
export interface DceTiming {
  temporalResolutionS: number;
  /** Start of each phase's acquisition (phase 0 is pre-contrast, so negative). */
  phaseStartS: number[];
  /** k-space centre of each phase: the time its contrast represents. */
  phaseCentreS: number[];
}

export const POST_CONTRAST_PHASES = 5;

/**
 * One pre-contrast and five post-contrast phases, each lasting the temporal resolution (60-90 s, drawn per
 * study); the injection starts 30 s after the pre-contrast phase ends and the first post-contrast phase 20 s
 * after the injection (our choice, typical of clinical protocols).
 */
export function dceTiming(seed: number): DceTiming {
  const resolution = Math.round(new Random(seed, 'dce-timing').uniform(60, 90));
  const phaseStartS = [-30 - resolution];
  for (let k = 0; k < POST_CONTRAST_PHASES; k++) phaseStartS.push(20 + k * resolution);
  return {
    temporalResolutionS: resolution,
    phaseStartS,
    phaseCentreS: phaseStartS.map((s) => s + resolution / 2),
  };
}
