// Single sign-on against a real OpenID provider (oidc-provider, in this process): the authorization code flow with
// PKCE through the provider's own login pages, roles from `realm_access.roles`, sessions, CSRF, logout, bearer
// tokens, and what Heron says when the provider is down, misconfigured, or sends no role.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, SignJWT, UnsecuredJWT, importJWK } from 'jose';
import type { OidcSettings, RunningServer } from '@heron/server';
import type { Me } from '@heron/server/contract';
import { freePort } from '@heron/server/testing';
import { runDoctor } from '@heron/server/deployment';
import { CookieJar } from '../support/cookie-jar';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '../support/oidc-provider-harness';

const PEOPLE = {
  ann: { preferred_username: 'ann', family_name: 'Doe', given_name: 'Ann', realm_access: { roles: ['heron-reader'] } },
  bob: { preferred_username: 'bob', name: 'Bob Board', realm_access: { roles: ['heron-board', 'offline'] } },
  carol: { preferred_username: 'carol', family_name: 'Admin', given_name: 'Carol', realm_access: { roles: ['admin'] } },
  eve: { preferred_username: 'eve', family_name: 'Norole', given_name: 'Eve' },
  mallory: { preferred_username: 'mallory', realm_access: { roles: ['staff'] } },
};
const STUDY = '1.2.826.0.1.3680043.8.498.1';

let provider: TestProvider;
let heron: RunningServer;
let auditFile: string;

function settings(heronUrl: string, issuer: string): OidcSettings {
  return {
    issuer,
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    redirectUri: `${heronUrl}/auth/callback`,
    postLogoutRedirectUri: `${heronUrl}/auth/signed-out`,
    scopes: ['openid', 'profile', 'email'],
    roleClaim: 'realm_access.roles',
    roleMap: { 'heron-reader': 'reader', 'heron-board': 'board' },
    loginClaim: 'preferred_username',
    sessionMaxAgeMs: 3600_000,
    sessionIdleMs: 600_000,
    secureCookies: false,
    allowHttpProvider: true,
  };
}

async function startHeronWith(issuer: string, audit = auditFile): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startTestHeron({ url: 'http://127.0.0.1:9', credentials: { user: 'x', password: 'x' } }, undefined, {
    port,
    auditFile: audit,
    oidc: settings(url, issuer),
  });
}

/**
 * Signs in as `login` the way a browser does: Heron's /auth/login, the provider's login form (its development
 * interaction, which takes any password), back to Heron's callback. Answers the last response and its URL.
 */
async function signIn(
  jar: CookieJar,
  login: string,
  base = heron.url,
  returnTo = `/viewer?StudyInstanceUIDs=${STUDY}`,
) {
  let url = `${base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const res = await jar.fetch(url, init);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      init = {};
      if (url.startsWith(base) && !new URL(url).pathname.startsWith('/auth/')) return { res, url };
      continue;
    }
    const html = (await res.text()).replace(/&#39;/g, "'");
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) return { res, url, html };
    url = new URL(action, url).href;
    init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt, login, password: 'anything' }).toString(),
    };
  }
  throw new Error('the sign-in went round in circles');
}

async function me(jar: CookieJar): Promise<{ status: number; body: Me }> {
  const res = await jar.fetch(`${heron.url}/api/me`, { headers: { Accept: 'application/json' } });
  return { status: res.status, body: (await res.json()) as Me };
}

function post(jar: CookieJar, path: string, body: unknown, csrf?: string) {
  return jar.fetch(`${heron.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: heron.url,
      ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
    },
    body: JSON.stringify(body),
  });
}

const audit = () =>
  readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  auditFile = join(mkdtempSync(join(tmpdir(), 'heron-sso-')), 'audit.jsonl');
  const port = await freePort();
  provider = await startTestProvider(`http://127.0.0.1:${port}`, PEOPLE);
  heron = await startTestHeron({ url: 'http://127.0.0.1:9', credentials: { user: 'x', password: 'x' } }, undefined, {
    port,
    auditFile,
    oidc: settings(`http://127.0.0.1:${port}`, provider.issuer),
  });
}, 60_000);

afterAll(async () => {
  await heron?.close();
  await provider?.close();
});

describe('signing in through the provider', () => {
  it('sends a browser without a session to the login, and answers the API 401', async () => {
    const page = await fetch(`${heron.url}/viewer?StudyInstanceUIDs=${STUDY}`, {
      headers: { Accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(
      `/auth/login?returnTo=${encodeURIComponent(`/viewer?StudyInstanceUIDs=${STUDY}`)}`,
    );
    const api = await fetch(`${heron.url}/api/me`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toBeNull();
    expect(await api.json()).toEqual({ error: expect.stringMatching(/sign in/) as string, login: '/auth/login' });
  });

  it('signs a reader in with PKCE, maps the realm role, and names them as DICOM writes it', async () => {
    const jar = new CookieJar();
    const login = await fetch(`${heron.url}/auth/login`, { redirect: 'manual' });
    const authorize = new URL(String(login.headers.get('location')));
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    const { res, url } = await signIn(jar, 'ann');
    expect(url).toBe(`${heron.url}/viewer?StudyInstanceUIDs=${STUDY}`);
    expect(res.status).toBe(302);
    const { status, body } = await me(jar);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      login: 'ann',
      displayName: 'Doe^Ann',
      roles: ['reader'],
      source: 'oidc',
      may: { analyse: true, signOff: true, openStudies: true, readAuditLog: false },
      logout: '/auth/logout',
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(audit()).toContainEqual(expect.objectContaining({ action: 'login', user: 'ann', source: 'oidc' }));
  });

  it('sets the session cookie HttpOnly and SameSite, holding nothing but a random id', async () => {
    const jar = new CookieJar();
    // signIn's last request is the callback, whose answer sets the session cookie.
    await signIn(jar, 'ann');
    const line = jar.lastSetCookie.find((l) => l.startsWith('heron-session=')) ?? '';
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(jar.cookies.get('heron-session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('takes a board member to 403 on analysis and sign-off, with the reason, and records the refusal', async () => {
    const jar = new CookieJar();
    await signIn(jar, 'bob');
    const { body } = await me(jar);
    expect(body).toMatchObject({ login: 'bob', displayName: 'Bob Board', roles: ['board'] });
    expect(body.may).toMatchObject({ analyse: false, signOff: false, readReports: true, readBoard: true });
    const csrf = body.csrfToken;
    const analyse = await post(jar, '/api/analyses', { studyInstanceUID: STUDY, modelId: 'her2-demo' }, csrf);
    expect(analyse.status).toBe(403);
    expect(((await analyse.json()) as { error: string }).error).toBe(
      'Analysing a study needs the reader role; you are signed in as bob (board).',
    );
    for (const decision of ['accept', 'reject']) {
      const res = await post(jar, `/api/results/1.2.3/${decision}`, { studyInstanceUID: STUDY, reason: 'x' }, csrf);
      expect(res.status).toBe(403);
    }
    const store = await jar.fetch(`${heron.url}/dicom-web/studies/${STUDY}`, {
      method: 'POST',
      headers: { Origin: heron.url, 'Content-Type': 'multipart/related; type="application/dicom"' },
      body: 'x',
    });
    expect(store.status).toBe(403);
    expect((await jar.fetch(`${heron.url}/api/audit`)).status).toBe(403);
    expect(audit().filter((e) => e.action === 'role-refused' && e.user === 'bob')).toHaveLength(5);
    // What a board member may do passes the roles (here it then meets the absent PACS, or the viewer).
    for (const path of [`/api/studies/${STUDY}/results`, `/dicom-web/studies?PatientID=x`, '/board', '/api/models']) {
      expect({ path, status: (await jar.fetch(`${heron.url}${path}`)).status }).not.toEqual({ path, status: 403 });
    }
  });

  it('opens the audit log to an administrator only, and not the images', async () => {
    const admin = new CookieJar();
    await signIn(admin, 'carol');
    const res = await admin.fetch(`${heron.url}/api/audit?limit=5`);
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: Array<{ action: string }> };
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(5);
    expect((await admin.fetch(`${heron.url}/dicom-web/studies`)).status).toBe(403);
    expect((await admin.fetch(`${heron.url}/api/audit?limit=0`)).status).toBe(400);

    const reader = new CookieJar();
    await signIn(reader, 'ann');
    expect((await reader.fetch(`${heron.url}/api/audit`)).status).toBe(403);
    // A local reader (Basic) is refused the same way.
    const basic = await fetch(`${heron.url}/api/audit`, { headers: { Authorization: readerAuthHeader() } });
    expect(basic.status).toBe(403);
  });

  it('refuses a state-changing request made with the session cookie but without its CSRF token', async () => {
    const jar = new CookieJar();
    await signIn(jar, 'ann');
    const { body } = await me(jar);
    const without = await post(jar, '/api/studies/1.2.3/proposals', { point: [1, 2, 3] });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: string }).error).toMatch(/CSRF token/);
    const wrong = await post(jar, '/api/studies/1.2.3/proposals', { point: [1, 2, 3] }, 'x'.repeat(43));
    expect(wrong.status).toBe(403);
    // With the token the request reaches the route, which then answers for the body (here: the PACS is absent).
    const right = await post(jar, '/api/studies/1.2.3/proposals', { point: [1, 2, 3] }, body.csrfToken);
    expect(right.status).not.toBe(403);
  });

  it('refuses a person whose token carries no role claim, or no Heron role, in words on the login page', async () => {
    for (const [login, message] of [
      ['eve', "The sign-in provider sent no 'realm_access.roles' claim"],
      ['mallory', 'Your account has no Heron role'],
    ] as const) {
      const jar = new CookieJar();
      const { res, html } = await signIn(jar, login);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(html).toContain(message);
      expect(html).not.toMatch(/ at .*\.(ts|js):\d+/);
      expect(jar.cookies.has('heron-session')).toBe(false);
      expect((await me(jar)).status).toBe(401);
    }
    expect(audit()).toContainEqual(
      expect.objectContaining({
        action: 'login-failed',
        source: 'oidc',
        reason: expect.stringMatching(/no 'realm_access.roles'/) as string,
      }),
    );
  });

  it('returns only to a page of Heron after the sign-in, never to another site', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { url } = await signIn(new CookieJar(), 'ann', heron.url, returnTo);
      expect(url).toBe(`${heron.url}/`);
    }
  });

  it('refuses a callback that was not started here (no login cookie, or a replayed state)', async () => {
    const res = await fetch(`${heron.url}/auth/callback?code=abc&state=def`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This sign-in was not started here');
  });

  it('logs out here and at the provider; the old cookie opens nothing afterwards', async () => {
    const jar = new CookieJar();
    await signIn(jar, 'ann');
    const { body } = await me(jar);
    const session = jar.cookies.get('heron-session');
    expect((await post(jar, '/auth/logout', {})).status).toBe(403);
    const out = await post(jar, '/auth/logout', {}, body.csrfToken);
    expect(out.status).toBe(200);
    const { redirect } = (await out.json()) as { redirect: string };
    const end = new URL(redirect);
    expect(`${end.origin}${end.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${heron.url}/auth/signed-out`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    // The provider's own logout page confirms and sends the browser back to Heron.
    const confirm = await jar.fetch(redirect);
    const html = await confirm.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();
    const back = await jar.fetch(new URL(String(action), redirect).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: String(xsrf), logout: 'yes' }).toString(),
    });
    expect(back.headers.get('location')).toBe(`${heron.url}/auth/signed-out`);
    const stale = await fetch(`${heron.url}/api/me`, { headers: { Cookie: `heron-session=${session}` } });
    expect(stale.status).toBe(401);
    expect(audit()).toContainEqual(expect.objectContaining({ action: 'logout', user: 'ann' }));
  });
});

describe('bearer tokens for programs', () => {
  const claims = {
    preferred_username: 'ann',
    family_name: 'Doe',
    given_name: 'Ann',
    realm_access: { roles: ['heron-reader'] },
  };
  const bearer = (token: string) => fetch(`${heron.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });

  it('accepts a token the provider signed for Heron', async () => {
    const key = await importJWK(provider.signingKey, 'RS256');
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: provider.signingKey.kid })
      .setIssuer(provider.issuer)
      .setAudience(TEST_CLIENT.id)
      .setSubject('ann')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    const res = await bearer(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ login: 'ann', roles: ['reader'], source: 'oidc' });
  });

  it('refuses an expired, a forged, an unsigned and a wrong-audience token', async () => {
    const key = await importJWK(provider.signingKey, 'RS256');
    const sign = (k: Parameters<SignJWT['sign']>[0], aud: string, exp: string | number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: provider.signingKey.kid })
        .setIssuer(provider.issuer)
        .setAudience(aud)
        .setSubject('ann')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(exp)
        .sign(k);
    const expired = await sign(key, TEST_CLIENT.id, Math.floor(Date.now() / 1000) - 3600);
    const forged = await sign((await generateKeyPair('RS256')).privateKey, TEST_CLIENT.id, '5m');
    const unsigned = new UnsecuredJWT(claims)
      .setIssuer(provider.issuer)
      .setAudience(TEST_CLIENT.id)
      .setSubject('ann')
      .setExpirationTime('5m')
      .encode();
    const otherAudience = await sign(key, 'another-app', '5m');
    const cases: Array<[string, string, RegExp]> = [
      ['expired', expired, /expired/],
      ['forged', forged, /not one this Heron accepts/],
      ['unsigned', unsigned, /not one this Heron accepts/],
      ['other audience', otherAudience, /not one this Heron accepts/],
    ];
    for (const [name, token, message] of cases) {
      const res = await bearer(token);
      const body = (await res.json()) as { error: string };
      expect({ name, status: res.status, error: body.error }).toEqual({
        name,
        status: 401,
        error: expect.stringMatching(message) as string,
      });
    }
  });
});

describe('a provider Heron cannot use', () => {
  it('says so on the login page, without a stack trace, when the provider is down', async () => {
    const closed = await freePort();
    const down = await startHeronWith(`http://127.0.0.1:${closed}`);
    try {
      const res = await fetch(`${down.url}/auth/login`, { redirect: 'manual' });
      expect(res.status).toBe(502);
      const html = await res.text();
      expect(html).toContain(`The sign-in provider http://127.0.0.1:${closed} cannot be reached (ECONNREFUSED)`);
      expect(html).not.toMatch(/ at .*\.(ts|js):\d+/);
    } finally {
      await down.close();
    }
  });

  it('says so when the issuer is misconfigured (no discovery document there)', async () => {
    const wrong = await startHeronWith(`${provider.issuer}/no-such-realm`);
    try {
      const res = await fetch(`${wrong.url}/auth/login`, { redirect: 'manual' });
      expect(res.status).toBe(502);
      const html = (await res.text()).replace(/&#39;/g, "'");
      expect(html).toContain('answered in a way Heron cannot use while reading its discovery document');
      expect(html).toContain("check the oidc settings ('heron doctor')");
    } finally {
      await wrong.close();
    }
  });
});

describe('heron doctor', () => {
  /** A site configuration whose Orthanc is absent (its findings are not what this test reads) with this issuer. */
  function siteConfig(issuer: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'heron-sso-doctor-'));
    writeFileSync(join(dir, 'orthanc-password'), 'orthanc-password-1\n', { mode: 0o600 });
    writeFileSync(join(dir, 'client-secret'), `${TEST_CLIENT.secret}\n`, { mode: 0o644 });
    const file = join(dir, 'heron.yaml');
    writeFileSync(
      file,
      [
        'server: { viewer: false, publicUrl: "http://127.0.0.1:8600" }',
        `orthanc: { restUrl: "http://127.0.0.1:9", passwordFile: orthanc-password }`,
        `stateDir: ${join(dir, 'state')}`,
        'oidc:',
        `  issuer: ${issuer}`,
        `  clientId: ${TEST_CLIENT.id}`,
        '  clientSecretFile: client-secret',
        '  roleClaim: realm_access.roles',
      ].join('\n'),
    );
    return file;
  }
  const about = (texts: string[]) =>
    texts.filter((t) => /sign-in provider|cookies|client-secret|local accounts/i.test(t));

  it('checks the provider: reachable, PKCE, logout; warns about http cookies and a secret others may read', async () => {
    const findings = await runDoctor(siteConfig(provider.issuer), {});
    const texts = findings.map((f) => `${f.severity}: ${f.text}`);
    expect(about(texts)).toEqual([
      expect.stringMatching(/^problem: .*client-secret holds a secret but other users of this machine may read it/),
      `warning: Single sign-on with an http publicUrl: session cookies are not marked Secure — publish Heron over https.`,
      `ok: Sign-in provider ${provider.issuer} answers; people come back to http://127.0.0.1:8600/auth/callback.`,
    ]);
  });

  it('names a provider that is down in one line', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const findings = await runDoctor(siteConfig(closed), {});
    expect(findings.filter((f) => f.text.includes(closed)).map((f) => `${f.severity}: ${f.text}`)).toEqual([
      `problem: The sign-in provider ${closed} cannot be reached (ECONNREFUSED) while reading its discovery document. Try again in a minute; if it persists, tell the administrator.`,
    ]);
  });
});
