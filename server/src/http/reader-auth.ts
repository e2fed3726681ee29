import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AuditLog } from '../audit/audit-log';
import type { LoginThrottle } from './login-throttle';

/** user name -> password of the people allowed to use this Heron server. */
export type Readers = Record<string, string>;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The user name and password of a Basic Authorization header, if it is one. */
function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The reader named in a Basic Authorization header, if the password matches. */
export function authenticatedReader(header: string | undefined, readers: Readers): string | null {
  const c = basicCredentials(header);
  if (!c) return null;
  const expected = Object.prototype.hasOwnProperty.call(readers, c.user) ? readers[c.user] : undefined;
  return expected !== undefined && sameSecret(c.password, expected) ? c.user : null;
}

export interface LoginGuard {
  throttle: LoginThrottle;
  audit: AuditLog;
}

/** A login is recorded once per reader and address in this span; Basic sends the password with every request. */
const LOGIN_RECORDED_FOR_MS = 12 * 3600 * 1000;

/**
 * HTTP Basic login for the viewer, its API and the DICOMweb proxy. Browsers resend the credentials
 * with every same-origin request (modules, workers, XHR), so OHIF needs no changes; the name becomes
 * the reader recorded on signed-off results.
 */
export function requireReader(readers: Readers, guard: LoginGuard) {
  const lastLogin = new Map<string, number>();
  // A locked address is recorded once per wait, so that hammering a locked login cannot fill the audit log.
  const lockRecordedUntil = new Map<string, number>();
  return (req: Request, res: Response, next: NextFunction): void => {
    const claimed = basicCredentials(req.headers.authorization);
    const address = req.socket.remoteAddress ?? '';
    if (claimed) {
      // Checked before the password, so that a locked name cannot be probed further.
      const wait = guard.throttle.retryAfter(claimed.user, address);
      if (wait > 0) {
        const now = Date.now();
        if (now >= (lockRecordedUntil.get(address) ?? 0)) {
          guard.audit.record({
            action: 'login-locked',
            user: claimed.user.slice(0, 100),
            address,
            retryAfterSeconds: wait,
          });
          lockRecordedUntil.set(address, now + wait * 1000);
        }
        res.setHeader('Retry-After', String(wait));
        res.status(429).json({ error: `Too many failed logins; wait ${wait} s before trying again.` });
        return;
      }
    }
    const reader = authenticatedReader(req.headers.authorization, readers);
    if (reader) {
      guard.throttle.succeeded(reader, address);
      const key = `${reader}\u0000${address}`;
      const now = Date.now();
      if (now - (lastLogin.get(key) ?? 0) > LOGIN_RECORDED_FOR_MS)
        guard.audit.record({ action: 'login', user: reader, address });
      lastLogin.set(key, now);
      res.locals.reader = reader;
      next();
      return;
    }
    if (claimed) {
      guard.throttle.failed(claimed.user, address);
      guard.audit.record({ action: 'login-failed', user: claimed.user.slice(0, 100), address });
    }
    res.setHeader('WWW-Authenticate', 'Basic realm="Heron", charset="UTF-8"');
    res.status(401).json({ error: 'Please log in to Heron (the login is printed when the server starts).' });
  };
}
