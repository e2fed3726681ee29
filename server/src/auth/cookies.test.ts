import type { Response } from 'express';
import { clearCookie, sessionCookieName, setCookie } from './cookies';

function recorder() {
  const lines: string[] = [];
  const res = { append: (_name: string, value: string) => lines.push(value) } as unknown as Response;
  return { res, lines };
}

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Lax and Path=/, and Secure with the __Host- prefix over https', () => {
    const { res, lines } = recorder();
    setCookie(res, sessionCookieName(true), 'abc', 60, true);
    setCookie(res, sessionCookieName(false), 'abc', 60, false);
    clearCookie(res, sessionCookieName(true), true);
    expect(lines).toEqual([
      '__Host-heron-session=abc; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Lax',
      'heron-session=abc; Max-Age=60; Path=/; HttpOnly; SameSite=Lax',
      '__Host-heron-session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax',
    ]);
  });
});
