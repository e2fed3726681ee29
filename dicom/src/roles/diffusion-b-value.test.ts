import { groupByBValue, readBValue } from './diffusion-b-value';
import { dataset, unknownPrivateElement } from '../testing/dicom-builder';
import {
  GE_DWI,
  GE_T2_FSE,
  geSlopInt,
  PHILIPS_DWI,
  PHILIPS_T2,
  philipsBValue,
  SIEMENS_DWI,
  siemensBValue,
  siemensDiffusionImage,
} from '../testing/vendor-presets';

describe('readBValue', () => {
  it('prefers the standard DiffusionBValue (0018,9087)', () => {
    const ds = dataset({ ...GE_DWI, DiffusionBValue: 800 }, geSlopInt([1000000800, 8, 0, 0]));
    expect(readBValue(ds)).toEqual({ bValue: 800, source: 'DiffusionBValue (0018,9087)', definite: true });
  });

  it('reads Siemens B_value (0019,xx0C); its presence alone proves diffusion, even at b = 0', () => {
    expect(readBValue(dataset({ ...SIEMENS_DWI }, siemensBValue('800')))).toEqual({
      bValue: 800,
      source: 'Siemens B_value (0019,xx0C)',
      definite: true,
    });
    expect(readBValue(dataset({ ...SIEMENS_DWI }, siemensBValue(0)))?.definite).toBe(true);
    expect(readBValue(dataset({ ...SIEMENS_DWI }, siemensBValue(800, 0x11)))?.bValue).toBe(800);
  });

  it('falls back to the Siemens sequence name when the private groups were stripped', () => {
    expect(readBValue(dataset({ ...SIEMENS_DWI, ...siemensDiffusionImage(800) }))).toEqual({
      bValue: 800,
      source: 'Siemens sequence name',
      definite: true,
    });
    expect(readBValue(dataset({ ...SIEMENS_DWI, ...siemensDiffusionImage(0) }))?.bValue).toBe(0);
  });

  it('removes GE BIAS_FOR_BVALUE (1,000,000,000) from (0043,xx39) and keeps b-values above 10,000', () => {
    expect(readBValue(dataset({ ...GE_DWI }, geSlopInt([1000000800, 8, 0, 0])))).toEqual({
      bValue: 800,
      source: 'GE Slop_int_6 (0043,xx39)',
      definite: true,
    });
    expect(readBValue(dataset({ ...GE_DWI }, geSlopInt(['1000001000', '8', '0', '0'])))?.bValue).toBe(1000);
    expect(readBValue(dataset({ ...GE_DWI }, geSlopInt([30000, 8, 0, 0])))?.bValue).toBe(30000);
    expect(readBValue(dataset({ ...GE_DWI }, geSlopInt([0, 8, 0, 0])))).toEqual({
      bValue: 0,
      source: 'GE Slop_int_6 (0043,xx39)',
      definite: false,
    });
  });

  it('does not take GE (0043,xx39) for a b-value outside echo-planar images', () => {
    expect(readBValue(dataset({ ...GE_T2_FSE }, geSlopInt([0, 2097184, 0, 0])))).toBeUndefined();
  });

  it('reads Philips DiffusionBValue (2001,xx03), also when it arrives as UN bytes', () => {
    expect(readBValue(dataset({ ...PHILIPS_DWI }, philipsBValue(800)))).toEqual({
      bValue: 800,
      source: 'Philips DiffusionBValue (2001,xx03)',
      definite: true,
    });
    const bytes = new Uint8Array(new Float32Array([799.9999]).buffer);
    expect(
      readBValue(dataset({ ...PHILIPS_DWI }, unknownPrivateElement('2001', 'Philips Imaging DD 001', '03', bytes)))
        ?.bValue,
    ).toBe(800);
    // Philips writes 0 into a T2 TSE: a b-value, but no proof of diffusion.
    expect(readBValue(dataset({ ...PHILIPS_T2 }, philipsBValue(0)))?.definite).toBe(false);
  });

  it('returns undefined when no source has a b-value', () => {
    expect(readBValue(dataset({ ...GE_T2_FSE }))).toBeUndefined();
  });
});

describe('groupByBValue', () => {
  it('splits a multi-b series into ascending groups and keeps images without a b-value apart', () => {
    const images = [800, 0, 50, 800, 0, 50].map((b, i) =>
      dataset({ SOPInstanceUID: `1.2.${i}`, ...SIEMENS_DWI }, siemensBValue(b)),
    );
    images.push(dataset({ SOPInstanceUID: '1.2.99', ...SIEMENS_DWI }));
    const { groups, withoutBValue } = groupByBValue(images);
    expect(groups.map((g) => [g.bValue, g.instances.length])).toEqual([
      [0, 2],
      [50, 2],
      [800, 2],
    ]);
    expect(withoutBValue).toHaveLength(1);
  });
});
