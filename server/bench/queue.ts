// Benchmark: analyses per minute through the Redis queue with 1 and then 2 `heron worker` processes, on compact
// phantom studies submitted all at once to one Heron server. Prints throughput, p50/p95 of POST → result, and each
// worker's peak resident memory (VmHWM). Loopback only; prints figures, asserts nothing.
//   node --import tsx server/bench/queue.ts [studies]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { encodeMaskRuns } from '@heron/radiomics';
import { AuditLog, ModelRegistry, startServer } from '../src/index';
import { storeFiles } from '../src/orthanc/orthanc-store';
import { readerAuthHeader, TEST_READER } from '../../test/support/heron-harness';
import { startTestOrthanc } from '../../test/support/orthanc-harness';
import { repoRoot } from '../../test/support/paths';
import { startTestRedis } from '../../test/support/redis-harness';
import { analysisSettled } from '../src/contract';

const count = Math.min(Math.max(Number(process.argv[2] ?? 8), 1), 40);
const auth = { Authorization: readerAuthHeader() };
const work = mkdtempSync(join(tmpdir(), 'heron-bench-queue-'));
const orthanc = await startTestOrthanc();
const redis = await startTestRedis();
const workers: ChildProcess[] = [];

function peakMiB(pid: number | undefined): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

try {
  const study = generatePhantom({ seed: 4242, her2: 'positive', size: 'compact' });
  const m = study.mask;
  // Two rounds (1 and 2 workers) on their own studies: a study holds one report per analysis either way.
  const uids: string[] = [];
  for (let i = 0; i < 2 * count; i++) {
    const written = await writePhantomStudy(study, join(work, `s${i}`), { patientId: `BENCHQ-${i}` });
    uids.push(written.studyInstanceUID);
    await storeFiles(
      orthanc,
      written.files.filter((f) => f.endsWith('.dcm')),
    );
  }
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
      'logLevel: warn',
      'queue:',
      `  redisUrl: ${redis.url}`,
    ].join('\n'),
  );
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    viewerDir: null,
    orthanc: { url: orthanc.url, credentials: orthanc.credentials },
    readers: { [TEST_READER.user]: TEST_READER.password },
    models: await ModelRegistry.open(join(repoRoot, 'models')),
    log: pino({ level: 'warn' }),
    audit: new AuditLog(join(work, 'audit.jsonl')),
    queue: { redisUrl: redis.url },
  });
  const body = async (uid: string) => {
    const roles = (await (await fetch(`${server.url}/api/studies/${uid}/series-roles`, { headers: auth })).json()) as {
      dcePhases: Array<{ phaseIndex: number; seriesInstanceUID: string; sopInstanceUIDs: string[] }>;
    };
    const p2 = roles.dcePhases.find((p) => p.phaseIndex === 2)!;
    return JSON.stringify({
      studyInstanceUID: uid,
      modelId: 'her2-demo',
      outline: {
        kind: 'mask',
        seriesInstanceUID: p2.seriesInstanceUID,
        sopInstanceUIDs: p2.sopInstanceUIDs,
        size: m.size,
        spacing: m.spacing,
        origin: m.origin,
        direction: m.direction,
        runs: encodeMaskRuns(m.data),
      },
    });
  };
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HERON_')));
  const startWorker = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'worker', '--config', config],
        {
          env: { ...env, HERON_LOG_LEVEL: 'info' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      workers.push(child);
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('taking analyses') && resolve(child));
      child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
    });
  for (const [round, n] of [1, 2].entries()) {
    while (workers.length < n) await startWorker();
    const bodies = await Promise.all(uids.slice(round * count, (round + 1) * count).map(body));
    const t0 = performance.now();
    const latencies = await Promise.all(
      bodies.map(async (b) => {
        const s = performance.now();
        const job = (await (
          await fetch(`${server.url}/api/analyses`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: b,
          })
        ).json()) as { id: string };
        // Latency to the result (as the reader sees it); the analysis counts as done once its store has ended too.
        let result: number | undefined;
        for (;;) {
          const j = (await (await fetch(`${server.url}/api/analyses/${job.id}`, { headers: auth })).json()) as {
            state: string;
            error?: string;
            result?: unknown;
          };
          if (j.state === 'failed') throw new Error(j.error);
          if (j.state === 'succeeded') result ??= (performance.now() - s) / 1000;
          if (result !== undefined && analysisSettled(j)) return result;
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    console.log(
      `${n} worker(s): ${count} analyses in ${wall.toFixed(1)} s = ${((60 * count) / wall).toFixed(1)} per minute; ` +
        `POST → result p50 ${pct(latencies, 0.5).toFixed(2)} s, p95 ${pct(latencies, 0.95).toFixed(2)} s; ` +
        `peak RSS per worker ${workers.map((w) => peakMiB(w.pid).toFixed(0)).join(', ')} MiB`,
    );
  }
  await server.close();
} finally {
  for (const w of workers) {
    if (w.exitCode === null) {
      const exited = new Promise((r) => w.once('exit', r));
      w.kill('SIGTERM');
      await exited;
    }
  }
  await redis.stop();
  await orthanc.dispose();
  rmSync(work, { recursive: true, force: true });
}
