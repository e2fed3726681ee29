import { decodeMaskRuns, encodeMaskRuns } from './mask-runs';

describe('mask runs', () => {
  it('round-trips a mask', () => {
    const mask = [0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(encodeMaskRuns(mask)).toEqual([1, 2, 3, 3, 3, 2, 9, 1]);
    expect(Array.from(decodeMaskRuns([1, 2, 3, 3, 3, 2, 9, 1], 24))).toEqual(mask);
  });

  it('starts with an empty outside run when the first voxel is inside', () => {
    expect(encodeMaskRuns([1, 1, 0])).toEqual([0, 2, 1]);
    expect(encodeMaskRuns([])).toEqual([0]);
  });

  it('refuses runs that do not fill the grid', () => {
    expect(() => decodeMaskRuns([23], 24)).toThrow('cover 23 voxels, the grid has 24');
    expect(() => decodeMaskRuns([1.5, 22.5], 24)).toThrow('non-negative integers');
  });
});
