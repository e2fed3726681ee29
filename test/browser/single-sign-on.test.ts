// Signing in through an OpenID provider's own login page (oidc-provider's development interaction, in this process)
// and reaching the Heron mode: a reader sees Analyze; a board member sees the study and the reason there is none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { RunningServer } from '@heron/server';
import { freePort, storeFiles } from '@heron/server/testing';
import { keepArtifacts, openBrowser, type TestBrowser } from '../support/browser';
import { startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '../support/oidc-provider-harness';

const PEOPLE = {
  ann: { preferred_username: 'ann', family_name: 'Doe', given_name: 'Ann', realm_access: { roles: ['heron-reader'] } },
  bob: { preferred_username: 'bob', family_name: 'Board', given_name: 'Bob', realm_access: { roles: ['heron-board'] } },
};

let orthanc: TestOrthanc;
let provider: TestProvider;
let heron: RunningServer;
let studyUid: string;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'heron-sso-browser-'));
  orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: 13, her2: 'positive', size: 'compact' });
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'SSO-001', vendor: 'siemens' });
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  studyUid = written.studyInstanceUID;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startTestProvider(url, PEOPLE);
  heron = await startTestHeron(orthanc, undefined, {
    port,
    oidc: {
      issuer: provider.issuer,
      clientId: TEST_CLIENT.id,
      clientSecret: TEST_CLIENT.secret,
      redirectUri: `${url}/auth/callback`,
      postLogoutRedirectUri: `${url}/auth/signed-out`,
      scopes: ['openid', 'profile'],
      roleClaim: 'realm_access.roles',
      roleMap: { 'heron-reader': 'reader', 'heron-board': 'board' },
      loginClaim: 'preferred_username',
      sessionMaxAgeMs: 3600_000,
      sessionIdleMs: 600_000,
      secureCookies: false,
      allowHttpProvider: true,
    },
  });
}, 120_000);

afterAll(async () => {
  await heron?.close();
  await provider?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** Opens the Heron mode on the study, which sends the browser to the provider's login page; signs in there. */
async function signInAndOpen(browser: TestBrowser, login: string): Promise<void> {
  const { page } = browser;
  await page.goto(`${heron.url}/heron?StudyInstanceUIDs=${studyUid}`);
  await page.waitForURL((u) => u.origin === provider.issuer, { timeout: 30_000 });
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any password works here');
  await page.click('button[type="submit"]');
  await page.waitForURL(new RegExp(`^${heron.url}/heron\\?StudyInstanceUIDs=`), { timeout: 30_000 });
}

it('signs a reader in on the provider page, reaches the Heron mode with Analyze, and signs out', async () => {
  const browser = await openBrowser();
  try {
    await signInAndOpen(browser, 'ann');
    const { page } = browser;
    await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heron-account').textContent()).toContain('Signed in as Ann Doe (reader)');
    await page.getByTestId('heron-analyze').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('heron-role-note').count()).toBe(0);
    expect(browser.events.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    // Sign out: the panel's POST carries the session's CSRF token, and the browser goes on to the provider's logout.
    await page.getByTestId('heron-sign-out').click();
    await page.waitForURL((u) => u.origin === provider.issuer && u.pathname.startsWith('/session/end'), {
      timeout: 30_000,
    });
    const after = await page.context().request.get(`${heron.url}/api/me`);
    expect(after.status()).toBe(401);
  } finally {
    console.log(`screenshot: ${await keepArtifacts(browser, 'sso-reader')}`);
    await browser.close();
  }
}, 180_000);

it('shows a board member the study and its series but no Analyze button, and says why', async () => {
  const browser = await openBrowser();
  try {
    await signInAndOpen(browser, 'bob');
    const { page } = browser;
    await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });
    const note = page.getByTestId('heron-role-note');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toBe(
      'You are signed in with the board role: you can read the reports Heron stored in this study, but analysing a study and accepting or rejecting a report need the reader role.',
    );
    await page.getByTestId('heron-analysis').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('heron-analyze').count()).toBe(0);
    expect(await page.getByTestId('heron-accept').count()).toBe(0);
    expect(await page.locator('select[aria-label^="Role of series"]').first().isDisabled()).toBe(true);
  } finally {
    console.log(`screenshot: ${await keepArtifacts(browser, 'sso-board')}`);
    await browser.close();
  }
}, 180_000);
