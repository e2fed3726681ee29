// Heron's plugins in a site's own OHIF (issue 14): the pinned OHIF dist served by a plain static server (not Heron's),
// Heron's extension and mode dropped in exactly as `heron plugins` wrote them (its app-config lines appended verbatim
// to the site's app-config.js), and the Heron API on another origin (CORS allow-list, the reader's login). A reader
// opens a study, outlines the tumour, analyses, and accepts the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type PhantomStudy, writePhantomStudy } from '@heron/phantom';
import { pino } from 'pino';
import { AuditLog, ModelRegistry, type RunningServer, startServer } from '@heron/server';
import { freePort, orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { OHIF_VERSION } from '../../scripts/build-viewer';
import { keepArtifacts, openBrowser, showFirstPostContrast, type TestBrowser } from '../support/browser';
import { readerAuthHeader, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { paintTruth } from '../support/paint-outline';
import { repoRoot } from '../support/paths';
import { type StaticOhif, startStaticOhif } from '../support/static-ohif-server';

const workDir = mkdtempSync(join(tmpdir(), 'heron-drop-in-'));
const pluginsDir = join(workDir, 'heron-plugins');
let orthanc: TestOrthanc;
let heron: RunningServer;
let ohif: StaticOhif;
let browser: TestBrowser;
let study: PhantomStudy;
let studyUid: string;
let post1SeriesUid: string;

/** The site's own app-config.js before Heron: its Orthanc (proxied on OHIF's origin) as the data source. */
function siteAppConfig(): string {
  const config = {
    routerBasename: '/',
    showStudyList: true,
    extensions: [],
    modes: [],
    investigationalUseDialog: { option: 'never' },
    defaultDataSourceName: 'orthanc',
    dataSources: [
      {
        namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
        sourceName: 'orthanc',
        configuration: {
          friendlyName: 'Hospital Orthanc',
          name: 'orthanc',
          wadoUriRoot: '/wado',
          qidoRoot: '/dicom-web',
          wadoRoot: '/dicom-web',
          // OHIF reads Orthanc directly here: DICOMweb 1.7 drops comma-separated includefield lists (heron doctor says so).
          qidoSupportsIncludeField: false,
          imageRendering: 'wadors',
          thumbnailRendering: 'wadors',
          enableStudyLazyLoad: true,
          supportsFuzzyMatching: false,
          supportsWildcard: true,
          omitQuotationForMultipartRequest: true,
          bulkDataURI: { enabled: true },
        },
      },
    ],
  };
  return `window.config = ${JSON.stringify(config, null, 2)};\n`;
}

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  study = generatePhantom({ seed: 12, her2: 'positive', size: 'compact' });
  const written = await writePhantomStudy(study, join(workDir, 'study'), {
    patientId: 'DROPIN-001',
    vendor: 'siemens',
  });
  studyUid = written.studyInstanceUID;
  const post1 = written.series.find((s) => s.role === 'dce' && /post1$/.test(s.description ?? ''));
  if (!post1) throw new Error('no first post-contrast series');
  post1SeriesUid = post1.seriesInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );

  // OHIF and Heron on two origins: the site's OHIF on one port, Heron (no viewer of its own) on another.
  const heronPort = await freePort();
  const pluginsRun = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'server', 'bin', 'heron.mjs'),
      'plugins',
      '--out',
      pluginsDir,
      '--api-url',
      `http://127.0.0.1:${heronPort}/api`,
      '--base-url',
      '/heron-plugins',
    ],
    { encoding: 'utf8' },
  );
  if (pluginsRun.status !== 0) throw new Error(`heron plugins failed: ${pluginsRun.stderr}`);
  ohif = await startStaticOhif({
    distDir: join(repoRoot, '.cache', `ohif-app-${OHIF_VERSION}`, 'dist'),
    appConfig: siteAppConfig() + readFileSync(join(pluginsDir, 'app-config-ohif-3.13.js'), 'utf8'),
    mounts: { '/heron-plugins': pluginsDir },
    orthanc: { url: orthanc.url, authorization: orthancAuthHeader(orthanc.credentials) },
  });
  heron = await startServer({
    host: '127.0.0.1',
    port: heronPort,
    viewerDir: null,
    corsOrigins: [ohif.url],
    orthanc: { url: orthanc.url, credentials: orthanc.credentials },
    readers: { [TEST_READER.user]: TEST_READER.password },
    models: await ModelRegistry.open(join(repoRoot, 'models')),
    audit: new AuditLog(join(mkdtempSync(join(tmpdir(), 'heron-audit-')), 'audit.jsonl')),
    log: pino({ level: process.env.HERON_TEST_LOG ?? 'warn' }),
  });
  browser = await openBrowser({ username: TEST_READER.user, password: TEST_READER.password });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await heron?.close();
  await ohif?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

it('answers only the listed origin with CORS headers, preflight included', async () => {
  const preflight = await fetch(`${heron.url}/api/analyses`, {
    method: 'OPTIONS',
    headers: {
      Origin: ohif.url,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,idempotency-key',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(ohif.url);
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  const other = await fetch(`${heron.url}/api/models`, {
    headers: { Origin: 'http://evil.example', Authorization: readerAuthHeader() },
  });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

it('runs the reading flow in the site OHIF with the dropped-in plugins and the API on another origin', async () => {
  const { page } = browser;
  const toHeron: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${heron.url}/`)) toHeron.push(new URL(r.url()).pathname);
  });
  try {
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${ohif.url}/heron?StudyInstanceUIDs=${studyUid}`);
    await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });
    const [firstImage, post1Image] = await showFirstPostContrast(page, post1SeriesUid);
    expect(firstImage).toBeGreaterThan(0.02);
    expect(post1Image).toBeGreaterThan(0.02);
    await paintTruth(page, study.mask);

    await page.locator('[data-cy="heronPanel-btn"]').click();
    const truthVoxels = Array.from(study.mask.data).filter((v) => v !== 0).length;
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-testid="heron-outline-voxels"]')?.textContent?.replace(/,/g, '')) >= n,
      Math.round(truthVoxels * 0.9),
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('heron-model-info').textContent()).toMatch(/synthetic data, not for clinical use/);
    await page.getByTestId('heron-analyze').click();
    await page.getByTestId('heron-result-card').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('heron-probability').textContent()).toMatch(/^(<1|>99|\d{1,2})%$/);
    await keepArtifacts(browser, 'drop-in-ohif-result');

    // The SEG and SR are in the site's Orthanc once the card says so (the result is shown before its store).
    await page.locator('[data-testid="heron-storage"][data-storage="stored"]').waitFor({ timeout: 60_000 });
    const pacs = { headers: { Authorization: orthancAuthHeader(orthanc.credentials) } };
    for (const modality of ['SEG', 'SR']) {
      const found = (await (
        await fetch(`${orthanc.url}/dicom-web/studies/${studyUid}/series?Modality=${modality}`, pacs)
      ).json()) as unknown[];
      expect(found).toHaveLength(1);
    }

    // Accept: the VERIFIED report names the reader, whose login crossed origins with the API calls.
    await page.reload();
    const row = page.getByTestId('heron-earlier-result').first();
    await row.waitFor({ timeout: 60_000 });
    await row.getByTestId('heron-accept').click();
    await page.locator('[data-testid="heron-earlier-result"][data-signoff="VERIFIED"]').waitFor({ timeout: 30_000 });

    const results = (await (
      await fetch(`${heron.url}/api/studies/${studyUid}/results`, { headers: { Authorization: readerAuthHeader() } })
    ).json()) as {
      results: Array<{ signoff: { state: string; reader?: string } }>;
    };
    expect(results.results.find((r) => r.signoff.state === 'VERIFIED')?.signoff.reader).toBe(TEST_READER.user);
    // The panel's calls went to the Heron origin, and only API calls did: the page, plugins and images came from the site.
    expect(toHeron).toEqual(expect.arrayContaining(['/api/models', '/api/analyses']));
    expect(toHeron.filter((p) => !p.startsWith('/api/'))).toEqual([]);
    const knownOhifRace = /The stack viewport has been destroyed and is no longer usable/;
    expect(browser.events.filter((e) => e.startsWith('pageerror') && !knownOhifRace.test(e))).toEqual([]);
  } finally {
    await keepArtifacts(browser, 'drop-in-ohif');
  }
}, 300_000);
