// The Heron server against a real Orthanc holding a phantom study: login, viewer hosting,
// the DICOMweb proxy, the series-roles API and its errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { StudyRoles } from '@heron/dicom/roles';
import { freePort, storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import type { RunningServer } from '@heron/server';

let orthanc: TestOrthanc;
let heron: RunningServer;
let studyUid: string;
let files: string[];
const workDir = mkdtempSync(join(tmpdir(), 'heron-it-'));
const auth = { Authorization: readerAuthHeader() };

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: 7, her2: 'positive', size: 'compact' });
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'IT-001', vendor: 'siemens' });
  studyUid = written.studyInstanceUID;
  files = written.files.filter((f) => f.endsWith('.dcm'));
  await storeFiles(orthanc, files);
  heron = await startTestHeron(orthanc);
}, 120_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('login', () => {
  it('lets /healthz through without a login', async () => {
    const res = await fetch(`${heron.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('asks for a login everywhere else, with a Basic challenge', async () => {
    for (const path of ['/', '/api/studies/1.2.3/series-roles', '/dicom-web/studies']) {
      const res = await fetch(`${heron.url}${path}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="Heron"/);
    }
  });

  it('refuses a wrong password', async () => {
    const res = await fetch(`${heron.url}/`, {
      headers: { Authorization: readerAuthHeader({ user: TEST_READER.user, password: 'wrong' }) },
    });
    expect(res.status).toBe(401);
  });
});

describe('viewer hosting', () => {
  it('serves OHIF with our import map, cross-origin isolated', async () => {
    const res = await fetch(`${heron.url}/`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const html = await res.text();
    expect(html).toContain('<script type="importmap">');
    expect(html).toContain('"@heron/ohif-extension":"/plugins/heron-extension.js"');
  });

  it('answers OHIF routes with index.html and serves our app-config and plugins', async () => {
    const route = await fetch(`${heron.url}/heron?StudyInstanceUIDs=${studyUid}`, { headers: auth });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('importmap');
    const config = await (await fetch(`${heron.url}/app-config.js`, { headers: auth })).text();
    expect(config).toContain('"@heron/ohif-mode"');
    expect(config).toContain('"qidoRoot": "/dicom-web"');
    const plugin = await fetch(`${heron.url}/plugins/heron-extension.js`, { headers: auth });
    expect(plugin.status).toBe(200);
    expect(plugin.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers an unknown API path with JSON, not the viewer', async () => {
    const res = await fetch(`${heron.url}/api/nope`, { headers: auth });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/No such Heron API endpoint/);
  });
});

describe('DICOMweb proxy', () => {
  it('finds the study by QIDO-RS with the service account added server-side', async () => {
    const res = await fetch(`${heron.url}/dicom-web/studies?PatientID=IT-001`, { headers: auth });
    expect(res.status).toBe(200);
    const studies = (await res.json()) as Array<Record<string, { Value?: unknown[] }>>;
    expect(studies.map((s) => s['0020000D'].Value?.[0])).toEqual([studyUid]);
  });

  it('answers includefield lists the way OHIF sends them (comma-separated)', async () => {
    const res = await fetch(`${heron.url}/dicom-web/studies?PatientID=IT-001&includefield=00081030,00080060`, {
      headers: auth,
    });
    const [study] = (await res.json()) as Array<Record<string, { Value?: unknown[] }>>;
    expect(study['00081030'].Value?.[0]).toBe('MRI BREAST BILATERAL W WO CONTRAST');
  });

  it('keeps the browser Host so BulkDataURIs point back at the Heron origin', async () => {
    const series = (await (
      await fetch(`${heron.url}/dicom-web/studies/${studyUid}/series`, { headers: auth })
    ).json()) as Array<Record<string, { Value?: unknown[] }>>;
    const seriesUid = series[0]['0020000E'].Value?.[0] as string;
    const meta = (await (
      await fetch(`${heron.url}/dicom-web/studies/${studyUid}/series/${seriesUid}/metadata`, { headers: auth })
    ).json()) as Array<Record<string, { BulkDataURI?: string }>>;
    expect(meta[0]['7FE00010'].BulkDataURI).toMatch(new RegExp(`^${heron.url}/dicom-web/studies/`));
  });

  it('streams pixel data frames', async () => {
    const meta = (await (
      await fetch(`${heron.url}/dicom-web/studies/${studyUid}/metadata`, { headers: auth })
    ).json()) as Array<Record<string, { Value?: unknown[] }>>;
    const first = meta[0];
    const path = `/dicom-web/studies/${studyUid}/series/${first['0020000E'].Value?.[0]}/instances/${first['00080018'].Value?.[0]}/frames/1`;
    const res = await fetch(`${heron.url}${path}`, {
      headers: { ...auth, Accept: 'multipart/related; type="application/octet-stream"' },
    });
    expect(res.status).toBe(200);
    const rows = first['00280010'].Value?.[0] as number;
    const cols = first['00280011'].Value?.[0] as number;
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThanOrEqual(rows * cols * 2);
  });

  it('never forwards Orthanc login challenges to the browser', async () => {
    const res = await fetch(`${heron.url}/dicom-web/studies/1.2.3.4/series`, { headers: auth });
    expect(res.headers.get('www-authenticate')).toBeNull();
  });
});

describe('series roles API', () => {
  it('sorts the phantom study into 6 DCE phases in time order, T2, DWI b=0/800 and ADC', async () => {
    const res = await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, { headers: auth });
    expect(res.status).toBe(200);
    const roles = (await res.json()) as StudyRoles;
    expect(roles.dcePhases.map((p) => p.phaseIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    const times = roles.dcePhases.map((p) => p.secondsAfterFirstPost as number);
    expect(times[0]).toBeLessThan(0);
    expect(times[1]).toBe(0);
    for (let i = 2; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    expect(roles.t2).toHaveLength(1);
    expect(roles.dwi.map((d) => d.bValue)).toEqual([0, 800]);
    expect(roles.adc).toHaveLength(1);
    expect(roles.warnings).toEqual([]);
  });

  it('applies a reader reassignment', async () => {
    const before = (await (
      await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
    ).json()) as StudyRoles;
    const t2 = before.t2[0];
    const res = await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ overrides: { [t2]: 'other' } }),
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as StudyRoles;
    expect(after.t2).toEqual([]);
    expect(after.other).toContain(t2);
    expect(after.series.find((s) => s.seriesInstanceUID === t2)?.overridden).toBe(true);
  });

  it('explains a bad request', async () => {
    const badUid = await fetch(`${heron.url}/api/studies/not-a-uid/series-roles`, { headers: auth });
    expect(badUid.status).toBe(400);
    expect(((await badUid.json()) as { error: string }).error).toMatch(/Not a valid study UID/);

    const badRole = await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ overrides: { '1.2.3': 'flair' } }),
    });
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { error: string }).error).toMatch(/overrides\.1\.2\.3/);

    const notInStudy = await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ overrides: { '1.2.3': 't2' } }),
    });
    expect(notInStudy.status).toBe(400);
    expect(((await notInStudy.json()) as { error: string }).error).toMatch(/not in study/);

    const brokenJson = await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{"overrides": ',
    });
    expect(brokenJson.status).toBe(400);
  });

  it('says when a study is not in the PACS', async () => {
    const res = await fetch(`${heron.url}/api/studies/1.2.3.4.5/series-roles`, { headers: auth });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/not in the PACS/);
  });
});

describe('storing', () => {
  it('stores nothing twice', async () => {
    const again = await storeFiles(orthanc, files);
    expect(again).toEqual({ stored: 0, already: files.length });
  });
});

describe('when Orthanc is down', () => {
  it('answers 502 with a message for the API and the proxy', async () => {
    const deadPort = await freePort();
    const lonely = await startTestHeron({ url: `http://127.0.0.1:${deadPort}`, credentials: orthanc.credentials });
    try {
      const api = await fetch(`${lonely.url}/api/studies/${studyUid}/series-roles`, { headers: auth });
      expect(api.status).toBe(502);
      expect(((await api.json()) as { error: string }).error).toMatch(/cannot be reached/);
      const proxy = await fetch(`${lonely.url}/dicom-web/studies`, { headers: auth });
      expect(proxy.status).toBe(502);
      expect(((await proxy.json()) as { error: string }).error).toMatch(/cannot be reached/);
    } finally {
      await lonely.close();
    }
  });
});
