/**
 * Brute-force protection for the reader login. Failed attempts are counted per claimed user name and per client
 * address; past a few, each further failure doubles the wait before the next attempt is even checked, up to a
 * quarter of an hour. A success clears the count of that name and address. Counting names and addresses apart
 * stops both one address trying many names and many addresses trying one name.
 */
export interface ThrottleOptions {
  /** Failures allowed before any wait. */
  freeFailures?: number;
  maxLockMs?: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs?: number;
  now?: () => number;
}

/** Names and addresses remembered at most; beyond it the stale ones, then the longest-known, are forgotten. */
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly freeFailures: number;
  private readonly maxLockMs: number;
  private readonly forgetAfterMs: number;
  private readonly now: () => number;

  constructor(o: ThrottleOptions = {}) {
    this.freeFailures = o.freeFailures ?? 5;
    this.maxLockMs = o.maxLockMs ?? 15 * 60_000;
    this.forgetAfterMs = o.forgetAfterMs ?? 60 * 60_000;
    this.now = o.now ?? Date.now;
  }

  private keys(user: string, address: string): string[] {
    return [`user\u0000${user}`, `address\u0000${address}`];
  }

  /** Seconds to wait before this name may be tried from this address again; 0 when it may be tried now. */
  retryAfter(user: string, address: string): number {
    const now = this.now();
    let until = 0;
    for (const k of this.keys(user, address)) {
      const f = this.failures.get(k);
      if (f && now - f.last > this.forgetAfterMs) this.failures.delete(k);
      else if (f) until = Math.max(until, f.lockedUntil);
    }
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  failed(user: string, address: string): void {
    const now = this.now();
    for (const k of this.keys(user, address)) {
      const f = this.failures.get(k) ?? { count: 0, last: now, lockedUntil: 0 };
      f.count++;
      f.last = now;
      const over = f.count - this.freeFailures;
      if (over > 0) f.lockedUntil = now + Math.min(this.maxLockMs, 1000 * 2 ** (over - 1));
      this.failures.set(k, f);
    }
    if (this.failures.size > MAX_TRACKED) this.forget(now);
  }

  /** Keeps the table bounded when many different names fail (each new name is a new entry). */
  private forget(now: number): void {
    for (const [k, f] of this.failures) if (now - f.last > this.forgetAfterMs) this.failures.delete(k);
    for (const k of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED) break;
      this.failures.delete(k);
    }
  }

  succeeded(user: string, address: string): void {
    for (const k of this.keys(user, address)) this.failures.delete(k);
  }
}
