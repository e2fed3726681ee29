import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets a few failures pass, then doubles the wait with every further failure, up to the cap', () => {
    let now = 0;
    const t = new LoginThrottle({ freeFailures: 3, maxLockMs: 8000, now: () => now });
    for (let i = 0; i < 3; i++) t.failed('dr-a', '10.0.0.1');
    expect(t.retryAfter('dr-a', '10.0.0.1')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      t.failed('dr-a', '10.0.0.1');
      waits.push(t.retryAfter('dr-a', '10.0.0.1'));
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
    now += 8000;
    expect(t.retryAfter('dr-a', '10.0.0.1')).toBe(0);
  });

  it('locks the name from every address and the address for every name', () => {
    const t = new LoginThrottle({ freeFailures: 1, now: () => 0 });
    t.failed('dr-a', '10.0.0.1');
    t.failed('dr-a', '10.0.0.1');
    expect(t.retryAfter('dr-a', '10.0.0.2')).toBeGreaterThan(0);
    expect(t.retryAfter('dr-b', '10.0.0.1')).toBeGreaterThan(0);
    expect(t.retryAfter('dr-b', '10.0.0.2')).toBe(0);
  });

  it('clears the count on success and forgets old failures', () => {
    let now = 0;
    const t = new LoginThrottle({ freeFailures: 1, forgetAfterMs: 1000, now: () => now });
    t.failed('dr-a', '10.0.0.1');
    t.succeeded('dr-a', '10.0.0.1');
    t.failed('dr-a', '10.0.0.1');
    expect(t.retryAfter('dr-a', '10.0.0.1')).toBe(0);
    t.failed('dr-a', '10.0.0.1');
    expect(t.retryAfter('dr-a', '10.0.0.1')).toBe(1);
    now = 5000;
    expect(t.retryAfter('dr-a', '10.0.0.1')).toBe(0);
  });

  it('stays bounded when many names fail, forgetting stale entries first', () => {
    let now = 0;
    const t = new LoginThrottle({ freeFailures: 1, forgetAfterMs: 1000, now: () => now });
    t.failed('dr-a', '10.0.0.1');
    t.failed('dr-a', '10.0.0.1');
    expect(t.retryAfter('dr-a', '10.0.0.2')).toBeGreaterThan(0);
    now = 500;
    // Each failure from its own address: 20 000 names and addresses, over the table's 10 000 entries.
    for (let n = 0; n < 10_000; n++) t.failed(`name-${n}`, `10.1.${n >> 8}.${n & 255}`);
    expect(t.retryAfter('name-9999', '10.9.9.9')).toBe(0);
    expect((t as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(10_000);
  });
});
