import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** user name -> password of the people allowed to use this Heron server. */
export type Readers = Record<string, string>;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The reader named in a Basic Authorization header, if the password matches. */
export function authenticatedReader(header: string | undefined, readers: Readers): string | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const expected = Object.prototype.hasOwnProperty.call(readers, user) ? readers[user] : undefined;
  return expected !== undefined && sameSecret(decoded.slice(colon + 1), expected) ? user : null;
}

/**
 * HTTP Basic login for the viewer, its API and the DICOMweb proxy. Browsers resend the credentials
 * with every same-origin request (modules, workers, XHR), so OHIF needs no changes; the name becomes
 * the reader recorded on signed-off results.
 */
export function requireReader(readers: Readers) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const reader = authenticatedReader(req.headers.authorization, readers);
    if (reader) {
      res.locals.reader = reader;
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Basic realm="Heron", charset="UTF-8"');
    res.status(401).json({ error: 'Please log in to Heron (the login is printed when the server starts).' });
  };
}
