import { SessionStore } from './sessions';

const person = { login: 'ann', displayName: 'Doe^Ann', roles: ['reader' as const], source: 'oidc' as const };

describe('server-side sessions', () => {
  it('ends a session after its idle time and after its maximum age however active', () => {
    let t = 0;
    const store = new SessionStore({ maxAgeMs: 1000, idleMs: 300 }, () => t);
    const s = store.create(person);
    t = 250;
    expect(store.get(s.id)?.identity.login).toBe('ann');
    t = 600;
    expect(store.get(s.id)).toBeUndefined();
    const active = store.create(person);
    for (t = 600; t < 1590; t += 200) expect(store.get(active.id)).toBeDefined();
    t = 1700;
    expect(store.get(active.id)).toBeUndefined();
  });

  it('gives each session its own unguessable id and CSRF token, and stays bounded', () => {
    const store = new SessionStore({ maxAgeMs: 1e6, idleMs: 1e6, maxSessions: 3 });
    const ids = Array.from({ length: 5 }, () => store.create(person));
    expect(new Set(ids.map((s) => s.id)).size).toBe(5);
    expect(ids[0].csrfToken).not.toBe(ids[0].id);
    expect(ids[0].id.length).toBeGreaterThanOrEqual(43);
    expect(store.size).toBe(3);
    expect(store.get(ids[0].id)).toBeUndefined();
    expect(store.destroy(ids[4].id)?.identity.login).toBe('ann');
    expect(store.get(ids[4].id)).toBeUndefined();
  });
});
