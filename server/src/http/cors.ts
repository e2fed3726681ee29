import type { NextFunction, Request, Response } from 'express';

/**
 * CORS for an OHIF served from another origin (the site's own viewer with Heron's plugins dropped in). Only the
 * origins the administrator listed get the Access-Control headers, always with credentials (the reader's login
 * goes along) and never with a wildcard, which browsers refuse together with credentials anyway. A request from
 * any other origin gets no CORS headers, so the browser keeps its answer from the page.
 */
export function corsAllowList(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (!origin || !allowed.has(origin)) {
      next();
      return;
    }
    res.vary('Origin');
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Type, Location');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      // A preflight carries no credentials: answer it before the login check.
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        // X-CSRF-Token: a single sign-on session's writes carry it (auth/authenticate.ts).
        'Authorization, Content-Type, Accept, Idempotency-Key, Last-Event-ID, X-CSRF-Token',
      );
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
