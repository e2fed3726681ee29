import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AuditLog } from '../audit/audit-log';
import type { LoginThrottle } from '../http/login-throttle';
import type { AccountBook } from './account-book';
import { readCookie, sessionCookieName } from './cookies';
import type { Identity } from './identity';
import { type OidcRelyingParty, SignInError } from './oidc-relying-party';
import type { SessionStore } from './sessions';

export interface Authentication {
  accounts: AccountBook;
  throttle: LoginThrottle;
  audit: AuditLog;
  /** Single sign-on, when configured: its relying party and the sessions it opened. */
  oidc?: { party: OidcRelyingParty; sessions: SessionStore; secureCookies: boolean };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A login is recorded once per person and address in this span; Basic sends the password with every request. */
const LOGIN_RECORDED_FOR_MS = 12 * 3600 * 1000;

/** The user name and password of a Basic Authorization header, if it is one. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A browser asking for a page (not the API, not images): with single sign-on it is sent to the login. */
function wantsPage(req: Request): boolean {
  return (
    req.method === 'GET' &&
    /text\/html/.test(req.get('accept') ?? '') &&
    !/^\/(api|dicom-web|wado)(\/|$)/i.test(req.path)
  );
}

function signedIn(res: Response, identity: Identity): void {
  res.locals.identity = identity;
  // The login as the older routes and the audit read it.
  res.locals.reader = identity.login;
}

/**
 * Who is asking, for the viewer, its API and the DICOMweb proxy: a bearer token from the provider (programs), a
 * Basic login of a local account (scripts, the CLI, the demo, sites without single sign-on) or the session cookie of
 * a single sign-on. The identity goes on `res.locals.identity`; what it may do is decided by the route table.
 */
export function authenticate(auth: Authentication) {
  const lastLogin = new Map<string, number>();
  // A locked address is recorded once per wait, so that hammering a locked login cannot fill the audit log.
  const lockRecordedUntil = new Map<string, number>();
  const bearerRecordedUntil = new Map<string, number>();

  function recordLogin(identity: Identity, address: string): void {
    const key = `${identity.login}\u0000${address}`;
    const now = Date.now();
    if (now - (lastLogin.get(key) ?? 0) > LOGIN_RECORDED_FOR_MS) {
      auth.audit.record({ action: 'login', user: identity.login, address, source: identity.source });
      if (lastLogin.size > 10_000) lastLogin.clear();
    }
    lastLogin.set(key, now);
  }

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const address = req.socket.remoteAddress ?? '';
    const header = req.headers.authorization;

    const bearer = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header ?? '');
    if (bearer) {
      if (!auth.oidc) {
        req.resume();
        res.status(401).json({ error: 'This Heron has no single sign-on configured; bearer tokens are not accepted.' });
        return;
      }
      let identity: Identity;
      try {
        identity = await auth.oidc.party.verifyBearer(bearer[1]);
      } catch (err) {
        const e = err instanceof SignInError ? err : new SignInError('The token could not be checked.', 401);
        // Once a minute per address: a program retrying a bad token must not fill the audit log.
        const now = Date.now();
        if (now >= (bearerRecordedUntil.get(address) ?? 0)) {
          auth.audit.record({ action: 'login-failed', address, source: 'oidc', reason: e.message.slice(0, 300) });
          if (bearerRecordedUntil.size > 10_000) bearerRecordedUntil.clear();
          bearerRecordedUntil.set(address, now + 60_000);
        }
        if (e.status >= 500) req.log.warn({ reason: e.message }, 'bearer token not checked: provider problem');
        req.resume();
        res.status(e.status).json({ error: e.message });
        return;
      }
      recordLogin(identity, address);
      signedIn(res, identity);
      next();
      return;
    }

    const claimed = basicCredentials(header);
    if (claimed) {
      // Checked before the password, so that a locked name cannot be probed further.
      const wait = auth.throttle.retryAfter(claimed.user, address);
      if (wait > 0) {
        const now = Date.now();
        if (now >= (lockRecordedUntil.get(address) ?? 0)) {
          auth.audit.record({
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
      const identity = await auth.accounts.check(claimed.user, claimed.password);
      if (identity) {
        auth.throttle.succeeded(identity.login, address);
        recordLogin(identity, address);
        signedIn(res, identity);
        next();
        return;
      }
      auth.throttle.failed(claimed.user, address);
      auth.audit.record({ action: 'login-failed', user: claimed.user.slice(0, 100), address });
    }

    if (auth.oidc && !claimed) {
      const session = auth.oidc.sessions.get(readCookie(req, sessionCookieName(auth.oidc.secureCookies)));
      if (session) {
        // A cookie goes along with any request the browser makes, so a write must also prove it comes from Heron's
        // own page: the API by the CSRF token only that page can read (GET /api/me); OHIF's own writes through the
        // proxy cannot add a header, so there the Origin header must be present (origin-check.ts checks its value).
        if (!SAFE_METHODS.has(req.method)) {
          const proxied = /^\/(dicom-web|wado)/i.test(req.path);
          const ok = proxied ? req.get('origin') !== undefined : sameToken(req.get('x-csrf-token'), session.csrfToken);
          if (!ok) {
            auth.audit.record({
              action: 'cross-site-refused',
              user: session.identity.login,
              address,
              method: req.method,
              path: req.originalUrl.slice(0, 300),
              reason: 'missing CSRF token',
            });
            req.resume();
            res
              .status(403)
              .json({ error: 'This request lacks Heron’s CSRF token and was refused. Reload the page and try again.' });
            return;
          }
        }
        signedIn(res, session.identity);
        res.locals.session = session;
        next();
        return;
      }
      if (wantsPage(req)) {
        res.redirect(302, `/auth/login?returnTo=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      req.resume();
      res.status(401).json({ error: 'Please sign in to Heron at /auth/login.', login: '/auth/login' });
      return;
    }

    req.resume();
    if (!auth.oidc) res.setHeader('WWW-Authenticate', 'Basic realm="Heron", charset="UTF-8"');
    res.status(401).json({ error: 'Please log in to Heron (the login is printed when the server starts).' });
  };
}
