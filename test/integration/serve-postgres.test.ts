// A site deployment end to end (issue 14): PostgreSQL and Orthanc with the orthanc-postgresql plugin from Debian
// packages (index and DICOM files in PostgreSQL), `heron serve --config` against it with demo data off, a phantom
// study stored and analysed through the API, and the SEG and SR found in Orthanc, hence in PostgreSQL.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import { freePort, orthancAuthHeader, storeFiles } from '@heron/server/testing';
import type { TestOrthanc } from '../support/orthanc-harness';
import { startTestOrthancOnPostgres } from '../support/orthanc-postgres-harness';
import { repoRoot } from '../support/paths';
import { startTestPostgres, type TestPostgres } from '../support/postgres-harness';
import { analysisSettled } from '@heron/server/contract';
import { maskOutlineOn } from '../support/mask-outline';

const READER = { user: 'dr-site', password: 'site-reader-password-1' };

/** Orthanc's resources at one level, through /tools/find: Orthanc's request filter lets the service account use it. */
async function orthancFind(level: 'Study' | 'Instance'): Promise<string[]> {
  const res = await fetch(`${orthanc.url}/tools/find`, {
    method: 'POST',
    headers: { Authorization: orthancAuthHeader(orthanc.credentials), 'Content-Type': 'application/json' },
    body: JSON.stringify({ Level: level, Query: {} }),
  });
  return (await res.json()) as string[];
}
const auth = { Authorization: 'Basic ' + Buffer.from(`${READER.user}:${READER.password}`).toString('base64') };
const workDir = mkdtempSync(join(tmpdir(), 'heron-serve-'));

let pg: TestPostgres;
let orthanc: TestOrthanc;
let heron: ChildProcess;
let heronUrl: string;
let output = '';
let studyUid: string;
let mask: Volume;

/** What Orthanc itself (not Heron's proxy) has for the study, per modality. */
async function orthancSeries(modality: string): Promise<unknown[]> {
  const res = await fetch(`${orthanc.url}/dicom-web/studies/${studyUid}/series?Modality=${modality}`, {
    headers: { Authorization: orthancAuthHeader(orthanc.credentials) },
  });
  return res.status === 204 ? [] : ((await res.json()) as unknown[]);
}

async function waitReady(): Promise<void> {
  for (;;) {
    if (heron.exitCode !== null) throw new Error(`heron serve exited (${heron.exitCode}):\n${output}`);
    const res = await fetch(`${heronUrl}/readyz`).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  pg = await startTestPostgres();
  orthanc = await startTestOrthancOnPostgres(pg);

  const port = await freePort();
  heronUrl = `http://127.0.0.1:${port}`;
  writeFileSync(join(workDir, 'orthanc-password'), `${orthanc.credentials.password}\n`, { mode: 0o600 });
  writeFileSync(join(workDir, 'readers.yaml'), `${READER.user}: ${READER.password}\n`, { mode: 0o600 });
  const config = join(workDir, 'heron.config.yaml');
  writeFileSync(
    config,
    [
      'server:',
      '  host: 127.0.0.1',
      `  port: ${port}`,
      '  viewer: false',
      'orthanc:',
      `  restUrl: ${orthanc.url}`,
      `  dicomwebRoot: ${orthanc.url}/dicom-web`,
      `  username: ${orthanc.credentials.user}`,
      '  passwordFile: orthanc-password',
      'readersFile: readers.yaml',
      `modelsDir: ${join(repoRoot, 'models')}`,
      'stateDir: state',
      'logLevel: warn',
      'demo: false',
    ].join('\n'),
  );
  // Only what the file says: no HERON_* variable of the machine running the test may change it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HERON_')));
  heron = spawn(process.execPath, [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'serve', '--config', config], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  heron.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  heron.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitReady();

  const study = generatePhantom({ seed: 41, her2: 'positive', size: 'compact' });
  mask = study.mask;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'SITE-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
}, 180_000);

afterAll(async () => {
  if (heron && heron.exitCode === null) {
    const exited = new Promise((r) => heron.once('exit', r));
    heron.kill('SIGTERM');
    await exited;
  }
  await orthanc?.dispose();
  await pg?.stop();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

it('runs on an Orthanc whose index and storage are in PostgreSQL, without demo data or an Orthanc of its own', async () => {
  const system = (await (
    await fetch(`${orthanc.url}/system`, { headers: { Authorization: orthancAuthHeader(orthanc.credentials) } })
  ).json()) as Record<string, unknown>;
  expect(system.DatabaseBackendPlugin).toMatch(/libOrthancPostgreSQLIndex/);
  expect(system.StorageAreaPlugin).toMatch(/libOrthancPostgreSQLStorage/);

  const ready = (await (await fetch(`${heronUrl}/readyz`)).json()) as {
    status: string;
    checks: Record<string, { ok: boolean; detail: string }>;
  };
  expect(ready.status).toBe('ready');
  expect(ready.checks.models.detail).toContain('her2-demo');
  // Demo off: the only study is the one this test stored; heron serve started no Orthanc (no child process).
  const studies = await orthancFind('Study');
  expect(studies).toHaveLength(1);
  expect(output).not.toMatch(/demo stud/);
  // No viewer configured (the site serves its own OHIF): `/` is not Heron's viewer.
  expect((await fetch(`${heronUrl}/app-config.js`, { headers: auth })).status).toBe(404);
});

it('analyses a study through the API and stores the SEG and SR in Orthanc (in PostgreSQL)', async () => {
  const roles = (await (
    await fetch(`${heronUrl}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  const body = {
    studyInstanceUID: studyUid,
    modelId: 'her2-demo',
    outline: maskOutlineOn(phase2, mask),
  };
  const started = await fetch(`${heronUrl}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  let job: { state: string; error?: string; result?: { probability: number } };
  for (;;) {
    job = (await (await fetch(`${heronUrl}/api/analyses/${id}`, { headers: auth })).json()) as typeof job;
    if (analysisSettled(job)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(job.error).toBeUndefined();
  expect(job.result?.probability).toBeGreaterThan(0);

  expect(await orthancSeries('SEG')).toHaveLength(1);
  expect(await orthancSeries('SR')).toHaveLength(1);
  // The objects live in PostgreSQL: its storage table holds every attachment, Orthanc's folder no DICOM file.
  const instances = (await orthancFind('Instance')).length;
  expect(Number(pg.sql('SELECT count(*) FROM storagearea'))).toBeGreaterThanOrEqual(instances);
  const files = readdirSync(join(orthanc.stateDir, 'storage'), { recursive: true }).filter((f) =>
    String(f).match(/^[0-9a-f]{2}\//),
  );
  expect(files).toHaveLength(0);
}, 180_000);

it('reports Orthanc as not ready on /readyz when it stops, while /healthz stays live', async () => {
  await orthanc.stop();
  const res = await fetch(`${heronUrl}/readyz`);
  expect(res.status).toBe(503);
  const body = (await res.json()) as { checks: { orthanc: { ok: boolean; detail: string } } };
  expect(body.checks.orthanc).toEqual({ ok: false, detail: expect.stringMatching(/^Orthanc cannot be reached/) });
  expect((await fetch(`${heronUrl}/healthz`)).status).toBe(200);
}, 60_000);
