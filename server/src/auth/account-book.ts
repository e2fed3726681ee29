import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { type Identity, personName } from './identity';
import { type LocalAccount, readAccounts } from './local-accounts';
import { verifyPassword } from './password-hash';

/** user name -> password of the older plain readers file (`readersFile`), each a reader. */
export type Readers = Record<string, string>;

/** How long a checked password is remembered: Basic sends it with each of the viewer's hundreds of requests. */
const REMEMBER_MS = 10 * 60 * 1000;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The local accounts a Basic login is checked against: the users file (scrypt hashes, `heron user add`), re-read
 * when it changes so that an added or removed account takes effect without a restart, and the older plain readers
 * map (the demo's generated reader, a site's `readersFile` until it is migrated).
 */
export class AccountBook {
  private accounts: LocalAccount[] = [];
  private mtimeMs = -1;
  // Keyed by an HMAC under a per-process key, so the cache never holds a password or a reusable hash of one.
  private readonly cacheKey = randomBytes(32);
  private readonly verified = new Map<string, { until: number; check: Promise<boolean> }>();

  constructor(
    private readonly usersFile: string | undefined,
    private readonly readers: Readers = {},
  ) {}

  private current(): LocalAccount[] {
    if (!this.usersFile) return [];
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.usersFile).mtimeMs;
    } catch {
      mtimeMs = 0;
    }
    if (mtimeMs !== this.mtimeMs) {
      this.accounts = mtimeMs === 0 ? [] : readAccounts(this.usersFile);
      this.mtimeMs = mtimeMs;
      this.verified.clear();
    }
    return this.accounts;
  }

  /** The identity of a local login when the password is right, else null. */
  async check(login: string, password: string): Promise<Identity | null> {
    const account = this.current().find((a) => a.login === login);
    if (account) {
      const key = createHmac('sha256', this.cacheKey).update(`${login}\u0000${password}\u0000${account.passwordHash}`);
      const k = key.digest('base64url');
      const now = Date.now();
      let entry = this.verified.get(k);
      if (!entry || entry.until < now) {
        entry = { until: now + REMEMBER_MS, check: verifyPassword(password, account.passwordHash) };
        this.verified.set(k, entry);
        if (this.verified.size > 1000) this.verified.delete(this.verified.keys().next().value as string);
      }
      const ok = await entry.check;
      if (!ok) this.verified.delete(k);
      return ok ? { login, displayName: account.displayName, roles: [...account.roles], source: 'local' } : null;
    }
    const expected = Object.prototype.hasOwnProperty.call(this.readers, login) ? this.readers[login] : undefined;
    if (expected !== undefined && sameSecret(password, expected))
      return { login, displayName: personName(login.replace(/\^/g, ' ')), roles: ['reader'], source: 'local' };
    return null;
  }
}
