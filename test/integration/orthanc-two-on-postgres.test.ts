// Orthanc at scale (issue 15): two Orthancs from the Debian packages on one PostgreSQL database, index and DICOM files
// both in it (orthanc-postgresql 4.0 with Orthanc 1.10.1; `Lock: false` and a `DatabaseServerIdentifier` each, as the Orthanc Book's scalability FAQ
// describes for several Orthancs on one database since Orthanc 1.9.2 and plugin 4.0). Orthanc A receives the study;
// Heron, pointed at Orthanc B only, reads it over B's DICOMweb, analyses it and stores its SEG and SR through B; A
// then serves them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { StudyRoles } from '@heron/dicom/roles';
import type { RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import type { TestOrthanc } from '../support/orthanc-harness';
import { startTestOrthancOnPostgres } from '../support/orthanc-postgres-harness';
import { startTestPostgres, type TestPostgres } from '../support/postgres-harness';
import { maskOutlineOn } from '../support/mask-outline';
import { analysisSettled } from '@heron/server/contract';

const workDir = mkdtempSync(join(tmpdir(), 'heron-two-orthancs-'));
const auth = { Authorization: readerAuthHeader() };
let pg: TestPostgres;
let a: TestOrthanc;
let b: TestOrthanc;
let heron: RunningServer;

/** A study's series of one modality as an Orthanc itself answers over DICOMweb (not through Heron). */
async function seriesIn(orthanc: TestOrthanc, study: string, modality: string): Promise<unknown[]> {
  const res = await fetch(`${orthanc.url}/dicom-web/studies/${study}/series?Modality=${modality}`, {
    headers: { Authorization: orthancAuthHeader(orthanc.credentials) },
  });
  return res.status === 204 ? [] : ((await res.json()) as unknown[]);
}

beforeAll(async () => {
  pg = await startTestPostgres();
  // One after the other: the first creates the schema, the second finds it.
  a = await startTestOrthancOnPostgres(pg, 'heron-test-a');
  b = await startTestOrthancOnPostgres(pg, 'heron-test-b');
  heron = await startTestHeron(b);
}, 180_000);

afterAll(async () => {
  await heron?.close();
  await b?.dispose();
  await a?.dispose();
  await pg?.stop();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

it('a study stored on A is analysed through B, and its SEG and SR are served by A', async () => {
  for (const o of [a, b]) {
    const system = (await (
      await fetch(`${o.url}/system`, { headers: { Authorization: orthancAuthHeader(o.credentials) } })
    ).json()) as Record<string, unknown>;
    expect(system.DatabaseBackendPlugin).toMatch(/libOrthancPostgreSQLIndex/);
    expect(system.StorageAreaPlugin).toMatch(/libOrthancPostgreSQLStorage/);
    console.log(`Orthanc ${system.Version}, database schema ${system.DatabaseVersion} at ${o.url}`);
  }
  const phantom = generatePhantom({ seed: 41, her2: 'positive', size: 'compact' });
  const written = await writePhantomStudy(phantom, join(workDir, 'study'), { patientId: 'TWO-ORTHANCS' });
  const study = written.studyInstanceUID;
  await storeFiles(
    a,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  expect((await seriesIn(b, study, 'MR')).length).toBeGreaterThan(0);

  const roles = (await (
    await fetch(`${heron.url}/api/studies/${study}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2 seen through Orthanc B');
  const started = await fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      studyInstanceUID: study,
      modelId: 'her2-demo',
      outline: maskOutlineOn(phase2, phantom.mask),
    }),
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  let job: {
    state: string;
    error?: string;
    result?: { stored: { srSopInstanceUID: string } | null; storage?: { state: string } };
  };
  for (;;) {
    job = (await (await fetch(`${heron.url}/api/analyses/${id}`, { headers: auth })).json()) as typeof job;
    if (analysisSettled(job)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(job.error ?? job.state).toBe('succeeded');
  expect(job.result?.stored).not.toBeNull();

  // Stored through B, served by A: one database behind both.
  expect(await seriesIn(a, study, 'SEG')).toHaveLength(1);
  expect(await seriesIn(a, study, 'SR')).toHaveLength(1);
  const sr = await fetch(
    `${a.url}/dicom-web/studies/${study}/instances?SOPInstanceUID=${job.result!.stored!.srSopInstanceUID}`,
    { headers: { Authorization: orthancAuthHeader(a.credentials) } },
  );
  expect(sr.status).toBe(200);
  expect(Number(pg.sql('SELECT count(*) FROM storagearea'))).toBeGreaterThan(0);
}, 240_000);
