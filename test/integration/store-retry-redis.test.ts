// The result before its store with Heron on Redis (issue 15): two servers and a worker share the job, so the result
// shown, the refused sign-off, the failed store (Orthanc paused with SIGSTOP past the worker's time limit) and the
// reader's retry through the other server all read the same state; the study ends with one SR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import {
  type AnalysisInput,
  analysisRunner,
  AuditLog,
  HERON_VERSION,
  heronDevice,
  ModelRegistry,
  RedisWorker,
  type RunningServer,
  startServer,
} from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { type AnalysisJob, type AnalysisResult, analysisSettled } from '@heron/server/contract';
import { readerAuthHeader, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';
import { startTestRedis, type TestRedis } from '../support/redis-harness';
import { maskOutlineOn } from '../support/mask-outline';

const TIMEOUT_MS = 3000;
const workDir = mkdtempSync(join(tmpdir(), 'heron-store-redis-'));
const auth = { Authorization: readerAuthHeader() };
let orthanc: TestOrthanc;
let redis: TestRedis;
let servers: RunningServer[] = [];
let worker: RedisWorker<AnalysisInput, AnalysisResult> | undefined;
let studyUid: string;
let mask: Volume;
let paused = false;

beforeAll(async () => {
  [orthanc, redis] = await Promise.all([startTestOrthanc(), startTestRedis()]);
  const study = generatePhantom({ seed: 71, her2: 'negative', size: 'compact' });
  mask = study.mask;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'STORE-R-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const models = await ModelRegistry.open(join(repoRoot, 'models'));
  const audit = () => new AuditLog(join(mkdtempSync(join(workDir, 'audit-')), 'audit.jsonl'));
  servers = await Promise.all(
    [0, 1].map(() =>
      startServer({
        host: '127.0.0.1',
        port: 0,
        viewerDir: null,
        orthanc: { url: orthanc.url, credentials: orthanc.credentials, timeoutMs: TIMEOUT_MS },
        readers: { [TEST_READER.user]: TEST_READER.password },
        models,
        log: pino({ level: process.env.HERON_TEST_LOG ?? 'warn' }),
        audit: audit(),
        queue: { redisUrl: redis.url },
      }),
    ),
  );
  // The worker as `heron worker` builds it, in this process, with the same short time limit for Orthanc.
  worker = new RedisWorker<AnalysisInput, AnalysisResult>(
    analysisRunner({
      pacs: connectDicomweb({
        url: `${orthanc.url}/dicom-web`,
        authorization: orthancAuthHeader(orthanc.credentials),
        timeoutMs: TIMEOUT_MS,
      }),
      models,
      audit: audit(),
      pipeline: { device: heronDevice(), version: HERON_VERSION },
    }),
    { url: redis.url },
  );
  await worker.ready();
}, 180_000);

afterAll(async () => {
  if (paused) process.kill(orthanc.pid, 'SIGCONT');
  await worker?.close();
  for (const s of servers) await s.close();
  await orthanc?.dispose();
  await redis?.stop();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

async function request(server: RunningServer) {
  const roles = (await (
    await fetch(`${server.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  return {
    studyInstanceUID: studyUid,
    modelId: 'her2-demo',
    outline: maskOutlineOn(phase2, mask),
  };
}

const job = async (server: RunningServer, id: string) =>
  (await (await fetch(`${server.url}/api/analyses/${id}`, { headers: auth })).json()) as AnalysisJob;

async function srCopies(sr: string): Promise<number> {
  const res = await fetch(`${orthanc.url}/dicom-web/studies/${studyUid}/instances?SOPInstanceUID=${sr}`, {
    headers: { Authorization: orthancAuthHeader(orthanc.credentials) },
  });
  return res.status === 204 ? 0 : ((await res.json()) as unknown[]).length;
}

it('shares the shown result, the refused sign-off, the failed store and its retry across servers', async () => {
  const [a, b] = servers as [RunningServer, RunningServer];
  const started = await fetch(`${a.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(await request(a)),
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as AnalysisJob;

  // Followed on server B: the moment the result is published, Orthanc stops answering.
  const reader = (
    (await fetch(`${b.url}/api/analyses/${id}/events`, { headers: auth })).body as ReadableStream<Uint8Array>
  ).getReader();
  let text = '';
  while (!/"storage":"storing"/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before the result: ${text}`);
    text += new TextDecoder().decode(value);
  }
  process.kill(orthanc.pid, 'SIGSTOP');
  paused = true;
  await reader.cancel();

  const shown = await job(b, id);
  expect(shown).toMatchObject({ state: 'succeeded', result: { stored: null, storage: { state: 'storing' } } });
  const sr = shown.result?.storage?.srSopInstanceUID as string;
  const accept = await fetch(`${b.url}/api/results/${sr}/accept`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ studyInstanceUID: studyUid }),
  });
  expect(accept.status).toBe(409);

  const deadline = Date.now() + 60_000;
  let failed = shown;
  while (!analysisSettled(failed)) {
    if (Date.now() > deadline) throw new Error('the store never ended');
    await new Promise((r) => setTimeout(r, 200));
    failed = await job(a, id);
  }
  expect(failed.result?.storage).toMatchObject({ state: 'failed', srSopInstanceUID: sr });
  expect(failed.result?.storage?.message).toMatch(/could not be stored/);

  process.kill(orthanc.pid, 'SIGCONT');
  paused = false;
  // Retried through the other server: the objects the worker built were kept in Redis.
  const retried = await fetch(`${b.url}/api/analyses/${id}/store`, { method: 'POST', headers: auth });
  expect(retried.status).toBe(200);
  expect(((await retried.json()) as AnalysisJob).result?.storage).toEqual({ state: 'stored', srSopInstanceUID: sr });
  expect((await job(a, id)).result?.stored?.srSopInstanceUID).toBe(sr);
  expect(await srCopies(sr)).toBe(1);
  const again = await fetch(`${a.url}/api/analyses/${id}/store`, { method: 'POST', headers: auth });
  expect(again.status).toBe(200);
  expect(await srCopies(sr)).toBe(1);
}, 240_000);
