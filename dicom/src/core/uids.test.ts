import { analysisObjectUids, newUid } from './uids';

describe('analysisObjectUids', () => {
  it('gives one analysis the same UIDs every time, distinct per object and per analysis', () => {
    const a = analysisObjectUids('5f0c6a1e-1111-4e2b-9a7e-2f6d1c0b9e01', 'sr');
    expect(analysisObjectUids('5f0c6a1e-1111-4e2b-9a7e-2f6d1c0b9e01', 'sr')).toEqual(a);
    const seg = analysisObjectUids('5f0c6a1e-1111-4e2b-9a7e-2f6d1c0b9e01', 'seg');
    const other = analysisObjectUids('5f0c6a1e-2222-4e2b-9a7e-2f6d1c0b9e01', 'sr');
    const all = [a, seg, other].flatMap((u) => [u.sopInstanceUID, u.seriesInstanceUID]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('are valid UIDs under 2.25 (PS3.5 9.1: digits and dots, at most 64 characters, no leading zero)', () => {
    for (const uid of [newUid(), ...Object.values(analysisObjectUids('x', 'pdf'))]) {
      expect(uid).toMatch(/^2\.25\.(0|[1-9][0-9]*)$/);
      expect(uid.length).toBeLessThanOrEqual(64);
    }
  });
});
