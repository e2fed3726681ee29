// Heron beyond one process (issue 15): a real redis-server, one Orthanc with 20 compact phantom studies, two Heron
// servers on the same Redis and two `heron worker` processes. Every analysis completes and is stored exactly once;
// progress of a job started on one server streams from the other; a worker killed mid-job loses nothing, and one
// killed after its STOW but before it could record it does not make the rerun store a second copy.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import { AuditLog, ModelRegistry, type RunningServer, startServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { readerAuthHeader, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';
import { startTestRedis, type TestRedis } from '../support/redis-harness';
import { analysisSettled } from '@heron/server/contract';
import { maskOutlineOn } from '../support/mask-outline';

interface Job {
  id: string;
  state: string;
  error?: string;
  events: { state: string; message: string }[];
  result?: {
    probability: number;
    stored: { srSopInstanceUID: string; segSopInstanceUID: string } | null;
    storage?: { state: string; srSopInstanceUID: string };
  };
}

const STUDIES = 20;
const workDir = mkdtempSync(join(tmpdir(), 'heron-workers-'));
const auth = { Authorization: readerAuthHeader() };
let orthanc: TestOrthanc;
let redis: TestRedis;
let servers: RunningServer[] = [];
const workers: ChildProcess[] = [];
let mask: Volume;
let studies: string[] = [];
let configFile: string;
let workerOutput = '';

/** A `heron worker` process on the test's configuration; resolves once it says it takes analyses. */
async function startWorker(): Promise<ChildProcess> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HERON_')));
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'worker', '--config', configFile],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  workers.push(child);
  let said = '';
  await new Promise<void>((resolve, reject) => {
    const listen = (d: Buffer) => {
      said += d.toString();
      workerOutput += d.toString();
      if (said.includes('Heron worker is taking analyses')) resolve();
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code) => reject(new Error(`heron worker exited (${code}):\n${said}`)));
  });
  return child;
}

async function stopWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

beforeAll(async () => {
  [orthanc, redis] = await Promise.all([startTestOrthanc(), startTestRedis()]);
  // One phantom written under 20 patients: 20 studies with their own UIDs, generated once.
  const study = generatePhantom({ seed: 51, her2: 'positive', size: 'compact' });
  mask = study.mask;
  const t0 = Date.now();
  for (let i = 0; i < STUDIES + 2; i++) {
    const written = await writePhantomStudy(study, join(workDir, `study-${i}`), { patientId: `QUEUE-${i}` });
    studies.push(written.studyInstanceUID);
    await storeFiles(
      orthanc,
      written.files.filter((f) => f.endsWith('.dcm')),
    );
  }
  console.log(`${STUDIES + 2} studies written and stored in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  writeFileSync(join(workDir, 'orthanc-password'), `${orthanc.credentials.password}\n`, { mode: 0o600 });
  // The same configuration as the servers': a worker checks it as `heron serve` does, logins included.
  writeFileSync(join(workDir, 'readers.yaml'), `${TEST_READER.user}: ${TEST_READER.password}\n`, { mode: 0o600 });
  configFile = join(workDir, 'heron.config.yaml');
  writeFileSync(
    configFile,
    [
      'server:',
      '  viewer: false',
      'orthanc:',
      `  restUrl: ${orthanc.url}`,
      `  username: ${orthanc.credentials.user}`,
      '  passwordFile: orthanc-password',
      'readersFile: readers.yaml',
      `modelsDir: ${join(repoRoot, 'models')}`,
      'stateDir: state',
      'logLevel: info',
      'queue:',
      `  redisUrl: ${redis.url}`,
      '  stallSeconds: 15',
    ].join('\n'),
  );
  const models = await ModelRegistry.open(join(repoRoot, 'models'));
  servers = await Promise.all(
    [0, 1].map(() =>
      startServer({
        host: '127.0.0.1',
        port: 0,
        viewerDir: null,
        orthanc: { url: orthanc.url, credentials: orthanc.credentials },
        readers: { [TEST_READER.user]: TEST_READER.password },
        models,
        log: pino({ level: process.env.HERON_TEST_LOG ?? 'warn' }),
        audit: new AuditLog(join(mkdtempSync(join(workDir, 'audit-')), 'audit.jsonl')),
        queue: { redisUrl: redis.url },
      }),
    ),
  );
  await Promise.all([startWorker(), startWorker()]);
}, 300_000);

afterAll(async () => {
  for (const w of workers) await stopWorker(w, 'SIGTERM');
  for (const s of servers) await s.close();
  await orthanc?.dispose();
  await redis?.stop();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

async function request(server: RunningServer, study: string) {
  const roles = (await (
    await fetch(`${server.url}/api/studies/${study}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  return {
    studyInstanceUID: study,
    modelId: 'her2-demo',
    outline: maskOutlineOn(phase2, mask),
  };
}

async function analyse(server: RunningServer, study: string): Promise<Response> {
  return fetch(`${server.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(await request(server, study)),
  });
}

async function finished(server: RunningServer, id: string, ms = 240_000): Promise<Job> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = (await (await fetch(`${server.url}/api/analyses/${id}`, { headers: auth })).json()) as Job;
    if (analysisSettled(job)) return job;
    if (Date.now() > deadline) throw new Error(`analysis ${id} still ${job.state}:\n${workerOutput}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The Heron reports stored in a study, as the API lists them. */
async function reportsIn(study: string): Promise<unknown[]> {
  const res = await fetch(`${servers[0]!.url}/api/studies/${study}/results`, { headers: auth });
  return ((await res.json()) as { results: unknown[] }).results;
}

it('runs 20 analyses through two servers and two workers, each stored once; progress and locks are shared', async () => {
  const [a, b] = servers as [RunningServer, RunningServer];
  // Progress of a job started on server A, read as server-sent events from server B.
  const first = await analyse(a, studies[0]!);
  expect(first.status).toBe(202);
  const firstJob = (await first.json()) as Job;
  const stream = fetch(`${b.url}/api/analyses/${firstJob.id}/events`, { headers: auth }).then((r) => r.text());
  // While it waits or runs, the same study through server B is refused.
  const twice = await analyse(b, studies[0]!);
  expect(twice.status).toBe(409);
  const events = (await stream)
    .split('\n\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as { state: string });
  expect(events[0]?.state).toBe('queued');
  expect(events.at(-1)?.state).toBe('succeeded');

  const started = [firstJob];
  for (let i = 1; i < STUDIES; i++) {
    const res = await analyse(i % 2 ? b : a, studies[i]!);
    expect(res.status).toBe(202);
    started.push((await res.json()) as Job);
  }
  const jobs = await Promise.all(started.map((j, i) => finished(i % 2 ? a : b, j.id)));
  expect(jobs.map((j) => j.error ?? j.state)).toEqual(Array(STUDIES).fill('succeeded'));
  // The same phantom everywhere: the same probability from whichever worker ran it.
  expect(new Set(jobs.map((j) => j.result?.probability)).size).toBe(1);
  const counts = await Promise.all(studies.slice(0, STUDIES).map(async (s) => (await reportsIn(s)).length));
  expect(counts).toEqual(Array(STUDIES).fill(1));
}, 600_000);

it('a worker killed mid-analysis loses nothing: another runs the job, which is stored once', async () => {
  const [a] = servers as [RunningServer, RunningServer];
  // One worker left, so that the job runs on the one killed; a fresh worker then finds it stalled.
  await stopWorker(workers[1]!, 'SIGTERM');
  const study = studies[STUDIES]!;
  const res = await analyse(a, study);
  const job = (await res.json()) as Job;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const now = (await (await fetch(`${a.url}/api/analyses/${job.id}`, { headers: auth })).json()) as Job;
    if (now.state === 'running') break;
    if (Date.now() > deadline) throw new Error('the analysis never started');
    await new Promise((r) => setTimeout(r, 20));
  }
  await stopWorker(workers[0]!, 'SIGKILL');
  await startWorker();
  const done = await finished(a, job.id);
  expect(done.error ?? done.state).toBe('succeeded');
  expect(done.events.map((e) => e.message)).toContain(
    'The worker running this analysis stopped; starting again on another',
  );
  expect(await reportsIn(study)).toHaveLength(1);
}, 180_000);

it('a worker killed after its STOW, before it could record it, is rerun without storing a second copy', async () => {
  const [a] = servers as [RunningServer, RunningServer];
  const study = studies[STUDIES + 1]!;
  const res = await analyse(a, study);
  const job = (await res.json()) as Job;
  // The result is published (in Redis) before the store: from then on, freezing Redis lets the worker store in
  // Orthanc but not record that it did.
  const reader = (
    (await fetch(`${a.url}/api/analyses/${job.id}/events`, { headers: auth })).body as ReadableStream<Uint8Array>
  ).getReader();
  let text = '';
  while (!/"storage":"storing"/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before the result: ${text}`);
    text += new TextDecoder().decode(value);
  }
  process.kill(redis.pid, 'SIGSTOP');
  let sr: string;
  try {
    await reader.cancel().catch(() => undefined);
    // The SR's UID derives from the job id; the test reads it from Orthanc once the STOW has arrived there.
    const deadline = Date.now() + 60_000;
    let held: Array<Record<string, { Value?: string[] }>> = [];
    while (held.length === 0) {
      if (Date.now() > deadline) throw new Error(`the worker never stored:\n${workerOutput}`);
      await new Promise((r) => setTimeout(r, 50));
      const q = await fetch(`${orthanc.url}/dicom-web/studies/${study}/instances?Modality=SR`, {
        headers: { Authorization: orthancAuthHeader(orthanc.credentials) },
      });
      held = q.status === 200 ? ((await q.json()) as typeof held) : [];
    }
    sr = held[0]!['00080018']!.Value![0]!;
    await stopWorker(workers.at(-1)!, 'SIGKILL');
  } finally {
    process.kill(redis.pid, 'SIGCONT');
  }
  const before = (await (await fetch(`${a.url}/api/analyses/${job.id}`, { headers: auth })).json()) as Job;
  expect(before.result?.storage?.state).toBe('storing');
  // A fresh worker finds the job stalled and runs it again: the SR is found in the study and not stored twice.
  await startWorker();
  const done = await finished(a, job.id);
  expect(done.result?.storage).toEqual({ state: 'stored', srSopInstanceUID: sr });
  expect(done.result?.stored?.srSopInstanceUID).toBe(sr);
  expect(await reportsIn(study)).toHaveLength(1);
}, 180_000);
