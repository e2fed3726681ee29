// The analysis API against a real Orthanc and the demo model: a good analysis (with its progress stream and an
// idempotent retry), and every bad input the issue names answered in words, with nothing partial stored.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { encodeMaskRuns, type Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import type { RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { dciodvfyErrors, dsrdump } from '@heron/dicom/testing';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { analysisSettled } from '@heron/server/contract';

interface Job {
  id: string;
  state: string;
  error?: string;
  result?: {
    probability: number;
    stored: { srSopInstanceUID: string } | null;
    kinetics?: { status: string; curveType?: string; curve?: { timeS: number[] } };
  };
}

let orthanc: TestOrthanc;
let heron: RunningServer;
let studyUid: string;
let mask: Volume;
let drawnCurveType: string;
let roles: StudyRoles;
const workDir = mkdtempSync(join(tmpdir(), 'heron-api-'));
const auth = { Authorization: readerAuthHeader() };

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: 31, her2: 'negative', size: 'compact' });
  mask = study.mask;
  drawnCurveType = study.tumour.kinetics.curveType;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'API-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  heron = await startTestHeron(orthanc);
  roles = (await (
    await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
}, 120_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** An analysis request with the ground-truth outline (or another mask on the same grid) on DCE phase 2. */
function request(data: ArrayLike<number> = mask.data, extra: Record<string, unknown> = {}) {
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  return {
    studyInstanceUID: studyUid,
    modelId: 'her2-demo',
    outline: {
      kind: 'mask',
      seriesInstanceUID: phase2.seriesInstanceUID,
      sopInstanceUIDs: phase2.sopInstanceUIDs,
      size: mask.size,
      spacing: mask.spacing,
      origin: mask.origin,
      direction: mask.direction,
      runs: encodeMaskRuns(data),
    },
    ...extra,
  };
}

/** A single tumour voxel: an outline far under 5 mm across. */
function oneVoxel(): Uint8Array {
  const data = new Uint8Array(mask.data.length);
  data[mask.data.findIndex((v) => v !== 0)] = 1;
  return data;
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function finished(id: string): Promise<Job> {
  for (;;) {
    const job = (await (await fetch(`${heron.url}/api/analyses/${id}`, { headers: auth })).json()) as Job;
    if (analysisSettled(job)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function storedObjects(): Promise<number> {
  const res = await fetch(`${heron.url}/dicom-web/studies/${studyUid}/series?Modality=SR`, { headers: auth });
  const sr = res.status === 200 ? ((await res.json()) as unknown[]).length : 0;
  const seg = (await fetch(`${heron.url}/dicom-web/studies/${studyUid}/series?Modality=SEG`, { headers: auth }).then(
    (r) => r.json(),
  )) as unknown[];
  return sr + seg.length;
}

it('runs an analysis, streams its progress, and answers a retried request with the same analysis', async () => {
  const first = await post(request(), { 'Idempotency-Key': 'api-test-1' });
  expect(first.status).toBe(202);
  const job = (await first.json()) as Job;

  const stream = await (await fetch(`${heron.url}/api/analyses/${job.id}/events`, { headers: auth })).text();
  const events = stream
    .split('\n\n')
    .filter(Boolean)
    .map((e) => JSON.parse(e.replace(/^data: /, '')) as { state: string; stage?: string; storage?: string });
  expect(events.map((e) => e.stage).filter(Boolean)).toEqual([
    'fetch',
    'map',
    'extract',
    'predict',
    'explain',
    'store',
    'store',
  ]);
  // The result is published before its store, and the stream goes on until the store has ended.
  expect(events.filter((e) => e.storage).map((e) => [e.state, e.storage])).toEqual([
    ['succeeded', 'storing'],
    ['succeeded', 'stored'],
  ]);
  expect(events[events.length - 1].state).toBe('succeeded');

  const again = await post(request(), { 'Idempotency-Key': 'api-test-1' });
  expect(again.status).toBe(200);
  expect(((await again.json()) as Job).id).toBe(job.id);
  const done = await finished(job.id);
  expect(done.result?.probability).toBeGreaterThan(0);
  // The outline's kinetics travel with the result: the drawn curve type, the time axis after injection.
  expect(done.result?.kinetics).toMatchObject({ status: 'ok', curveType: drawnCurveType });
  expect(done.result?.kinetics?.curve?.timeS).toHaveLength(6);
  expect(await storedObjects()).toBe(2);
  // The stored SR records the kinetics as a TID 1411 group that dciodvfy and dsrdump accept.
  const pacs = connectDicomweb({
    url: `${orthanc.url}/dicom-web`,
    authorization: orthancAuthHeader(orthanc.credentials),
  });
  const [srSeries] = await pacs.searchForSeries({ studyInstanceUID: studyUid, queryParams: { Modality: 'SR' } });
  const sopInstanceUID = done.result?.stored?.srSopInstanceUID as string;
  const bytes = await pacs.retrieveInstance({
    studyInstanceUID: studyUid,
    seriesInstanceUID: srSeries['0020000E'].Value?.[0] as string,
    sopInstanceUID,
  });
  const file = join(workDir, 'sr.dcm');
  writeFileSync(file, Buffer.from(bytes));
  expect(dciodvfyErrors(file)).toEqual([]);
  const dump = dsrdump(file);
  expect(dump.problems).toEqual([]);
  expect(dump.text).toContain('"DCE kinetics"');
  expect(dump.text).toContain('Kinetic curve type');
}, 120_000);

it('refuses a second Analyze of a study while one runs', async () => {
  const first = (await (await post(request())).json()) as Job;
  const second = await post(request());
  expect(second.status).toBe(409);
  expect(((await second.json()) as { error: string }).error).toMatch(/already running/);
  expect((await finished(first.id)).state).toBe('succeeded');
}, 120_000);

it('explains every bad input and stores nothing for it', async () => {
  const before = await storedObjects();

  const unknown = await post({ ...request(), modelId: 'no-such-model' });
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as { error: string }).error).toMatch(
    /There is no model 'no-such-model'; available: her2-demo/,
  );

  const malformed = await post({ ...request(), outline: { ...request().outline, runs: [5] } });
  expect(malformed.status).toBe(400);
  expect(((await malformed.json()) as { error: string }).error).toMatch(/The outline is malformed/);

  const failures: Array<[string, unknown]> = [
    ['The outline is empty', request(new Uint8Array(mask.data.length))],
    ['mm across; Heron needs at least 5 mm', request(oneVoxel())],
    ['needs a T2-weighted series', request(mask.data, { overrides: { [roles.t2[0]]: 'other' } })],
  ];
  for (const [message, body] of failures) {
    const res = await post(body);
    expect(res.status).toBe(202);
    const job = await finished(((await res.json()) as Job).id);
    expect(job.state).toBe('failed');
    expect(job.error).toContain(message);
  }

  const badBody = await post({ studyInstanceUID: 'not-a-uid', modelId: 'her2-demo' });
  expect(badBody.status).toBe(400);
  expect(((await badBody.json()) as { error: string }).error).toMatch(/The request is not valid/);
  expect(await storedObjects()).toBe(before);
}, 120_000);

it('describes itself in an OpenAPI document', async () => {
  const doc = (await (await fetch(`${heron.url}/api/openapi.json`, { headers: auth })).json()) as {
    openapi: string;
    paths: Record<string, unknown>;
  };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/analyses',
      '/api/analyses/{id}/events',
      '/api/results/{sr}/accept',
      '/api/results/{sr}/reject',
    ]),
  );
});
