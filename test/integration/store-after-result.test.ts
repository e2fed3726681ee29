// The result before its store (issue 15): the panel's job shows the computed result while the SEG, SR and PDF are
// stored; a sign-off waits for the store; a store that fails (Orthanc paused with SIGSTOP past Heron's time limit)
// says so in a sentence and is retried by a reader into exactly one stored copy, once Orthanc answers again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import type { RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { type AnalysisJob, analysisSettled } from '@heron/server/contract';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';
import { maskOutlineOn } from '../support/mask-outline';

const ORTHANC_TIMEOUT_MS = 3000;
const workDir = mkdtempSync(join(tmpdir(), 'heron-store-after-'));
const usersFile = join(workDir, 'users.json');
const auditFile = join(workDir, 'audit.jsonl');
const auth = { Authorization: readerAuthHeader() };
const BOARD_PASSWORD = 'amber kite 77 harbour';
const boardAuth = { Authorization: 'Basic ' + Buffer.from(`board-1:${BOARD_PASSWORD}`).toString('base64') };
let orthanc: TestOrthanc;
let heron: RunningServer;
let studyUid: string;
let mask: Volume;
let roles: StudyRoles;
let paused = false;

beforeAll(async () => {
  // A board member's account, added as an administrator adds it.
  const added = spawnSync(
    process.execPath,
    [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'user', 'add', 'board-1', '--role', 'board', '--state-dir', workDir],
    { input: BOARD_PASSWORD, encoding: 'utf8', env: { ...process.env, HERON_STATE_DIR: '' }, timeout: 60_000 },
  );
  if (added.status !== 0) throw new Error(`heron user add failed: ${added.stderr}`);
  orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: 61, her2: 'positive', size: 'compact' });
  mask = study.mask;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'STORE-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  heron = await startTestHeron(orthanc, undefined, { orthancTimeoutMs: ORTHANC_TIMEOUT_MS, usersFile, auditFile });
  roles = (await (
    await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
}, 120_000);

afterAll(async () => {
  if (paused) process.kill(orthanc.pid, 'SIGCONT');
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

function request() {
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  return {
    studyInstanceUID: studyUid,
    modelId: 'her2-demo',
    outline: maskOutlineOn(phase2, mask),
  };
}

const job = async (id: string) =>
  (await (await fetch(`${heron.url}/api/analyses/${id}`, { headers: auth })).json()) as AnalysisJob;

async function settled(id: string): Promise<AnalysisJob> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const j = await job(id);
    if (analysisSettled(j)) return j;
    if (Date.now() > deadline) throw new Error(`analysis ${id} still ${j.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Follows the progress stream until `until` accepts an event; resolves with the events so far. */
async function followUntil(id: string, until: (e: { state: string; storage?: string }) => boolean) {
  const res = await fetch(`${heron.url}/api/analyses/${id}/events`, { headers: auth });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const events: Array<{ state: string; storage?: string; message: string }> = [];
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before the awaited event: ${JSON.stringify(events)}`);
    text += new TextDecoder().decode(value);
    const parts = text.split('\n\n');
    text = parts.pop() ?? '';
    for (const p of parts) {
      const e = JSON.parse(p.replace(/^data: /, '')) as (typeof events)[number];
      events.push(e);
      if (until(e)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

/** The SR instances the study holds with this SOP Instance UID, asked of Orthanc itself. */
async function srCopies(sr: string): Promise<number> {
  const res = await fetch(`${orthanc.url}/dicom-web/studies/${studyUid}/instances?SOPInstanceUID=${sr}`, {
    headers: { Authorization: orthancAuthHeader(orthanc.credentials) },
  });
  return res.status === 204 ? 0 : ((await res.json()) as unknown[]).length;
}

const accept = (sr: string) =>
  fetch(`${heron.url}/api/results/${sr}/accept`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ studyInstanceUID: studyUid }),
  });

const retry = (id: string, headers = auth) =>
  fetch(`${heron.url}/api/analyses/${id}/store`, { method: 'POST', headers });

it('shows the result before its store, signs nothing unstored, and retries a failed store into one copy', async () => {
  const started = await fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(request()),
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as AnalysisJob;

  // The moment the result is published, Orthanc stops answering: the store cannot finish.
  await followUntil(id, (e) => e.storage === 'storing');
  process.kill(orthanc.pid, 'SIGSTOP');
  paused = true;

  const shown = await job(id);
  expect(shown.state).toBe('succeeded');
  expect(shown.result?.probability).toEqual(expect.any(Number));
  expect(shown.result?.stored).toBeNull();
  expect(shown.result?.storage?.state).toBe('storing');
  const sr = shown.result?.storage?.srSopInstanceUID as string;

  // Nothing is signed before it is stored: refused in a sentence, without asking the PACS.
  const early = await accept(sr);
  expect(early.status).toBe(409);
  expect(((await early.json()) as { error: string }).error).toMatch(/still being stored/);
  expect((await retry(id)).status).toBe(409);

  // Past Heron's time limit for Orthanc the store fails, and the result says so.
  const failed = await settled(id);
  expect(failed.state).toBe('succeeded');
  expect(failed.result?.stored).toBeNull();
  expect(failed.result?.storage).toMatchObject({ state: 'failed', srSopInstanceUID: sr });
  expect(failed.result?.storage?.message).toMatch(/could not be stored in the study.*press Retry/s);
  expect(failed.events.at(-1)).toMatchObject({ state: 'succeeded', storage: 'failed' });
  const refused = await accept(sr);
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { error: string }).error).toMatch(/could not be stored/);

  // A board member may not store; a reader may, once Orthanc answers again.
  expect((await retry(id, boardAuth)).status).toBe(403);
  process.kill(orthanc.pid, 'SIGCONT');
  paused = false;
  const retried = await retry(id);
  expect(retried.status).toBe(200);
  const stored = (await retried.json()) as AnalysisJob;
  expect(stored.result?.storage).toEqual({ state: 'stored', srSopInstanceUID: sr });
  expect(stored.result?.stored?.srSopInstanceUID).toBe(sr);
  expect(await srCopies(sr)).toBe(1);

  // Idempotent: a second retry answers the stored result and stores nothing more.
  const again = await retry(id);
  expect(again.status).toBe(200);
  expect(((await again.json()) as AnalysisJob).result?.storage?.state).toBe('stored');
  expect(await srCopies(sr)).toBe(1);

  expect((await accept(sr)).status).toBe(201);
  const audit = readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; user?: string; outcome?: string });
  expect(audit.filter((a) => a.action === 'analysis-store-failed')).toHaveLength(1);
  expect(audit.find((a) => a.action === 'analysis-store-retried')).toMatchObject({
    user: 'dr-test',
    outcome: 'stored',
  });
}, 240_000);

it('stores a result right after showing it when the PACS answers', async () => {
  const started = await fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(request()),
  });
  const { id } = (await started.json()) as AnalysisJob;
  const events = await followUntil(id, (e) => e.state === 'failed' || e.storage === 'stored');
  expect(events.filter((e) => e.storage).map((e) => e.storage)).toEqual(['storing', 'stored']);
  const done = await job(id);
  const sr = done.result?.storage?.srSopInstanceUID as string;
  expect(done.result?.stored?.srSopInstanceUID).toBe(sr);
  expect(await srCopies(sr)).toBe(1);
}, 120_000);
