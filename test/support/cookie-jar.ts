/**
 * A browser's cookie handling as far as the sign-in tests need it: one jar for the loopback host (cookies ignore the
 * port, RFC 6265 §8.5, so Heron's and the provider's share it, as in a browser), redirects followed by the caller.
 */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** The Set-Cookie lines of the last answer, for tests of the cookie attributes. */
  lastSetCookie: string[] = [];

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}
