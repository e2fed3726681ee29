import {
  items,
  numberOf,
  numbers,
  privateNumbers,
  privateTagKey,
  privateTexts,
  tagKey,
  text,
  texts,
} from './dicom-json';
import { privateElement, unknownPrivateElement } from '../testing/dicom-builder';

describe('DICOM JSON accessors', () => {
  it('reads strings, trims padding and treats a missing Value as empty', () => {
    const ds = {
      '0008103E': { vr: 'LO', Value: ['t2_tse_tra '] },
      '00180010': { vr: 'LO' },
      '00080018': { vr: 'UI', Value: ['1.2.3\0'] },
    };
    expect(text(ds, '0008103E')).toBe('t2_tse_tra');
    expect(text(ds, '00180010')).toBeUndefined();
    expect(text(ds, '00181030')).toBeUndefined();
    expect(text(ds, '00080018')).toBe('1.2.3');
  });

  it('reads PN values through their Alphabetic group', () => {
    expect(text({ '00100010': { vr: 'PN', Value: [{ Alphabetic: 'HERON^PHANTOM' }] } }, '00100010')).toBe(
      'HERON^PHANTOM',
    );
  });

  it('splits multi-valued strings whether sent as an array or joined by backslashes', () => {
    expect(texts({ '00080008': { vr: 'CS', Value: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC'] } }, '00080008')).toEqual([
      'DERIVED',
      'PRIMARY',
      'DIFFUSION',
      'ADC',
    ]);
    expect(texts({ '00080008': { vr: 'CS', Value: ['ORIGINAL\\PRIMARY\\M\\ND'] } }, '00080008')).toEqual([
      'ORIGINAL',
      'PRIMARY',
      'M',
      'ND',
    ]);
  });

  it('reads IS/DS sent as numbers or as strings, and ignores values that are not numbers', () => {
    expect(numberOf({ '00180081': { vr: 'DS', Value: [1.69] } }, '00180081')).toBe(1.69);
    expect(numberOf({ '00180081': { vr: 'DS', Value: [' 1.69E+00'] } }, '00180081')).toBe(1.69);
    expect(numberOf({ '00180081': { vr: 'DS', Value: [''] } }, '00180081')).toBeUndefined();
    expect(numberOf({ '00180081': { vr: 'DS', Value: ['abc'] } }, '00180081')).toBeUndefined();
    expect(numbers({ '00200032': { vr: 'DS', Value: ['-170.5', -120.25, '-40'] } }, '00200032')).toEqual([
      -170.5, -120.25, -40,
    ]);
  });

  it('reads sequence items and treats an absent or empty sequence as no items', () => {
    const ds = {
      '52009229': { vr: 'SQ', Value: [{ '00280030': { vr: 'DS', Value: [0.7, 0.7] } }] },
      '52009230': { vr: 'SQ' },
    };
    expect(items(ds, '52009229').map((it) => numbers(it, '00280030'))).toEqual([[0.7, 0.7]]);
    expect(items(ds, '52009230')).toEqual([]);
    expect(items(ds, '00081115')).toEqual([]);
  });

  it('rejects malformed tag parts with a clear message', () => {
    expect(tagKey('0019', '100c')).toBe('0019100C');
    expect(() => tagKey('19', '100C')).toThrow(/not a DICOM tag/);
    expect(() => privateTagKey({}, '0018', 'X', '0C')).toThrow(/odd/);
  });
});

describe('private elements are found through their creator block', () => {
  it('finds the element in whichever block the creator reserved', () => {
    const inBlock10 = privateElement('0019', 'SIEMENS MR HEADER', '0C', 'IS', 800);
    const inBlock12 = privateElement('0019', 'SIEMENS MR HEADER', '0C', 'IS', 800, 0x12);
    expect(privateTagKey(inBlock10, '0019', 'SIEMENS MR HEADER', '0C')).toBe('0019100C');
    expect(privateTagKey(inBlock12, '0019', 'SIEMENS MR HEADER', '0C')).toBe('0019120C');
  });

  it('ignores the same element number when another creator owns the block', () => {
    // (0019,100C) belongs to GE's GEMS_ACQU_01 here; it is not a Siemens b-value.
    const ds = privateElement('0019', 'GEMS_ACQU_01', '0C', 'IS', 800);
    expect(privateTagKey(ds, '0019', 'SIEMENS MR HEADER', '0C')).toBeUndefined();
    expect(privateNumbers(ds, { group: '0019', creator: 'SIEMENS MR HEADER', element: '0C' }, 'text')).toEqual([]);
  });

  it('decodes UN bytes (InlineBinary or ArrayBuffer) as text (IS/DS) or little-endian floats (FL)', () => {
    const ascii = new TextEncoder().encode('1000000800\\8\\0\\0 ');
    const ge = unknownPrivateElement('0043', 'GEMS_PARM_01', '39', ascii);
    expect(privateNumbers(ge, { group: '0043', creator: 'GEMS_PARM_01', element: '39' }, 'text')).toEqual([
      1000000800, 8, 0, 0,
    ]);

    const fl = new Uint8Array(new Float32Array([800]).buffer);
    const philips = unknownPrivateElement('2001', 'Philips Imaging DD 001', '03', fl);
    expect(
      privateNumbers(philips, { group: '2001', creator: 'Philips Imaging DD 001', element: '03' }, 'float32'),
    ).toEqual([800]);

    // dcmjs reading an implicit-VR file: UN with the bytes as an ArrayBuffer in Value.
    const siemens = {
      '00190010': { vr: 'LO', Value: ['SIEMENS MR HEADER'] },
      '0019100C': { vr: 'UN', Value: [new TextEncoder().encode('800 ').buffer] },
    };
    expect(privateNumbers(siemens, { group: '0019', creator: 'SIEMENS MR HEADER', element: '0C' }, 'text')).toEqual([
      800,
    ]);

    const name = unknownPrivateElement('0019', 'GEMS_ACQU_01', '9C', new TextEncoder().encode('epi2'));
    expect(privateTexts(name, { group: '0019', creator: 'GEMS_ACQU_01', element: '9C' })).toEqual(['epi2']);
  });
});
