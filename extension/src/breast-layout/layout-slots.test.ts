import { layoutSlots, slotsOf } from './layout-slots';
import { phase, studyRoles } from './roles-fixture';

describe('layoutSlots', () => {
  it('places the first post-contrast phase, pre-contrast, the first T2, the highest b-value and ADC', () => {
    const map = layoutSlots(studyRoles());
    expect([...slotsOf(map, 'post1')]).toEqual(['dceFirstPost']);
    expect([...slotsOf(map, 'pre')]).toEqual(['dcePre']);
    expect([...slotsOf(map, 't2a')]).toEqual(['t2']);
    expect([...slotsOf(map, 'dwi-high')]).toEqual(['dwiHighB']);
    expect([...slotsOf(map, 'adc')]).toEqual(['adc']);
    for (const uid of ['post2', 't2b', 'dwi', 'loc', 'unknown']) expect(slotsOf(map, uid).size).toBe(0);
    expect(slotsOf(map, undefined).size).toBe(0);
  });

  it('gives one series every slot it holds (a DCE exported as one series with temporal positions)', () => {
    const map = layoutSlots(studyRoles({ dcePhases: [phase('dyn', 0), phase('dyn', 1), phase('dyn', 2)] }));
    expect([...slotsOf(map, 'dyn')].sort()).toEqual(['dceFirstPost', 'dcePre']);
  });

  it('leaves a slot without a series empty rather than filling it with another', () => {
    const map = layoutSlots(studyRoles({ adc: [], dwi: [], dcePhases: [phase('pre', 0)] }));
    expect([...map.values()].flatMap((s) => [...s]).sort()).toEqual(['dcePre', 't2']);
  });

  it('takes the earliest phase after injection when phase 1 is missing', () => {
    const map = layoutSlots(studyRoles({ dcePhases: [phase('pre', 0), phase('p3', 3), phase('p2', 2)] }));
    expect([...slotsOf(map, 'p2')]).toEqual(['dceFirstPost']);
  });
});
