// Series roles of a typical breast study, for the layout tests.
import type { StudyRoles } from '@heron/server/contract';

export const phase = (uid: string, phaseIndex: number) => ({
  seriesInstanceUID: uid,
  phaseIndex,
  label: phaseIndex === 0 ? 'pre-contrast' : `post-contrast ${phaseIndex}`,
  secondsAfterFirstPost: null,
  sopInstanceUIDs: [],
});

export function studyRoles(over: Partial<StudyRoles> = {}): StudyRoles {
  return {
    series: [],
    dcePhases: [phase('pre', 0), phase('post2', 2), phase('post1', 1)],
    t2: ['t2a', 't2b'],
    dwi: [
      { seriesInstanceUID: 'dwi', bValue: 0, sopInstanceUIDs: [] },
      { seriesInstanceUID: 'dwi-high', bValue: 800, sopInstanceUIDs: ['h1', 'h2'] },
      { seriesInstanceUID: 'dwi', bValue: 50, sopInstanceUIDs: [] },
    ],
    adc: ['adc'],
    other: ['loc'],
    warnings: [],
    ...over,
  };
}
