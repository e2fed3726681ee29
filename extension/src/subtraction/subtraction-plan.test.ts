import { phase } from '../breast-layout/roles-fixture';
import { sameSlice, subtractionPlans } from './subtraction-plan';

const withSops = (uid: string, index: number, sops: string[]) => ({ ...phase(uid, index), sopInstanceUIDs: sops });

describe('subtractionPlans', () => {
  it('pairs each post-contrast phase with the pre-contrast phase slice by slice, in phase order', () => {
    const { plans, problems } = subtractionPlans({
      dcePhases: [
        withSops('post2', 2, ['c1', 'c2']),
        withSops('pre', 0, ['a1', 'a2']),
        withSops('post1', 1, ['b1', 'b2']),
        withSops('early', -1, ['z1', 'z2']),
      ],
    });
    expect(problems).toEqual([]);
    expect(plans.map((p) => [p.phaseIndex, p.postSeriesInstanceUID, p.preSeriesInstanceUID, p.description])).toEqual([
      [1, 'post1', 'pre', 'SUB: post-contrast 1 − pre'],
      [2, 'post2', 'pre', 'SUB: post-contrast 2 − pre'],
    ]);
    expect(plans[0]!.pairs).toEqual([
      ['b1', 'a1'],
      ['b2', 'a2'],
    ]);
  });

  it('says why there is no subtraction: no pre-contrast phase, or a phase with other slices', () => {
    expect(subtractionPlans({ dcePhases: [withSops('post1', 1, ['b1'])] })).toEqual({
      plans: [],
      problems: ['No pre-contrast phase: the viewer shows no subtraction images.'],
    });
    const partial = subtractionPlans({
      dcePhases: [withSops('pre', 0, ['a1', 'a2']), withSops('post1', 1, ['b1']), withSops('post2', 2, ['c1', 'c2'])],
    });
    expect(partial.plans.map((p) => p.phaseIndex)).toEqual([2]);
    expect(partial.problems).toEqual([
      'post-contrast 1 has 1 images and the pre-contrast phase 2: no subtraction for it.',
    ]);
    expect(subtractionPlans({ dcePhases: [] })).toEqual({ plans: [], problems: [] });
  });
});

describe('sameSlice', () => {
  const slice = {
    ImagePositionPatient: ['-120.5', '30', '12.25'],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    Rows: 64,
    Columns: 80,
    PixelSpacing: [0.7, 0.7],
  };
  it('accepts the rounding of decimal strings and refuses other positions, sizes or orientations', () => {
    expect(sameSlice(slice, { ...slice, ImagePositionPatient: [-120.504, 30, 12.25] })).toBe(true);
    expect(sameSlice(slice, { ...slice, ImagePositionPatient: [-120.5, 30, 14.25] })).toBe(false);
    expect(sameSlice(slice, { ...slice, Rows: 65 })).toBe(false);
    expect(sameSlice(slice, { ...slice, ImageOrientationPatient: [0, 1, 0, 1, 0, 0] })).toBe(false);
    expect(sameSlice(slice, { ...slice, PixelSpacing: [0.8, 0.8] })).toBe(false);
    expect(sameSlice({}, {})).toBe(false);
  });
});
