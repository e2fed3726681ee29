// POST /api/studies/:study/kinetic-map against a real Orthanc: the map's labels on the first post-contrast
// phase's grid follow the tumour's drawn curve type, stay inside the body and never overlap; a study whose DCE
// cannot give a map, and bad thresholds, are answered in words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generatePhantom, samplePhenotype, writePhantomStudy, type PhantomStudy } from '@heron/phantom';
import { decodeMaskRuns } from '@heron/radiomics';
import type { KineticMap } from '@heron/server/contract';
import type { RunningServer } from '@heron/server';
import { storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

let orthanc: TestOrthanc;
let heron: RunningServer;
let study: PhantomStudy;
let studyUid: string;
let onePhaseUid: string;
const workDir = mkdtempSync(join(tmpdir(), 'heron-kinetic-map-'));
const auth = { Authorization: readerAuthHeader() };

/** A small homogeneous wash-out tumour: every voxel of it should be coloured wash-out. */
function washoutSeed(): number {
  for (let seed = 1; ; seed++) {
    const p = samplePhenotype(seed);
    if (
      p.kinetics.curveType === 'washout' &&
      p.enhancementPattern === 'homogeneous' &&
      p.necrosisFraction === 0 &&
      p.diameterMm < 20
    )
      return seed;
  }
}

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  study = generatePhantom({ seed: washoutSeed(), crop: { marginMm: 8 } });
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'MAP-001' });
  studyUid = written.studyInstanceUID;
  // The same images under another patient, with the pre-contrast and all but one post-contrast phase left out.
  const other = await writePhantomStudy(study, join(workDir, 'one-phase'), { patientId: 'MAP-002' });
  onePhaseUid = other.studyInstanceUID;
  const dropped = new Set(
    other.series
      .filter((s) => s.role === 'dce')
      .slice(0, 5)
      .map((s) => dirname(s.files[0])),
  );
  await storeFiles(orthanc, [
    ...written.files.filter((f) => f.endsWith('.dcm')),
    ...other.files.filter((f) => f.endsWith('.dcm') && !dropped.has(dirname(f))),
  ]);
  heron = await startTestHeron(orthanc);
}, 180_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

async function post(uid: string, body: unknown): Promise<Response> {
  return fetch(`${heron.url}/api/studies/${uid}/kinetic-map`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

it('colours the tumour by its curve type, on the first post-contrast grid, inside the body', async () => {
  const res = await post(studyUid, {});
  expect(res.status).toBe(200);
  const map = (await res.json()) as KineticMap;
  expect(map.researchUseOnly).toBe(true);
  // A crop around the tumour shows one breast: no cleft, so the whole body is coloured and the answer says so.
  expect(map.region).toBe('body');
  expect(map.labels.map((l) => [l.label, l.curveType])).toEqual([
    [1, 'persistent'],
    [2, 'plateau'],
    [3, 'washout'],
  ]);
  const n = study.mask.data.length;
  const labels = new Uint8Array(n);
  for (const l of map.labels) {
    expect(l.outline.seriesInstanceUID).toBe(map.seriesInstanceUID);
    expect(l.outline.size).toEqual(study.mask.size);
    l.outline.origin.forEach((o, a) => expect(o).toBeCloseTo(study.mask.origin[a], 3));
    const mask = decodeMaskRuns(l.outline.runs, n);
    let count = 0;
    for (let v = 0; v < n; v++) {
      if (!mask[v]) continue;
      count++;
      expect(labels[v]).toBe(0); // the three masks are one labelmap
      labels[v] = l.label;
    }
    expect(count).toBe(l.voxelCount);
  }
  // Inside the tumour: nearly every voxel coloured, and wash-out.
  let tumour = 0;
  let coloured = 0;
  let washout = 0;
  for (let v = 0; v < n; v++) {
    if (!study.mask.data[v]) continue;
    tumour++;
    if (labels[v]) coloured++;
    if (labels[v] === 3) washout++;
  }
  console.log(
    `kinetic map: ${tumour} tumour voxels, ${coloured} coloured, ${washout} wash-out; ` +
      `whole map: ${map.labels.map((l) => `${l.curveType} ${l.voxelCount}`).join(', ')}`,
  );
  expect(coloured / tumour).toBeGreaterThan(0.9);
  expect(washout / coloured).toBeGreaterThan(0.9);
  // The first post-contrast phase is series 6 of a series-per-phase study.
  const roles = (await (
    await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as { dcePhases: { phaseIndex: number; seriesInstanceUID: string }[] };
  expect(map.seriesInstanceUID).toBe(roles.dcePhases.find((p) => p.phaseIndex === 1)?.seriesInstanceUID);
}, 120_000);

it('a stricter initial-enhancement threshold colours fewer voxels', async () => {
  const loose = (await (await post(studyUid, {})).json()) as KineticMap;
  const strict = (await (
    await post(studyUid, { thresholds: { mapMinimumInitialEnhancementPercent: 150 } })
  ).json()) as KineticMap;
  const total = (m: KineticMap) => m.labels.reduce((s, l) => s + l.voxelCount, 0);
  expect(strict.thresholds.mapMinimumInitialEnhancementPercent).toBe(150);
  expect(total(strict)).toBeLessThan(total(loose));
}, 120_000);

it('answers a DCE without the phases a map needs, and bad thresholds, in words', async () => {
  const one = await post(onePhaseUid, {});
  expect(one.status).toBe(422);
  expect(((await one.json()) as { error: string }).error).toMatch(/The DCE has 1 phase/);
  const malformed = await post(studyUid, { thresholds: { slowBelowPercent: 'fifty' } });
  expect(malformed.status).toBe(400);
  const contradictory = await post(studyUid, { thresholds: { slowBelowPercent: 150 } });
  expect(contradictory.status).toBe(422);
  expect(((await contradictory.json()) as { error: string }).error).toMatch(/slowBelowPercent must not exceed/);
  const unknown = await post(studyUid, { colour: 'red' });
  expect(unknown.status).toBe(400);
}, 120_000);

it('is in the OpenAPI document, and other methods are refused', async () => {
  const doc = (await (await fetch(`${heron.url}/api/openapi.json`, { headers: auth })).json()) as {
    paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
  };
  expect(doc.paths['/api/studies/{study}/kinetic-map']?.post?.responses).toHaveProperty('200');
  const get = await fetch(`${heron.url}/api/studies/${studyUid}/kinetic-map`, { headers: auth });
  expect(get.status).toBe(405);
});
