// TR, TE, TI, flip angle and the kind of echo of an Enhanced MR image come from its functional groups, which leave
// the top-level attributes out; roles then count frames, not instances.
import type { DicomJson } from '../core/dicom-json';
import { classifyStudy } from './series-roles';
import { frameCount, mrParameters } from './mr-parameters';

const ds = (o: Record<string, [string, unknown[]]>): DicomJson =>
  Object.fromEntries(Object.entries(o).map(([tag, [vr, Value]]) => [tag, { vr, Value }])) as DicomJson;

/** An Enhanced MR instance of a 3D T1 gradient echo, TR/flip angle in the shared groups, TE per frame. */
function enhancedT1(frames: number): DicomJson {
  return ds({
    '00080016': ['UI', ['1.2.840.10008.5.1.4.1.1.4.1']],
    '00080018': ['UI', ['1.2.3.4.1']],
    '00080060': ['CS', ['MR']],
    '00080008': ['CS', ['ORIGINAL', 'PRIMARY', 'M', 'NONE']],
    '0008103E': ['LO', ['T1 3D']],
    '0020000E': ['UI', ['1.2.3.4']],
    '00200011': ['IS', [7]],
    '00189008': ['CS', ['GRADIENT']],
    '00280008': ['IS', [frames]],
    '52009229': ['SQ', [ds({ '00189112': ['SQ', [ds({ '00180080': ['DS', [4.6]], '00181314': ['DS', [12]] })]] })]],
    '52009230': [
      'SQ',
      Array.from({ length: frames }, () => ds({ '00189114': ['SQ', [ds({ '00189082': ['FD', [2.3]] })]] })),
    ],
  });
}

describe('MR parameters', () => {
  it('reads an Enhanced MR image from its shared and per-frame functional groups', () => {
    expect(mrParameters(enhancedT1(3))).toEqual({
      repetitionTime: 4.6,
      echoTime: 2.3,
      flipAngle: 12,
      scanningSequence: ['GR'],
    });
  });

  it('prefers the top-level attributes of a classic image', () => {
    const classic = ds({
      '00180020': ['CS', ['SE', 'IR']],
      '00180080': ['DS', [5000]],
      '00180081': ['DS', [80]],
      '00180082': ['DS', [170]],
    });
    expect(mrParameters(classic)).toEqual({
      repetitionTime: 5000,
      echoTime: 80,
      inversionTime: 170,
      scanningSequence: ['SE', 'IR'],
    });
  });

  it('counts frames, not instances', () => {
    expect(frameCount([enhancedT1(40), ds({})])).toBe(41);
    const roles = classifyStudy([{ seriesInstanceUID: '1.2.3.4', instances: [enhancedT1(40)] }]);
    expect(roles.series[0].instanceCount).toBe(40);
    expect(roles.series[0].reason).toMatch(/T1-weighted gradient echo/);
    expect(roles.series[0].reason).toMatch(/4\.6/);
  });
});
