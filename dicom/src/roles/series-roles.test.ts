import { dataset, expectedUids, mrSeries } from '../testing/dicom-builder';
import {
  GE_VIBRANT,
  gePulseSequence,
  SECONDARY_CAPTURE,
  SIEMENS_DWI,
  SIEMENS_T2_TSE,
  SIEMENS_DYN,
} from '../testing/vendor-presets';
import {
  GE_ROOT,
  geDcePerPhase,
  geDwi,
  geStudy,
  geVibrantMultiphase,
  PHILIPS_ROOT,
  philipsStudy,
  SIEMENS_ROOT,
  siemensDceOneSeries,
  siemensDcePerPhase,
  siemensDwi,
  siemensStudy,
  SLICES,
  uidOf,
} from '../testing/vendor-studies';
import { classifyStudy, type SeriesInput, type StudyRoles } from './series-roles';

const siemens = (n: number) => uidOf(SIEMENS_ROOT, n);
const ge = (n: number) => uidOf(GE_ROOT, n);
const philips = (n: number) => uidOf(PHILIPS_ROOT, n);

function roleOf(result: StudyRoles, uid: string) {
  const s = result.series.find((x) => x.seriesInstanceUID === uid);
  if (!s) throw new Error(`no summary for ${uid}`);
  return s;
}

describe('Siemens study: DCE as one series per phase', () => {
  const study = siemensStudy();
  const result = classifyStudy([...study].reverse());

  it('lists every series in series-number order', () => {
    expect(result.series.map((s) => s.seriesNumber)).toEqual([
      3, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 9001, 9002,
    ]);
    expect(result.series.every((s) => !s.overridden)).toBe(true);
    expect(roleOf(result, siemens(5))).toMatchObject({
      modality: 'MR',
      seriesDescription: 'ep2d_diff_tra_b50_800',
      instanceCount: 2 * SLICES,
    });
  });

  it('orders the six phases in time with the pre-contrast phase from the contrast agent', () => {
    expect(result.dcePhases.map((p) => [p.seriesInstanceUID, p.label, p.phaseIndex, p.secondsAfterFirstPost])).toEqual([
      [siemens(10), 'pre-contrast', 0, -90],
      [siemens(11), 'post-contrast 1', 1, 0],
      [siemens(12), 'post-contrast 2', 2, 62],
      [siemens(13), 'post-contrast 3', 3, 124],
      [siemens(14), 'post-contrast 4', 4, 186],
      [siemens(15), 'post-contrast 5', 5, 248],
    ]);
    expect(result.dcePhases[2].sopInstanceUIDs).toEqual(expectedUids(siemens(12), 0, SLICES));
    expect(roleOf(result, siemens(10)).reason).toMatch(
      /T1-weighted gradient echo \(\*fl3d1, TR 4\.5 ms, TE 1\.7 ms\).*ContrastBolusAgent/,
    );
  });

  it('finds T2 TSE and TIRM by echo, repetition and inversion times', () => {
    expect(result.t2).toEqual([siemens(3), siemens(4)]);
    expect(roleOf(result, siemens(3)).reason).toBe(
      'T2-weighted spin echo (*tse2d1_17, TR 4800 ms, TE 102 ms): long TE and TR',
    );
    expect(roleOf(result, siemens(4)).reason).toMatch(/^STIR \(inversion recovery, \*tir2d1_15.*TI 230 ms/);
  });

  it('splits the DWI series by the Siemens private b-value and finds the ADC map', () => {
    expect(result.dwi.map((d) => [d.seriesInstanceUID, d.bValue])).toEqual([
      [siemens(5), 50],
      [siemens(5), 800],
    ]);
    expect(result.dwi[1].sopInstanceUIDs).toEqual(expectedUids(siemens(5), 1, SLICES));
    expect(roleOf(result, siemens(5)).reason).toBe(
      'diffusion-weighted: b = 50, 800 s/mm² from Siemens B_value (0019,xx0C)',
    );
    expect(result.adc).toEqual([siemens(6)]);
  });

  it('keeps subtraction, MIP, MPR, the single non-fat-saturated T1, SR and SEG out of the roles, saying why', () => {
    expect(result.other).toEqual([siemens(8), siemens(16), siemens(17), siemens(18), siemens(9001), siemens(9002)]);
    expect(roleOf(result, siemens(8)).reason).toMatch(/single volume, not part of a dynamic series/);
    expect(roleOf(result, siemens(16)).reason).toMatch(/^subtraction series \(ImageType .*SUB\)/);
    expect(roleOf(result, siemens(17)).reason).toMatch(/^subtraction maximum intensity projection/);
    expect(roleOf(result, siemens(18)).reason).toMatch(/^multiplanar reformat/);
    expect(roleOf(result, siemens(9001)).reason).toBe('modality SR (structured report), not an MR image');
    expect(roleOf(result, siemens(9002)).reason).toBe('modality SEG (segmentation), not an MR image');
  });

  it('has nothing to warn about', () => {
    expect(result.warnings).toEqual([]);
  });
});

describe('Siemens DCE as one series with only acquisition times', () => {
  it('splits the phases by acquisition time at each slice position', () => {
    const result = classifyStudy([siemensDceOneSeries(), siemensDwi(5, [0, 800], false)]);
    expect(result.dcePhases.map((p) => [p.seriesInstanceUID, p.label, p.secondsAfterFirstPost])).toEqual([
      [siemens(10), 'pre-contrast', -90],
      [siemens(10), 'post-contrast 1', 0],
      [siemens(10), 'post-contrast 2', 62],
      [siemens(10), 'post-contrast 3', 124],
      [siemens(10), 'post-contrast 4', 186],
      [siemens(10), 'post-contrast 5', 248],
    ]);
    expect(result.dcePhases[4].sopInstanceUIDs).toEqual(expectedUids(siemens(10), 4, SLICES));
    expect(roleOf(result, siemens(10)).reason).toMatch(/6 phases by acquisition time/);
    // Anonymised DWI without the private header: b-values from the sequence names *ep_b0 / *ep_b800t.
    expect(result.dwi.map((d) => d.bValue)).toEqual([0, 800]);
    expect(roleOf(result, siemens(5)).reason).toMatch(/Siemens sequence name/);
    expect(result.warnings).toEqual([]);
  });
});

describe('GE study', () => {
  it('splits VIBRANT multiphase by temporal position and times it by trigger time', () => {
    const result = classifyStudy(geStudy());
    expect(result.dcePhases.map((p) => [p.temporalPositionIdentifier, p.label, p.secondsAfterFirstPost])).toEqual([
      [1, 'pre-contrast', -90],
      [2, 'post-contrast 1', 0],
      [3, 'post-contrast 2', 62],
      [4, 'post-contrast 3', 124],
      [5, 'post-contrast 4', 186],
      [6, 'post-contrast 5', 248],
    ]);
    expect(result.dcePhases[5].sopInstanceUIDs).toEqual(expectedUids(ge(7), 5, SLICES));
    expect(result.t2).toEqual([ge(3), ge(4)]);
    expect(roleOf(result, ge(3)).reason).toMatch(/^T2-weighted spin echo \(frfse/);
    expect(result.dwi.map((d) => [d.seriesInstanceUID, d.bValue])).toEqual([
      [ge(6), 0],
      [ge(6), 800],
    ]);
    // The ADC map carries a GE b-value and an EPI scanning sequence; it is still the ADC, not a DWI.
    expect(result.adc).toEqual([ge(450)]);
    expect(roleOf(result, ge(451)).reason).toBe('exponential ADC (eADC) map, not an ADC map');
    expect(result.other).toEqual([ge(451), ge(9001), ge(9002)]);
    expect(result.warnings).toEqual([]);
  });

  it('orders DCE phases exported as one series each ("ax 3d dyn", "Ph1/ax 3d dyn", ...)', () => {
    const result = classifyStudy(geStudy(geDcePerPhase()));
    expect(result.dcePhases.map((p) => [p.seriesInstanceUID, p.label, p.secondsAfterFirstPost])).toEqual([
      [ge(5), 'pre-contrast', -90],
      [ge(701), 'post-contrast 1', 0],
      [ge(702), 'post-contrast 2', 62],
      [ge(703), 'post-contrast 3', 124],
      [ge(704), 'post-contrast 4', 186],
    ]);
    expect(roleOf(result, ge(5)).reason).toMatch(/pre-contrast: series description/);
    expect(result.warnings).toEqual([]);
  });

  it('reads b-values from per-b-value DWI series with and without the GE b-value bias', () => {
    const result = classifyStudy([
      geDwi(8, [0], { bias: false, description: 'Ax DWI b0' }),
      geDwi(9, [800], { bias: false, description: 'Ax DWI b800' }),
      geDwi(10, [0, 50, 800], { description: 'Ax DWI 0,50,800' }),
    ]);
    expect(result.dwi.map((d) => [d.seriesInstanceUID, d.bValue])).toEqual([
      [ge(8), 0],
      [ge(10), 0],
      [ge(10), 50],
      [ge(9), 800],
      [ge(10), 800],
    ]);
    expect(roleOf(result, ge(8)).reason).toBe(
      'diffusion-weighted by description "Ax DWI b0", echo-planar readout: b = 0 s/mm² from GE Slop_int_6 (0043,xx39)',
    );
    expect(roleOf(result, ge(9)).reason).toBe('diffusion-weighted: b = 800 s/mm² from GE Slop_int_6 (0043,xx39)');
  });
});

describe('Philips study', () => {
  it.each([
    ['standard and private b-values', false],
    ['private b-values received as UN bytes', true],
  ])('classifies the study (%s)', (_, dwiAsUnknownPrivate) => {
    const result = classifyStudy(philipsStudy({ dwiAsUnknownPrivate }));
    expect(result.dcePhases.map((p) => [p.temporalPositionIdentifier, p.phaseIndex, p.secondsAfterFirstPost])).toEqual([
      [1, 0, -90],
      [2, 1, 0],
      [3, 2, 62],
      [4, 3, 124],
      [5, 4, 186],
      [6, 5, 248],
    ]);
    expect(result.dcePhases[3].sopInstanceUIDs).toEqual(expectedUids(philips(801), 3, SLICES));
    // Philips writes DiffusionBValue = 0 into the T2 TSE: it stays T2.
    expect(result.t2).toEqual([philips(301), philips(401)]);
    expect(result.dwi.map((d) => d.bValue)).toEqual([0, 100, 800]);
    expect(roleOf(result, philips(501)).reason).toMatch(
      dwiAsUnknownPrivate ? /Philips DiffusionBValue \(2001,xx03\)/ : /DiffusionBValue \(0018,9087\)/,
    );
    expect(result.adc).toEqual([philips(502)]);
    expect(result.other).toEqual([philips(1801), philips(9001), philips(9002)]);
    expect(roleOf(result, philips(1801)).reason).toMatch(/^subtraction series/);
    expect(result.warnings).toEqual([]);
  });
});

describe('failure modes are reported, not guessed silently', () => {
  it('no timing information: ordered by series number, with a warning', () => {
    const result = classifyStudy(siemensDcePerPhase({ times: 'none', agent: false }));
    expect(result.dcePhases.map((p) => p.seriesInstanceUID)).toEqual([10, 11, 12, 13, 14, 15].map(siemens));
    expect(result.dcePhases.every((p) => p.secondsAfterFirstPost === null)).toBe(true);
    expect(result.warnings).toEqual(['DCE phases have no timing information; ordered by series number']);
  });

  it('identical acquisition times: no times, a warning naming the phases', () => {
    const result = classifyStudy(siemensDcePerPhase({ times: 'identical' }));
    expect(result.dcePhases.every((p) => p.secondsAfterFirstPost === null)).toBe(true);
    expect(result.warnings).toEqual([
      'DCE phases series 10 "t1_fl3d_tra_dyn" and series 11 "t1_fl3d_tra_dyn" have the same acquisition time (10:02:00); ' +
        'acquisition times cannot order the phases; ordered by series number',
    ]);
  });

  it('phases that cannot be separated are left out, not merged', () => {
    const result = classifyStudy([geVibrantMultiphase({ tpi: false, trigger: false })]);
    expect(roleOf(result, ge(7))).toMatchObject({
      role: 'dce',
      reason: expect.stringMatching(/6 phases in one series that could not be separated/),
    });
    expect(result.dcePhases).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^series 7 "Ax Vibrant MultiPhase" holds 6 images per slice position/),
    ]);
  });

  it('a phase acquired out of series-number order is put in time order, with a warning', () => {
    const series = siemensDcePerPhase();
    const [a, b] = [series[2].instances, series[3].instances];
    const times = a.map((ds) => ds['00080032']);
    a.forEach((ds, i) => (ds['00080032'] = b[i]['00080032']));
    b.forEach((ds, i) => (ds['00080032'] = times[i]));
    const result = classifyStudy(series);
    expect(result.dcePhases.map((p) => p.seriesInstanceUID)).toEqual([10, 11, 13, 12, 14, 15].map(siemens));
    expect(result.warnings).toEqual([
      'DCE: series 13 "t1_fl3d_tra_dyn" was acquired before series 12 "t1_fl3d_tra_dyn" although numbered after it; phases ordered by acquisition time',
    ]);
  });

  it('a diffusion series without any b-value is DWI with a warning, and no b-value is invented', () => {
    const dwi = mrSeries({ uid: siemens(5), tags: { ...SIEMENS_DWI, SeriesNumber: 5 }, slices: SLICES });
    const result = classifyStudy([dwi]);
    expect(roleOf(result, siemens(5)).reason).toBe(
      'diffusion-weighted by description "ep2d_diff_tra_b50_800", echo-planar readout: no b-value in the headers',
    );
    expect(result.dwi).toEqual([]);
    expect(result.warnings).toEqual([
      'No DCE series recognised; assign one if the study has a dynamic series',
      'series 5 "ep2d_diff_tra_b50_800" is diffusion-weighted but no b-value was found in DiffusionBValue (0018,9087), ' +
        'the Siemens, GE or Philips private tags or the sequence name; its b-values are unknown',
    ]);
  });

  it('images without geometry are flagged', () => {
    const series = siemensDcePerPhase({ phases: 2 }).map((s) => ({
      ...s,
      instances: s.instances.map(({ '00200032': _ipp, ...rest }) => rest),
    }));
    const result = classifyStudy(series);
    expect(result.warnings).toEqual([
      'series 10 "t1_fl3d_tra_dyn": images lack ImagePositionPatient/ImageOrientationPatient; slices ordered by slice location',
      'series 11 "t1_fl3d_tra_dyn": images lack ImagePositionPatient/ImageOrientationPatient; slices ordered by slice location',
    ]);
  });
});

describe('descriptions are hints, header evidence decides', () => {
  const one = (n: number, tags: Record<string, string | number | string[] | null>) =>
    mrSeries({ uid: siemens(n), tags: { ...tags, SeriesNumber: n }, slices: 4 });

  it('finds a T2 TSE whose description says nothing', () => {
    const result = classifyStudy([
      one(3, { ...SIEMENS_T2_TSE, SeriesDescription: 'axial 3', ProtocolName: 'breast 3' }),
    ]);
    expect(result.t2).toEqual([siemens(3)]);
  });

  it('does not call a series T2 because of its description when its TE is short', () => {
    const result = classifyStudy([
      one(3, { ...SIEMENS_T2_TSE, SeriesDescription: 't2_tse_tra', EchoTime: '12', RepetitionTime: '600' }),
    ]);
    expect(roleOf(result, siemens(3))).toMatchObject({
      role: 'other',
      reason: 'described as "t2_tse_tra" but TR 600 ms, TE 12 ms is not T2-weighted (needs TE >= 60 ms, TR >= 1000 ms)',
    });
  });

  it('falls back on the description when TE and TR are missing, and says so', () => {
    const result = classifyStudy([one(3, { ...SIEMENS_T2_TSE, EchoTime: null, RepetitionTime: null })]);
    expect(roleOf(result, siemens(3)).reason).toBe(
      'T2-weighted by description "t2_tse_tra" only (no TE/TR in the header)',
    );
  });

  it('recognises subtractions and MIPs by description when ImageType does not mark them', () => {
    const sub = one(20, { ...GE_VIBRANT, SeriesDescription: 'SUB Ph1/ax 3d dyn' });
    const mip = one(21, { ...GE_VIBRANT, SeriesDescription: 'MIP Ph2-Ph0' });
    const result = classifyStudy([sub, mip]);
    expect(roleOf(result, siemens(20)).reason).toBe(
      'subtraction series (description "SUB Ph1/ax 3d dyn"): computed from DCE phases, not a phase itself',
    );
    expect(roleOf(result, siemens(21)).reason).toBe(
      'maximum intensity projection (description "MIP Ph2-Ph0"): a derived view, not a phase',
    );
  });

  it('takes a single T1 volume with a contrast agent as a one-phase DCE, with warnings', () => {
    const result = classifyStudy([one(12, { ...SIEMENS_DYN, ContrastBolusAgent: 'Dotarem' })]);
    expect(roleOf(result, siemens(12)).reason).toMatch(/dynamic by ContrastBolusAgent \(0018,0010\) recorded/);
    expect(result.dcePhases).toHaveLength(1);
    expect(result.warnings).toContain('DCE: only one phase found; enhancement over time cannot be assessed');
  });
});

describe('objects that are not MR images', () => {
  it('gives every non-image a reason', () => {
    const sc = {
      seriesInstanceUID: '2.25.1',
      instances: [dataset({ ...SECONDARY_CAPTURE, SOPInstanceUID: '2.25.1.1', SeriesNumber: 99 })],
    };
    const ko = {
      seriesInstanceUID: '2.25.2',
      instances: [dataset({ Modality: 'KO', SOPInstanceUID: '2.25.2.1', SeriesNumber: 100 })],
    };
    const empty = { seriesInstanceUID: '2.25.3', instances: [] };
    const result = classifyStudy([empty, ko, sc]);
    expect(result.series.map((s) => [s.seriesInstanceUID, s.role, s.reason])).toEqual([
      [
        '2.25.1',
        'other',
        'modality MR but SOP class 1.2.840.10008.5.1.4.1.1.7 is not an MR image (e.g. a secondary capture or spectroscopy)',
      ],
      ['2.25.2', 'other', 'modality KO (key object selection), not an MR image'],
      ['2.25.3', 'other', 'the series has no instances'],
    ]);
  });
});

describe('reader overrides', () => {
  const study = siemensStudy();

  it('reassigns a series and treats it as its new role', () => {
    const result = classifyStudy(study, { [siemens(5)]: 'other', [siemens(8)]: 'dce' });
    expect(roleOf(result, siemens(5))).toMatchObject({
      role: 'other',
      overridden: true,
      reason:
        'assigned by the reader (automatic: dwi, diffusion-weighted: b = 50, 800 s/mm² from Siemens B_value (0019,xx0C))',
    });
    expect(result.dwi).toEqual([]);
    expect(roleOf(result, siemens(8))).toMatchObject({
      role: 'dce',
      overridden: true,
      reason: expect.stringMatching(/^assigned by the reader \(automatic: other, /),
    });
    // Series 8 has no acquisition time, so the phases can no longer be timed; the reader is told which one.
    expect(result.dcePhases.map((p) => p.seriesInstanceUID)).toEqual([8, 10, 11, 12, 13, 14, 15].map(siemens));
    expect(result.dcePhases.every((p) => p.secondsAfterFirstPost === null)).toBe(true);
    expect(result.warnings).toEqual([
      'DCE phase series 8 "t1_fl3d_tra_nonFS" has no acquisition time; acquisition times cannot order the phases; ordered by series number',
      'DCE: 2 phases precede contrast; the last of them is taken as the pre-contrast baseline',
    ]);
  });

  it('warns when a series added to the DCE has another geometry', () => {
    const sagittal = mrSeries({
      uid: siemens(9),
      tags: { ...SIEMENS_DYN, SeriesNumber: 9, AcquisitionDate: '20240315', AcquisitionTime: '095500' },
      slices: SLICES,
      orientation: 'sagittal',
    });
    const result = classifyStudy([...siemensDcePerPhase(), sagittal], { [siemens(9)]: 'dce' });
    expect(result.dcePhases[0]).toMatchObject({
      seriesInstanceUID: siemens(9),
      label: 'pre-contrast 1',
      phaseIndex: -1,
      secondsAfterFirstPost: -510,
    });
    expect(result.warnings).toEqual([
      'DCE: 2 phases precede contrast; the last of them is taken as the pre-contrast baseline',
      'DCE series differ in matrix or orientation; their phases may not overlay voxel by voxel',
    ]);
  });

  it('copes with an empty series reassigned to DCE or DWI', () => {
    const empty = { seriesInstanceUID: '2.25.7', instances: [] };
    const result = classifyStudy([empty, { ...empty, seriesInstanceUID: '2.25.8' }], {
      '2.25.7': 'dce',
      '2.25.8': 'dwi',
    });
    expect(result.dcePhases).toEqual([]);
    expect(result.dwi).toEqual([]);
    expect(result.warnings).toContain('series 2.25.7 has no images to take phases from');
  });

  it('splits a series reassigned to DWI into its b-values', () => {
    const result = classifyStudy([siemensDwi(5, [0, 800])], { [siemens(5)]: 'dwi' });
    expect(result.dwi.map((d) => d.bValue)).toEqual([0, 800]);
  });

  it('takes phases out of the DCE when the reader excludes their series', () => {
    const result = classifyStudy(study, { [siemens(15)]: 'other' });
    expect(result.dcePhases.map((p) => p.seriesInstanceUID)).not.toContain(siemens(15));
    expect(result.dcePhases).toHaveLength(5);
  });

  it('rejects overrides for unknown series or roles', () => {
    expect(() => classifyStudy(study, { '1.2.3': 'dce' })).toThrow(
      'the override for series 1.2.3 names a series that is not in the study',
    );
    expect(() => classifyStudy(study, { [siemens(3)]: 'flair' as never })).toThrow(/'flair' is not a role/);
  });
});

describe('input validation', () => {
  it('rejects malformed input with clear messages', () => {
    const ok = siemensDwi(5, [0]);
    expect(() => classifyStudy([ok, ok])).toThrow(`series ${ok.seriesInstanceUID} is given twice`);
    expect(() => classifyStudy([{ seriesInstanceUID: '', instances: [] }])).toThrow(
      'series 0 has no seriesInstanceUID',
    );
    expect(() => classifyStudy([{ seriesInstanceUID: '1.2', instances: [{}] }])).toThrow(
      'series 1.2, instance 0 has no SOPInstanceUID (0008,0018)',
    );
    expect(() => classifyStudy([{ seriesInstanceUID: '1.2' } as SeriesInput])).toThrow(
      'series 1.2 has no instances array',
    );
  });

  it('keeps a GE pulse-sequence private block out of the Siemens b-value lookup', () => {
    const t2 = mrSeries({
      uid: siemens(3),
      tags: { ...SIEMENS_T2_TSE, SeriesNumber: 3 },
      extra: gePulseSequence('frfse', 0x10),
      slices: 4,
    });
    expect(classifyStudy([t2]).t2).toEqual([siemens(3)]);
  });
});

describe('a spin-echo T1 series (as in the real sarcoma MR of the IBSI data)', () => {
  it('is not called a gradient echo, whatever its description says', () => {
    const se = mrSeries({
      uid: siemens(40),
      tags: {
        SeriesNumber: 40,
        SeriesDescription: 'MR_T1_image',
        ScanningSequence: 'SE',
        Modality: 'MR',
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.4',
        ImageType: ['ORIGINAL', 'PRIMARY'],
      },
      slices: 4,
    });
    const summary = roleOf(classifyStudy([se]), siemens(40));
    expect(summary.role).toBe('other');
    expect(summary.reason).toBe('MR series not recognised as DCE, T2, DWI or ADC (ScanningSequence SE)');
    expect(summary.reason).not.toMatch(/gradient echo/);
  });
});
