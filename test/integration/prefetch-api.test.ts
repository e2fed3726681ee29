// POST /api/studies/:study/prefetch against a real Orthanc: answered 202 at once for a reader, refused to a board
// member and for a bad study UID or model in words, and an analysis after a prefetch (its pixels from the cache)
// gives the same result as one on a server that keeps no cache, as does a second analysis (volumes and roles kept).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import type { RunningServer } from '@heron/server';
import { storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';
import { maskOutlineOn } from '../support/mask-outline';

interface Job {
  state: string;
  error?: string;
  result?: {
    probability: number;
    explanation: { contributions: { input: string; value: number }[] };
    kinetics: unknown;
  };
}

let orthanc: TestOrthanc;
let cached: RunningServer;
let uncached: RunningServer;
let studyUid: string;
let mask: Volume;
let roles: StudyRoles;
const workDir = mkdtempSync(join(tmpdir(), 'heron-prefetch-'));
const usersFile = join(workDir, 'state', 'users.json');
const auth = { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' };
const board = {
  Authorization: 'Basic ' + Buffer.from('board-1:amber kite 77 harbour').toString('base64'),
  'Content-Type': 'application/json',
};

beforeAll(async () => {
  const added = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'server', 'bin', 'heron.mjs'),
      'user',
      'add',
      'board-1',
      '--role',
      'board',
      '--state-dir',
      join(workDir, 'state'),
    ],
    {
      input: 'amber kite 77 harbour\n',
      encoding: 'utf8',
      env: { ...process.env, HERON_STATE_DIR: '' },
      timeout: 60_000,
    },
  );
  if (added.status !== 0) throw new Error(added.stderr);
  orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: 31, her2: 'negative', size: 'compact' });
  mask = study.mask;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'PREFETCH-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  cached = await startTestHeron(orthanc, undefined, { usersFile });
  uncached = await startTestHeron(orthanc, undefined, { volumeCacheMb: 0 });
  roles = (await (
    await fetch(`${cached.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
}, 180_000);

afterAll(async () => {
  await cached?.close();
  await uncached?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

const prefetch = (server: RunningServer, study: string, body: unknown, headers: Record<string, string> = auth) =>
  fetch(`${server.url}/api/studies/${study}/prefetch`, { method: 'POST', headers, body: JSON.stringify(body) });

async function analyse(server: RunningServer): Promise<NonNullable<Job['result']>> {
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  const started = await fetch(`${server.url}/api/analyses`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      studyInstanceUID: studyUid,
      modelId: 'her2-demo',
      outline: maskOutlineOn(phase2, mask),
    }),
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${server.url}/api/analyses/${id}`, { headers: auth })).json()) as Job;
    if (job.state === 'failed') throw new Error(job.error);
    if (job.state === 'succeeded' && job.result) return job.result;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('POST /api/studies/:study/prefetch', () => {
  it('refuses a board member, a bad study UID and an unknown model, in words', async () => {
    expect((await prefetch(cached, studyUid, { modelId: 'her2-demo' }, board)).status).toBe(403);
    const bad = await prefetch(cached, 'not-a-uid', { modelId: 'her2-demo' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Not a valid study UID: "not-a-uid"/);
    const noModel = await prefetch(cached, studyUid, { modelId: 'no-such-model' });
    expect(noModel.status).toBe(404);
    expect(((await noModel.json()) as { error: string }).error).toMatch(/There is no model 'no-such-model'/);
    const noBody = await prefetch(cached, studyUid, {});
    expect(noBody.status).toBe(400);
  });

  it('starts at once, once per study, and without a cache says so', async () => {
    expect((await prefetch(uncached, studyUid, { modelId: 'her2-demo' })).status).toBe(202);
    expect(await (await prefetch(uncached, studyUid, { modelId: 'her2-demo' })).json()).toEqual({
      started: false,
      reason: 'cache-off',
    });
    const first = await prefetch(cached, studyUid, { modelId: 'her2-demo' });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ started: true, reason: 'started' });
    expect(await (await prefetch(cached, studyUid, { modelId: 'her2-demo' })).json()).toEqual({
      started: false,
      reason: 'already-running',
    });
    // A study that is not in the PACS is accepted too: the prefetch only saves time, the analysis reports failures.
    expect((await prefetch(cached, '1.2.3.4.5', { modelId: 'her2-demo' })).status).toBe(202);
  });

  it('an analysis after the prefetch gives the result of a server without a cache', async () => {
    // Wait until the prefetch has ended: it is then reported done recently and not started again.
    for (;;) {
      const r = (await (await prefetch(cached, studyUid, { modelId: 'her2-demo' })).json()) as { reason: string };
      if (r.reason !== 'already-running') {
        expect(r).toEqual({ started: false, reason: 'recent' });
        break;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    const fromCache = await analyse(cached);
    const fromPacs = await analyse(uncached);
    expect(fromCache.probability).toBe(fromPacs.probability);
    expect(fromCache.explanation.contributions).toEqual(fromPacs.explanation.contributions);
    expect(fromCache.kinetics).toEqual(fromPacs.kinetics);
    // Again on the cached server: the volumes, the series roles and the outline series' metadata all come from memory.
    const again = await analyse(cached);
    expect(again.probability).toBe(fromPacs.probability);
    expect(again.explanation.contributions).toEqual(fromPacs.explanation.contributions);
    expect(again.kinetics).toEqual(fromPacs.kinetics);
  }, 120_000);
});
