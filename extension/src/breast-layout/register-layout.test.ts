import { slotAttribute } from './breast-protocol';
import { studyRoles } from './roles-fixture';
import { firstDceMatcher, prepareBreastLayout } from './register-layout';

function fakeService() {
  const attributes = new Map<string, (ds: { SeriesInstanceUID?: string }) => unknown>();
  return {
    attributes,
    addCustomAttribute(id: string, _name: string, cb: (ds: { SeriesInstanceUID?: string }) => unknown) {
      attributes.set(id, cb);
    },
  };
}

describe('prepareBreastLayout', () => {
  it('registers one attribute per slot, true exactly for the series filling it', async () => {
    const service = fakeService();
    const asked: string[] = [];
    const out = await prepareBreastLayout(service, '1.2.3', async (uid) => (asked.push(uid), studyRoles()));
    expect(asked).toEqual(['1.2.3']);
    expect(out.problem).toBeUndefined();
    const t2 = service.attributes.get(slotAttribute('t2'))!;
    expect(t2({ SeriesInstanceUID: 't2a' })).toBe(true);
    expect(t2({ SeriesInstanceUID: 'post1' })).toBe(false);
    expect(t2({})).toBe(false);
    expect(service.attributes.get(slotAttribute('dceFirstPost'))!({ SeriesInstanceUID: 'post1' })).toBe(true);
    expect(service.attributes.size).toBe(5);
    expect([...out.highBSops]).toEqual(['h1', 'h2']);
  });

  it('matches nothing and says why when the roles cannot be read', async () => {
    const service = fakeService();
    const out = await prepareBreastLayout(service, '1.2.3', async () => {
      throw new Error('The Heron server answered 502.');
    });
    expect(out.problem).toBe('The series roles could not be read: The Heron server answered 502.');
    expect(service.attributes.get(slotAttribute('t2'))!({ SeriesInstanceUID: 't2a' })).toBe(false);
    expect((await prepareBreastLayout(fakeService(), undefined, async () => studyRoles())).problem).toMatch(/No study/);
  });
});

describe('firstDceMatcher', () => {
  const slots = new Map([['post1', new Set(['dceFirstPost' as const])]]);
  it('picks the first subtraction when it was made, else the first post-contrast phase', () => {
    let made = new Set<number>();
    const match = firstDceMatcher(slots, 1, () => made);
    expect(match({ SeriesInstanceUID: 'post1' })).toBe(true);
    made = new Set([1, 2]);
    expect(match({ SeriesInstanceUID: 'post1' })).toBe(false);
    expect(match({ SeriesInstanceUID: 'sub', heronSubtraction: { phaseIndex: 1 } })).toBe(true);
    expect(match({ SeriesInstanceUID: 'sub2', heronSubtraction: { phaseIndex: 2 } })).toBe(false);
    expect(match({ SeriesInstanceUID: 't2a' })).toBe(false);
  });
  it('matches nothing without roles', () => {
    const match = firstDceMatcher(new Map(), undefined, () => new Set());
    expect(match({ SeriesInstanceUID: 'post1' })).toBe(false);
  });
});
