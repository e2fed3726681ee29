import type { StudyRoles } from '@heron/server/contract';
import { formatPhaseTime, roleRows } from './roles-display';

describe('formatPhaseTime', () => {
  it('signs times relative to the first post-contrast phase', () => {
    expect(formatPhaseTime(-82.4)).toBe('−82 s');
    expect(formatPhaseTime(0)).toBe('+0 s');
    expect(formatPhaseTime(75.6)).toBe('+76 s');
  });

  it('says when a phase has no time', () => {
    expect(formatPhaseTime(null)).toBe('time unknown');
  });
});

describe('roleRows', () => {
  const series = (uid: string, n: number, d: string) => ({
    seriesInstanceUID: uid,
    seriesNumber: n,
    seriesDescription: d,
    instanceCount: 10,
    role: 'other' as const,
    reason: '',
    overridden: false,
  });
  const roles: StudyRoles = {
    series: [
      series('1.1', 3, 'ax dyn'),
      series('1.2', 5, 't2_tse_fs'),
      series('1.3', 7, 'ep2d_diff'),
      series('1.4', 8, 'ADC'),
      series('1.5', 9, 'SUB'),
    ],
    dcePhases: [
      {
        seriesInstanceUID: '1.1',
        phaseIndex: 0,
        label: 'pre-contrast',
        secondsAfterFirstPost: -80,
        sopInstanceUIDs: [],
      },
      {
        seriesInstanceUID: '1.1',
        phaseIndex: 1,
        label: 'post-contrast 1',
        secondsAfterFirstPost: 0,
        sopInstanceUIDs: [],
      },
    ],
    t2: ['1.2'],
    dwi: [
      { seriesInstanceUID: '1.3', bValue: 0, sopInstanceUIDs: [] },
      { seriesInstanceUID: '1.3', bValue: 800, sopInstanceUIDs: [] },
    ],
    adc: ['1.4'],
    other: ['1.5'],
    warnings: [],
  };

  it('lists DCE phases by time, then T2, DWI by b-value, ADC and the rest', () => {
    expect(roleRows(roles).map((r) => `${r.title} | ${r.detail}`)).toEqual([
      'Pre-contrast | −80 s · #3 ax dyn',
      'Post-contrast 1 | +0 s · #3 ax dyn',
      'T2 | #5 t2_tse_fs',
      'DWI b=0 | #7 ep2d_diff',
      'DWI b=800 | #7 ep2d_diff',
      'ADC | #8 ADC',
      'Other | #9 SUB',
    ]);
  });

  it('gives every row a unique key', () => {
    const keys = roleRows(roles).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
