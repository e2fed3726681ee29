// The analysis on a worker thread (issue 15, `heron worker`): the same result as the server's own thread gives, the
// main thread free while it runs, and a job refused at its store stage (taken over by another worker) stores nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { encodeMaskRuns, type Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import { type AnalysisInput, type RunningServer, threadedRunner, type ThreadedRunner } from '@heron/server';
import type { AnalysisRequest, AnalysisResult } from '@heron/server/contract';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';

const workDir = mkdtempSync(join(tmpdir(), 'heron-threaded-'));
const auth = { Authorization: readerAuthHeader() };
let orthanc: TestOrthanc;
let heron: RunningServer;
let threaded: ThreadedRunner;
let mask: Volume;
let study: string;

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  const phantom = generatePhantom({ seed: 51, her2: 'positive', size: 'compact' });
  mask = phantom.mask;
  const written = await writePhantomStudy(phantom, join(workDir, 'study'), { patientId: 'THREADED' });
  study = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  heron = await startTestHeron(orthanc);
  threaded = threadedRunner(
    {
      dicomwebRoot: `${orthanc.url}/dicom-web`,
      authorization: orthancAuthHeader(orthanc.credentials),
      timeoutMs: 30_000,
      modelsDir: join(repoRoot, 'models'),
      auditFile: join(workDir, 'audit.jsonl'),
      volumeCacheBytes: 0,
    },
    1,
  );
}, 180_000);

afterAll(async () => {
  await threaded?.close();
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

async function analysisRequest(): Promise<AnalysisRequest> {
  const roles = (await (
    await fetch(`${heron.url}/api/studies/${study}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2)!;
  return {
    studyInstanceUID: study,
    modelId: 'her2-demo',
    outline: {
      kind: 'mask',
      seriesInstanceUID: phase2.seriesInstanceUID,
      sopInstanceUIDs: phase2.sopInstanceUIDs,
      size: mask.size,
      spacing: mask.spacing,
      origin: mask.origin,
      direction: mask.direction,
      runs: encodeMaskRuns(mask.data),
    },
  };
}

async function reportCount(): Promise<number> {
  const res = await fetch(`${heron.url}/api/studies/${study}/results`, { headers: auth });
  return ((await res.json()) as { results: unknown[] }).results.length;
}

const ms = (ns: number) => `${(ns / 1e6).toFixed(0)} ms`;

/** What must not depend on the thread: everything but the analysis's own identity, time and the UIDs it stored. */
const comparable = (r: AnalysisResult) => ({
  ...r,
  analysisId: undefined,
  createdAt: undefined,
  stored: undefined,
  storage: undefined,
  timings: undefined,
});

test('same result as in the server thread; the main thread stays free; a refusal before storing stores nothing', async () => {
  const request = await analysisRequest();
  // The server runs its analysis in this process's main thread: the event loop's delay meanwhile, for comparison.
  const inline = monitorEventLoopDelay({ resolution: 10 });
  inline.enable();
  const posted = await fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(posted.status).toBe(202);
  const { id } = (await posted.json()) as { id: string };
  let inServer: { state: string; result?: AnalysisResult; error?: string };
  for (;;) {
    inServer = (await (await fetch(`${heron.url}/api/analyses/${id}`, { headers: auth })).json()) as typeof inServer;
    // The result is published before its store: wait until the store has ended.
    if (
      inServer.state === 'failed' ||
      (inServer.state === 'succeeded' && inServer.result?.storage?.state !== 'storing')
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  inline.disable();
  expect(inServer.error ?? inServer.state).toBe('succeeded');
  expect(await reportCount()).toBe(1);

  const input: AnalysisInput = {
    request,
    who: { user: TEST_READER.user, address: '127.0.0.1', study, model: 'her2-demo' },
  };
  const stages: string[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const result = await threaded.runner(input, (stage) => void stages.push(stage), 'threaded-1');
  delay.disable();
  expect(comparable(result)).toEqual(comparable(inServer.result!));
  expect(result.stored).not.toBeNull();
  expect(stages).toEqual(expect.arrayContaining(['fetch', 'extract', 'store']));
  expect(await reportCount()).toBe(2);
  console.log(
    `event-loop delay of the main thread, analysis on it: max ${ms(inline.max)}, p99 ${ms(inline.percentile(99))}; ` +
      `analysis on a worker thread: max ${ms(delay.max)}, p99 ${ms(delay.percentile(99))}`,
  );

  // Refused at 'store' (the job was taken over): the thread stops before storing, as a call in one thread would.
  const refused = threaded.runner(
    input,
    (stage) => {
      if (stage === 'store') throw new Error('taken over by another worker');
    },
    'threaded-2',
  );
  await expect(refused).rejects.toThrow('taken over by another worker');
  expect(await reportCount()).toBe(2);
}, 300_000);
