/**
 * Whole breast MRI studies in the style of each vendor, built from the presets: the DCE as one series per
 * phase or as one series with all phases, T2/STIR, DWI (multi-b or one series per b), ADC and the derived
 * and non-image series a real study carries. Small (8 slices) so the tests stay quick.
 */
import type { SeriesInput } from '../roles/study-roles';
import { dataset, mrSeries, type TagValue, tmAfter, unknownPrivateElement } from './dicom-builder';
import {
  GE_ADC,
  GE_DWI,
  GE_EADC,
  GE_STIR,
  GE_T2_FSE,
  GE_VIBRANT,
  gePulseSequence,
  geSlopInt,
  PHILIPS_ADC,
  PHILIPS_DWI,
  PHILIPS_DYN,
  PHILIPS_STIR,
  PHILIPS_SUB,
  PHILIPS_T2,
  philipsBValue,
  philipsTechnique,
  SEGMENTATION,
  SIEMENS_ADC,
  SIEMENS_DWI,
  SIEMENS_DYN,
  SIEMENS_MIP,
  SIEMENS_MPR,
  SIEMENS_SUB,
  SIEMENS_T1_NONFS,
  SIEMENS_T2_TSE,
  SIEMENS_TIRM,
  siemensBValue,
  siemensDiffusionImage,
  STRUCTURED_REPORT,
} from './vendor-presets';

export const SLICES = 8;
export const SIEMENS_ROOT = '1.3.12.2.1107.5.2.43.66012.30000024031509';
export const GE_ROOT = '1.2.840.113619.2.408.5282380.4562341.27070';
export const PHILIPS_ROOT = '1.3.46.670589.11.71364.5';

/** Seconds of phase k after the start of the pre-contrast phase: 90 s for injection, then one phase per 62 s. */
export function phaseOffset(k: number): number {
  return k === 0 ? 0 : 90 + (k - 1) * 62;
}

export const uidOf = (root: string, seriesNumber: number) => `${root}.${seriesNumber}`;

function nonImages(root: string): SeriesInput[] {
  return [
    {
      seriesInstanceUID: uidOf(root, 9001),
      instances: [dataset({ ...STRUCTURED_REPORT, SeriesNumber: 9001, SOPInstanceUID: `${root}.9001.1` })],
    },
    {
      seriesInstanceUID: uidOf(root, 9002),
      instances: [dataset({ ...SEGMENTATION, SeriesNumber: 9002, SOPInstanceUID: `${root}.9002.1` })],
    },
  ];
}

export interface DceTiming {
  /** Clock of the pre-contrast phase. */
  start?: [number, number, number];
  /** AcquisitionDate of the first phase, or null for no dates (times of day only). */
  date?: string | null;
  /** 'distinct' (real), 'identical' (every phase stamped alike) or 'none' (no acquisition/content times). */
  times?: 'distinct' | 'identical' | 'none';
}

function phaseClock(k: number, t: DceTiming): Record<string, TagValue> {
  const [h, m, s] = t.start ?? [10, 2, 0];
  const mode = t.times ?? 'distinct';
  if (mode === 'none') return {};
  const offset = mode === 'identical' ? 0 : phaseOffset(k);
  const clock: Record<string, TagValue> = {
    AcquisitionTime: tmAfter(h, m, s, offset),
    ContentTime: tmAfter(h, m, s, offset + 75),
  };
  if (t.date !== null) {
    const crossed = h * 3600 + m * 60 + s + offset >= 86400;
    const date = t.date ?? '20240315';
    clock.AcquisitionDate = crossed ? String(Number(date) + 1) : date;
  }
  return clock;
}

/** Siemens: each measurement of t1_fl3d_tra_dyn exported as its own series (series 10, 11, ...). */
export function siemensDcePerPhase(opts: DceTiming & { phases?: number; agent?: boolean } = {}): SeriesInput[] {
  return [...Array(opts.phases ?? 6).keys()].map((k) =>
    mrSeries({
      uid: uidOf(SIEMENS_ROOT, 10 + k),
      tags: {
        ...SIEMENS_DYN,
        SeriesNumber: 10 + k,
        AcquisitionNumber: 1,
        ...(opts.agent !== false && k > 0 ? { ContrastBolusAgent: 'Gadovist' } : { ContrastBolusAgent: null }),
        ...phaseClock(k, opts),
      },
      slices: SLICES,
    }),
  );
}

/** Siemens: all measurements in one series, told apart only by AcquisitionNumber and AcquisitionTime. */
export function siemensDceOneSeries(opts: DceTiming & { phases?: number } = {}): SeriesInput {
  return mrSeries({
    uid: uidOf(SIEMENS_ROOT, 10),
    tags: { ...SIEMENS_DYN, SeriesNumber: 10 },
    slices: SLICES,
    repeats: opts.phases ?? 6,
    image: (_, r) => ({ tags: { AcquisitionNumber: r + 1, ...phaseClock(r, opts) } }),
  });
}

export function siemensDwi(seriesNumber: number, bValues: number[], privateTags = true): SeriesInput {
  return mrSeries({
    uid: uidOf(SIEMENS_ROOT, seriesNumber),
    tags: { ...SIEMENS_DWI, SeriesNumber: seriesNumber, AcquisitionTime: '101530.125000' },
    slices: SLICES,
    repeats: bValues.length,
    image: (_, r) => ({
      tags: siemensDiffusionImage(bValues[r]),
      ...(privateTags ? { extra: siemensBValue(bValues[r]) } : {}),
    }),
  });
}

/** A complete Siemens breast study; DCE series 10-15. */
export function siemensStudy(): SeriesInput[] {
  const single = (seriesNumber: number, tags: Record<string, TagValue>) =>
    mrSeries({ uid: uidOf(SIEMENS_ROOT, seriesNumber), tags: { ...tags, SeriesNumber: seriesNumber }, slices: SLICES });
  return [
    ...nonImages(SIEMENS_ROOT),
    single(3, SIEMENS_T2_TSE),
    single(4, SIEMENS_TIRM),
    siemensDwi(5, [50, 800]),
    single(6, SIEMENS_ADC),
    single(8, SIEMENS_T1_NONFS),
    ...siemensDcePerPhase(),
    single(16, SIEMENS_SUB),
    single(17, SIEMENS_MIP),
    single(18, SIEMENS_MPR),
  ];
}

/** GE VIBRANT multiphase: one series, TemporalPositionIdentifier and TriggerTime per phase, one AcquisitionTime for all. */
export function geVibrantMultiphase(opts: { phases?: number; trigger?: boolean; tpi?: boolean } = {}): SeriesInput {
  const phases = opts.phases ?? 6;
  return mrSeries({
    uid: uidOf(GE_ROOT, 7),
    tags: {
      ...GE_VIBRANT,
      SeriesNumber: 7,
      NumberOfTemporalPositions: phases,
      AcquisitionDate: '20240315',
      AcquisitionTime: '103012',
    },
    extra: { ...gePulseSequence('efgre3d'), ...geSlopInt([0, 0, 0, 0]) },
    slices: SLICES,
    repeats: phases,
    image: (_, r) => ({
      tags: {
        ...(opts.tpi !== false ? { TemporalPositionIdentifier: r + 1 } : {}),
        ...(opts.trigger !== false ? { TriggerTime: phaseOffset(r) * 1000 } : {}),
      },
    }),
  });
}

/** GE DCE split into one series per phase, named as in the Duke breast MRI collection ("Ph1/ax 3d dyn"). */
export function geDcePerPhase(phases = 5): SeriesInput[] {
  return [...Array(phases).keys()].map((k) =>
    mrSeries({
      uid: uidOf(GE_ROOT, k === 0 ? 5 : 700 + k),
      tags: {
        ...GE_VIBRANT,
        SeriesNumber: k === 0 ? 5 : 700 + k,
        SeriesDescription: k === 0 ? 'ax 3d dyn' : `Ph${k}/ax 3d dyn`,
        AcquisitionDate: '20240315',
        AcquisitionTime: tmAfter(9, 12, 30, phaseOffset(k)),
      },
      extra: gePulseSequence('efgre3d'),
      slices: SLICES,
    }),
  );
}

/** GE multi-b DWI in one series: (0043,xx39) carries BIAS_FOR_BVALUE; (0018,9087) optional. */
export function geDwi(
  seriesNumber: number,
  bValues: number[],
  opts: { bias?: boolean; standard?: boolean; description?: string } = {},
): SeriesInput {
  return mrSeries({
    uid: uidOf(GE_ROOT, seriesNumber),
    tags: {
      ...GE_DWI,
      SeriesNumber: seriesNumber,
      ...(opts.description ? { SeriesDescription: opts.description } : {}),
    },
    extra: gePulseSequence('epi2'),
    slices: SLICES,
    repeats: bValues.length,
    image: (_, r) => ({
      tags: opts.standard ? { DiffusionBValue: bValues[r] } : undefined,
      extra: geSlopInt([(opts.bias === false ? 0 : 1_000_000_000) + bValues[r], 8, 0, 0]),
    }),
  });
}

export function geStudy(dce: SeriesInput[] = [geVibrantMultiphase()]): SeriesInput[] {
  const single = (seriesNumber: number, tags: Record<string, TagValue>, extra = {}) =>
    mrSeries({
      uid: uidOf(GE_ROOT, seriesNumber),
      tags: { ...tags, SeriesNumber: seriesNumber },
      extra,
      slices: SLICES,
    });
  return [
    single(3, GE_T2_FSE, { ...gePulseSequence('frfse'), ...geSlopInt([0, 2097184, 0, 0]) }),
    single(4, GE_STIR, gePulseSequence('fsemaster')),
    geDwi(6, [0, 800], { standard: true }),
    ...dce,
    single(450, GE_ADC, { ...gePulseSequence('epi2'), ...geSlopInt([800, 8, 0, 0]) }),
    single(451, GE_EADC, { ...gePulseSequence('epi2'), ...geSlopInt([800, 8, 0, 0]) }),
    ...nonImages(GE_ROOT),
  ];
}

/** Philips dynamic eTHRIVE: one series, TemporalPositionIdentifier and an AcquisitionTime per dynamic. */
export function philipsDynamic(opts: { phases?: number } = {}): SeriesInput {
  const phases = opts.phases ?? 6;
  return mrSeries({
    uid: uidOf(PHILIPS_ROOT, 801),
    tags: { ...PHILIPS_DYN, SeriesNumber: 801, NumberOfTemporalPositions: phases },
    extra: { ...philipsTechnique('T1FFE'), ...philipsBValue(0) },
    slices: SLICES,
    repeats: phases,
    orientation: 'sagittal',
    image: (s, r) => ({
      tags: {
        TemporalPositionIdentifier: r + 1,
        AcquisitionDate: '20240315',
        // Philips stamps each dynamic with its own acquisition time; content times follow per slice.
        AcquisitionTime: tmAfter(14, 20, 10.5, phaseOffset(r)),
        ContentTime: tmAfter(14, 20, 10.5, phaseOffset(r) + s * 0.2),
      },
    }),
  });
}

export function philipsStudy(opts: { dwiAsUnknownPrivate?: boolean } = {}): SeriesInput[] {
  const single = (
    seriesNumber: number,
    tags: Record<string, TagValue>,
    extra = {},
    orientation: 'axial' | 'sagittal' = 'axial',
  ) =>
    mrSeries({
      uid: uidOf(PHILIPS_ROOT, seriesNumber),
      tags: { ...tags, SeriesNumber: seriesNumber },
      extra,
      slices: SLICES,
      orientation,
    });
  const bValues = [0, 100, 800];
  return [
    single(301, PHILIPS_T2, { ...philipsTechnique('TSE'), ...philipsBValue(0) }),
    single(401, PHILIPS_STIR, { ...philipsTechnique('TSE'), ...philipsBValue(0) }),
    mrSeries({
      uid: uidOf(PHILIPS_ROOT, 501),
      tags: { ...PHILIPS_DWI, SeriesNumber: 501 },
      extra: philipsTechnique('DwiSE'),
      slices: SLICES,
      repeats: bValues.length,
      image: (_, r) => ({
        tags: opts.dwiAsUnknownPrivate ? undefined : { DiffusionBValue: bValues[r] },
        extra: opts.dwiAsUnknownPrivate
          ? unknownPrivateElement(
              '2001',
              'Philips Imaging DD 001',
              '03',
              new Uint8Array(new Float32Array([bValues[r]]).buffer),
            )
          : philipsBValue(bValues[r]),
      }),
    }),
    single(502, PHILIPS_ADC, philipsTechnique('DwiSE')),
    philipsDynamic(),
    single(1801, PHILIPS_SUB, philipsTechnique('T1FFE'), 'sagittal'),
    ...nonImages(PHILIPS_ROOT),
  ];
}
