import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log';
import { clearCookie, loginCookieName, readCookie, sessionCookieName, setCookie } from './cookies';
import { type OidcRelyingParty, type PendingLogin, SignInError } from './oidc-relying-party';
import type { SessionStore } from './sessions';
import { signInPage } from './sign-in-page';

/** Longest between leaving for the provider and coming back; a login page left open longer starts again. */
const PENDING_MS = 10 * 60 * 1000;

/** Only a path on this server may follow the login: never another site (an open redirect). */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : '/';
}

export interface OidcRouteDeps {
  party: OidcRelyingParty;
  sessions: SessionStore;
  audit: AuditLog;
  log: Logger;
  secureCookies: boolean;
}

/**
 * GET  /auth/login        to the provider (authorization code + PKCE), `returnTo` the Heron page to come back to
 * GET  /auth/callback     the provider's answer: the session opened, back to `returnTo`
 * POST /auth/logout       the session closed (CSRF token required); answers where to end the provider's session
 * GET  /auth/signed-out   where the provider sends the browser after its logout
 * These routes come before authentication: nobody is signed in yet when they are used.
 */
export function oidcRoutes(deps: OidcRouteDeps): Router {
  const router = express.Router();
  const pending = new Map<string, PendingLogin>();
  const sessionCookie = sessionCookieName(deps.secureCookies);
  const loginCookie = loginCookieName(deps.secureCookies);

  function failed(req: Request, res: Response, err: unknown, doing: string): void {
    const e =
      err instanceof SignInError ? err : new SignInError('The sign-in failed; the details are in the log.', 500);
    // One line with the reason, never a stack: a misconfigured or unreachable provider is an operations matter.
    if (e.status >= 500) deps.log.warn({ reason: e.message }, `sign-in: ${doing} failed`);
    else deps.log.info({ reason: e.message }, `sign-in: ${doing} refused`);
    if (!(err instanceof SignInError)) deps.log.error({ err }, 'sign-in: unexpected failure');
    deps.audit.record({
      action: 'login-failed',
      address: req.socket.remoteAddress,
      source: 'oidc',
      reason: e.message.slice(0, 300),
    });
    res
      .status(e.status)
      .type('html')
      .send(signInPage('Sign-in failed', e.message, { href: '/auth/login', text: 'Try signing in again' }));
  }

  router.get('/auth/login', async (req, res) => {
    try {
      const { url, pending: p } = await deps.party.startLogin(safeReturnTo(req.query.returnTo));
      const id = randomBytes(24).toString('base64url');
      const now = Date.now();
      for (const [k, v] of pending) if (now - v.createdAt > PENDING_MS || pending.size > 10_000) pending.delete(k);
      pending.set(id, p);
      setCookie(res, loginCookie, id, PENDING_MS / 1000, deps.secureCookies);
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(302, url);
    } catch (err) {
      failed(req, res, err, 'starting');
    }
  });

  router.get('/auth/callback', async (req, res) => {
    const id = readCookie(req, loginCookie);
    const p = id ? pending.get(id) : undefined;
    if (id) pending.delete(id);
    clearCookie(res, loginCookie, deps.secureCookies);
    res.setHeader('Cache-Control', 'no-store');
    if (!p || Date.now() - p.createdAt > PENDING_MS) {
      failed(
        req,
        res,
        new SignInError('This sign-in was not started here, or took longer than 10 minutes. Start again.', 400),
        'callback',
      );
      return;
    }
    try {
      const callbackUrl = new URL(deps.party.settings.redirectUri);
      callbackUrl.search = new URL(req.originalUrl, 'http://x').search;
      const { identity, idToken } = await deps.party.finishLogin(callbackUrl, p);
      const session = deps.sessions.create(identity, idToken);
      setCookie(
        res,
        sessionCookie,
        session.id,
        Math.floor((session.expiresAt - session.createdAt) / 1000),
        deps.secureCookies,
      );
      deps.audit.record({
        action: 'login',
        user: identity.login,
        address: req.socket.remoteAddress,
        source: 'oidc',
        roles: identity.roles,
      });
      res.redirect(302, p.returnTo);
    } catch (err) {
      failed(req, res, err, 'callback');
    }
  });

  router.post('/auth/logout', express.urlencoded({ extended: false, limit: '2kb' }), async (req, res) => {
    const id = readCookie(req, sessionCookie);
    const session = id ? deps.sessions.get(id) : undefined;
    const token = req.get('x-csrf-token') ?? (req.body as { csrf?: unknown } | undefined)?.csrf;
    if (
      !session ||
      typeof token !== 'string' ||
      token.length !== session.csrfToken.length ||
      !timingSafeEqual(Buffer.from(token), Buffer.from(session.csrfToken))
    ) {
      res.status(403).json({ error: 'Not signed in here, or the request lacks the CSRF token; nothing was changed.' });
      return;
    }
    deps.sessions.destroy(session.id);
    clearCookie(res, sessionCookie, deps.secureCookies);
    deps.audit.record({ action: 'logout', user: session.identity.login, address: req.socket.remoteAddress });
    let redirect = '/auth/signed-out';
    try {
      redirect = (await deps.party.logoutUrl(session.idToken)) ?? redirect;
    } catch (err) {
      // Heron's session is closed whatever the provider says; its own session then ends when it expires.
      deps.log.warn(
        { reason: err instanceof Error ? err.message : String(err) },
        'logout at the provider not possible',
      );
    }
    if (req.is('application/x-www-form-urlencoded')) res.redirect(303, redirect);
    else res.json({ redirect });
  });

  router.get('/auth/signed-out', (_req, res) => {
    res
      .type('html')
      .send(signInPage('Signed out', 'You are signed out of Heron.', { href: '/auth/login', text: 'Sign in again' }));
  });

  return router;
}
