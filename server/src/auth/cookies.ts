import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/** The session cookie's name: with the __Host- prefix when Secure, which browsers bind to this exact origin. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-heron-session' : 'heron-session';
}

export function loginCookieName(secure: boolean): string {
  return secure ? '__Host-heron-login' : 'heron-login';
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parse(header)[name];
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (another site's form or fetch does not carry it, yet the provider's
 * redirect back to the callback — a top-level GET — does), Secure over https, Path=/ as __Host- requires.
 */
export function setCookie(res: Response, name: string, value: string, maxAgeSeconds: number, secure: boolean): void {
  res.append(
    'Set-Cookie',
    serialize(name, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds }),
  );
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  res.append('Set-Cookie', serialize(name, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 }));
}
