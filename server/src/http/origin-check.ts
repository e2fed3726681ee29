import type { NextFunction, Request, Response } from 'express';
import type { AuditLog } from '../audit/audit-log';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a browser says a request comes from: Origin, or the origin of Referer when Origin is absent. */
function requestSource(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin !== undefined) return origin;
  const referer = req.get('referer');
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/**
 * Refuses state-changing requests that a browser sent from another site. The browser resends the reader's Basic
 * credentials to Heron whatever page made the request, so a page elsewhere could otherwise post in the reader's
 * name. Browsers always send Origin on cross-origin writes; a request with neither Origin nor Referer comes from a
 * program that holds the credentials itself, which is no cross-site request. `allowedOrigins` are the origins of an
 * OHIF the site serves elsewhere (the CORS allow-list): their pages are Heron's own viewer.
 */
export function sameOriginWrites(audit: AuditLog, allowedOrigins: readonly string[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const source = requestSource(req);
    if (source === undefined || allowedOrigins.includes(source)) return next();
    let host: string | undefined;
    try {
      host = new URL(source).host;
    } catch {
      host = undefined;
    }
    if (host !== undefined && host === req.get('host')) return next();
    audit.record({
      action: 'cross-site-refused',
      user: String(res.locals.reader ?? ''),
      address: req.socket.remoteAddress,
      method: req.method,
      path: req.originalUrl.slice(0, 300),
      origin: source.slice(0, 200),
    });
    req.resume();
    res
      .status(403)
      .json({ error: 'This request came from another web site and was refused. Use Heron from its own address.' });
  };
}
