// Sizing an installation (issue 15; it absorbs the former queue and load benchmarks): compact phantom analyses through
// Heron's HTTP API, one round per worker count: 0 = the embedded mode (analyses in the server process), n = Redis with
// n `heron worker` processes. Each round prints analyses per minute, p50/p95 from POST to result, the peak resident
// memory of the server process and of each worker, the slowest /healthz answer, the load average, and whether the PACS
// holds each report exactly once (every POST is sent twice with one Idempotency-Key, as a client retry would).
// `--pause-orthanc` ends with Orthanc paused (SIGSTOP) past the timeouts: the job must end with a message.
//
// Bounded: at most 40 analyses per round, 16 in flight, 4 workers. By default it starts its own Orthanc and Redis on
// loopback; `--orthanc URL` / `--redis URL` use existing ones (credentials in HERON_LOAD_ORTHANC_USER and
// HERON_LOAD_ORTHANC_PASSWORD), refused unless on loopback, or with `--allow-remote`. Against an existing Orthanc it
// stores synthetic studies (patients HERON-LOAD-*) and their reports there, which stay: use a test Orthanc.
//   node --import tsx server/bench/load.ts [--analyses 8] [--concurrency 8] [--workers 0,1,2] [--pause-orthanc]
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { AuditLog, ModelRegistry, type RunningServer, startServer } from '../src/index';
import { orthancAuthHeader, type RunningOrthanc } from '../src/orthanc/orthanc-process';
import { storeFiles } from '../src/orthanc/orthanc-store';
import { analysisSettled } from '../src/contract';
import { readerAuthHeader, TEST_READER } from '../../test/support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../../test/support/orthanc-harness';
import { repoRoot } from '../../test/support/paths';
import { startTestRedis, type TestRedis } from '../../test/support/redis-harness';
import { maskOutlineOn } from '../../test/support/mask-outline';

const LIMITS = { analyses: 40, concurrency: 16, workers: 4 };

const { values: opt } = parseArgs({
  options: {
    analyses: { type: 'string', default: '8' },
    concurrency: { type: 'string' },
    workers: { type: 'string', default: '0,1,2' },
    orthanc: { type: 'string' },
    redis: { type: 'string' },
    'allow-remote': { type: 'boolean', default: false },
    'pause-orthanc': { type: 'boolean', default: false },
  },
});

function bounded(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}
const analyses = bounded(opt.analyses, 'analyses', 1, LIMITS.analyses);
const concurrency = bounded(opt.concurrency ?? String(Math.min(analyses, 8)), 'concurrency', 1, LIMITS.concurrency);
const rounds = opt.workers.split(',').map((w) => bounded(w, 'workers', 0, LIMITS.workers));

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
for (const [name, url] of [
  ['orthanc', opt.orthanc],
  ['redis', opt.redis],
] as const) {
  if (url && !LOOPBACK.has(new URL(url).hostname) && !opt['allow-remote'])
    throw new Error(
      `--${name} ${url} is not on this machine; this script loads what it points at, so it refuses other hosts unless --allow-remote`,
    );
}
if (opt['pause-orthanc'] && opt.orthanc) throw new Error('--pause-orthanc pauses only the Orthanc this script starts');

const ORTHANC_TIMEOUT_MS = 10_000;
const ANALYSIS_TIMEOUT_MS = 20_000;
const headers = { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' };
const work = mkdtempSync(join(tmpdir(), 'heron-load-'));
// Our own key prefix, so that a site's Redis keeps its queue apart from ours.
const prefix = `heron-load-${randomBytes(4).toString('hex')}`;
let ownOrthanc: TestOrthanc | undefined;
let ownRedis: TestRedis | undefined;
const workers: ChildProcess[] = [];
let server: RunningServer | undefined;

interface Job {
  id: string;
  state: string;
  error?: string;
  result?: { stored: { segSopInstanceUID: string; srSopInstanceUID: string } | null; storage?: { state: string } };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The job once its store has ended too, and when its result was first seen (shown before the store). */
async function finished(server: RunningServer, id: string): Promise<{ job: Job; resultAt: number }> {
  let resultAt: number | undefined;
  for (;;) {
    const job = (await (await fetch(`${server.url}/api/analyses/${id}`, { headers })).json()) as Job;
    if (job.state === 'succeeded') resultAt ??= performance.now();
    if (analysisSettled(job)) return { job, resultAt: resultAt ?? performance.now() };
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * One analysis as a client asks for it: POSTed twice at once with one key (a retry), again after a pause while the
 * study is busy (409: the twin POST may lose the race for the study lock before its key is recorded), then followed
 * to its end. One key must never start two analyses.
 */
async function analyse(
  server: RunningServer,
  body: string,
  key: string,
): Promise<{ job: Job; seconds: number; storedSeconds: number; busy: number }> {
  const t0 = performance.now();
  let busy = 0;
  for (;;) {
    const answers = await Promise.all(
      [0, 1].map(() =>
        fetch(`${server.url}/api/analyses`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': key }, body }),
      ),
    );
    const ids = new Set<string>();
    for (const a of answers) {
      if (a.status === 202 || a.status === 200) ids.add(((await a.json()) as Job).id);
      else if (a.status === 409) busy++;
      else throw new Error(`POST /api/analyses answered ${a.status}: ${await a.text()}`);
    }
    if (ids.size > 1) throw new Error(`one Idempotency-Key started ${ids.size} analyses`);
    if (ids.size === 1) {
      const { job, resultAt } = await finished(server, [...ids][0]!);
      return { job, seconds: (resultAt - t0) / 1000, storedSeconds: (performance.now() - t0) / 1000, busy };
    }
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
  }
}

function startWorker(config: string): Promise<ChildProcess> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HERON_')));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'worker', '--config', config],
      {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    workers.push(child);
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('Heron worker is taking') && resolve(child));
    child.once('exit', (code) => reject(new Error(`heron worker exited (${code})`)));
    setTimeout(() => reject(new Error('heron worker did not start within 60 s')), 60_000).unref();
  });
}

async function stopWorkers(): Promise<void> {
  for (const w of workers.splice(0)) {
    if (w.exitCode !== null || w.signalCode !== null) continue;
    const exited = new Promise((r) => w.once('exit', r));
    w.kill('SIGTERM');
    await exited;
  }
}

try {
  const orthanc: RunningOrthanc | TestOrthanc = opt.orthanc
    ? {
        url: opt.orthanc.replace(/\/$/, ''),
        credentials: {
          user: process.env.HERON_LOAD_ORTHANC_USER ?? '',
          password: process.env.HERON_LOAD_ORTHANC_PASSWORD ?? '',
        },
        pid: 0,
        stop: async () => undefined,
      }
    : (ownOrthanc = await startTestOrthanc());
  const redisUrl = opt.redis ?? (rounds.some((n) => n > 0) ? (ownRedis = await startTestRedis()).url : undefined);
  const pacs = connectDicomweb({
    url: `${orthanc.url}/dicom-web`,
    authorization: orthancAuthHeader(orthanc.credentials),
  });

  // One compact phantom written under a new patient per analysis: each round analyses studies of its own.
  const phantom = generatePhantom({ seed: 4242, her2: 'positive', size: 'compact' });
  const m = phantom.mask;
  const studies: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < rounds.length * analyses; i++) {
    const written = await writePhantomStudy(phantom, join(work, `s${i}`), { patientId: `HERON-LOAD-${prefix}-${i}` });
    studies.push(written.studyInstanceUID);
    await storeFiles(
      orthanc,
      written.files.filter((f) => f.endsWith('.dcm')),
    );
    rmSync(join(work, `s${i}`), { recursive: true, force: true });
  }
  console.log(`${studies.length} compact phantom studies stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  writeFileSync(join(work, 'pw'), orthanc.credentials.password, { mode: 0o600 });
  writeFileSync(join(work, 'readers.yaml'), `${TEST_READER.user}: ${TEST_READER.password}\n`, { mode: 0o600 });
  const config = join(work, 'heron.config.yaml');
  writeFileSync(
    config,
    [
      'orthanc:',
      `  restUrl: ${orthanc.url}`,
      `  username: ${orthanc.credentials.user}`,
      '  passwordFile: pw',
      'readersFile: readers.yaml',
      `modelsDir: ${join(repoRoot, 'models')}`,
      'stateDir: state',
      // The workers' start line ("Heron worker is taking …") is logged at info.
      'logLevel: info',
      ...(redisUrl ? ['queue:', `  redisUrl: ${redisUrl}`, `  prefix: ${prefix}`] : []),
    ].join('\n'),
  );
  const models = await ModelRegistry.open(join(repoRoot, 'models'));
  /** The analysis of a study as the panel asks for it: the phantom's own outline on DCE phase 2. */
  const requestBody = async (server: RunningServer, uid: string) => {
    const roles = (await (await fetch(`${server.url}/api/studies/${uid}/series-roles`, { headers })).json()) as {
      dcePhases: Array<{ phaseIndex: number; seriesInstanceUID: string; sopInstanceUIDs: string[] }>;
    };
    const p2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
    if (!p2) throw new Error(`study ${uid}: no DCE phase 2`);
    return JSON.stringify({
      studyInstanceUID: uid,
      modelId: 'her2-demo',
      outline: maskOutlineOn(p2, m),
    });
  };
  const serve = (queued: boolean) =>
    startServer({
      host: '127.0.0.1',
      port: 0,
      viewerDir: null,
      orthanc: { url: orthanc.url, credentials: orthanc.credentials, timeoutMs: ORTHANC_TIMEOUT_MS },
      readers: { [TEST_READER.user]: TEST_READER.password },
      models,
      log: pino({ level: 'warn' }),
      audit: new AuditLog(join(work, 'audit.jsonl')),
      analysisTimeoutMs: ANALYSIS_TIMEOUT_MS,
      ...(queued && redisUrl ? { queue: { redisUrl, prefix } } : {}),
    });

  for (const [round, n] of rounds.entries()) {
    await stopWorkers();
    await server?.close();
    server = await serve(n > 0);
    for (let w = 0; w < n; w++) await startWorker(config);
    const s = server;
    const bodies = await Promise.all(
      studies
        .slice(round * analyses, (round + 1) * analyses)
        .map(async (uid) => ({ uid, body: await requestBody(s, uid) })),
    );
    // Memory and /healthz sampled while the round runs: the server is this process (the load's clients add a few MiB).
    let running = true;
    const peak = { server: 0, workers: workers.map(() => 0) };
    let worstProbeMs = 0;
    const sampler = (async () => {
      while (running) {
        peak.server = Math.max(peak.server, process.memoryUsage.rss() / 2 ** 20);
        workers.forEach((w, k) => (peak.workers[k] = Math.max(peak.workers[k]!, rssMiB(w.pid!))));
        const t = performance.now();
        await fetch(`${s.url}/healthz`).catch(() => fetch(`${s.url}/healthz`));
        worstProbeMs = Math.max(worstProbeMs, performance.now() - t);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const started = performance.now();
    let next = 0;
    const outcomes: { job: Job; seconds: number; storedSeconds: number; busy: number }[] = [];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const k = next++;
          outcomes.push(await analyse(s, bodies[k]!.body, `${prefix}-${round}-${k}`));
        }
      }),
    );
    const wall = (performance.now() - started) / 1000;
    running = false;
    await sampler;
    const failed = outcomes.filter((o) => o.job.state !== 'succeeded' || o.job.result?.storage?.state === 'failed');
    // Exactly once in the PACS: one SR and one SEG per study.
    let wrong = 0;
    for (const { uid } of bodies) {
      const sr = await pacs.searchForInstances({ studyInstanceUID: uid, queryParams: { Modality: 'SR' } });
      const seg = await pacs.searchForInstances({ studyInstanceUID: uid, queryParams: { Modality: 'SEG' } });
      if (sr.length !== 1 || seg.length !== 1) wrong++;
    }
    const latencies = outcomes.map((o) => o.seconds);
    const storedLatencies = outcomes.map((o) => o.storedSeconds);
    const load = loadavg().map((l) => l.toFixed(2));
    console.log(
      `${n === 0 ? 'embedded (no workers)' : `${n} worker(s)`}: ${analyses} analyses, ${concurrency} in flight, in ${wall.toFixed(1)} s = ` +
        `${((60 * analyses) / wall).toFixed(1)} per minute; POST → result p50 ${pct(latencies, 0.5).toFixed(2)} s, ` +
        `p95 ${pct(latencies, 0.95).toFixed(2)} s; POST → stored p50 ${pct(storedLatencies, 0.5).toFixed(2)} s, ` +
        `p95 ${pct(storedLatencies, 0.95).toFixed(2)} s; ${failed.length} failed${failed.length ? ` (${failed[0]!.job.error})` : ''}`,
    );
    console.log(
      `  peak RSS: server ${peak.server.toFixed(0)} MiB${n ? `, workers ${peak.workers.map((p) => p.toFixed(0)).join(', ')} MiB` : ''}; ` +
        `slowest /healthz ${worstProbeMs.toFixed(0)} ms; 409 answers ${outcomes.reduce((a, o) => a + o.busy, 0)}; load average ${load.join(' ')} (${cpus().length} cores); ` +
        `studies without exactly one SR and one SEG: ${wrong}`,
    );
  }
  await stopWorkers();
  await server?.close();
  server = undefined;

  if (opt['pause-orthanc'] && ownOrthanc) {
    // A paused Orthanc: the job must end with a message within the timeouts, in the embedded mode.
    const paused = await serve(false);
    const body = await requestBody(paused, studies[0]!);
    const res = await fetch(`${paused.url}/api/analyses`, { method: 'POST', headers, body });
    const { id } = (await res.json()) as Job;
    const t = performance.now();
    process.kill(ownOrthanc.pid, 'SIGSTOP');
    let hung: Job;
    try {
      hung = (await finished(paused, id)).job;
    } finally {
      process.kill(ownOrthanc.pid, 'SIGCONT');
    }
    console.log(
      `paused Orthanc (SIGSTOP): the job ended '${hung.state}' after ${((performance.now() - t) / 1000).toFixed(1)} s ` +
        `(Orthanc timeout ${ORTHANC_TIMEOUT_MS / 1000} s, watchdog ${ANALYSIS_TIMEOUT_MS / 1000} s): "${hung.error}"`,
    );
    const again = await fetch(`${paused.url}/api/analyses`, { method: 'POST', headers, body });
    const after = again.status === 202 ? await finished(paused, ((await again.json()) as Job).id) : undefined;
    console.log(
      `  after SIGCONT the study is free: POST answered ${again.status}, that analysis ${after?.job.state ?? 'did not start'}`,
    );
    await paused.close();
  }
} finally {
  await stopWorkers();
  await server?.close().catch(() => undefined);
  await ownRedis?.stop();
  await ownOrthanc?.dispose();
  rmSync(work, { recursive: true, force: true });
}
