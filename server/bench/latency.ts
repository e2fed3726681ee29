// Benchmark: click → result and click → stored for one analysis of a phantom study through the HTTP API, cold (a server
// that has read nothing of the study: each cold run on a fresh server) and warm (after POST /prefetch has ended), with
// the median and p95 over the runs and the server's time per stage. Prints figures; asserts nothing.
// "click → result" ends when the analysis' event stream (what the panel follows) brings its result, published before
// the store; "click → stored" when it says stored. Both include the request's pre-check. The click is made from a
// worker thread (click-client.mjs), as a browser is another process.
//   node --import tsx server/bench/latency.ts [standard|compact] [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { RunningServer } from '@heron/server';
import { storeFiles } from '../src/orthanc/orthanc-store';
import { readerAuthHeader, startTestHeron } from '../../test/support/heron-harness';
import { startTestOrthanc } from '../../test/support/orthanc-harness';
import { maskOutlineOn } from '../../test/support/mask-outline';

const size = (process.argv[2] ?? 'standard') as 'standard' | 'compact';
const runs = Number(process.argv[3] ?? 5);
const headers = { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' };
const work = mkdtempSync(join(tmpdir(), 'heron-latency-'));
const orthanc = await startTestOrthanc();

interface Run {
  stored: number;
  result: number;
  stages: Record<string, number>;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

async function analyse(heron: RunningServer, body: unknown): Promise<Run> {
  const worker = new Worker(new URL('./click-client.mjs', import.meta.url), {
    workerData: { url: heron.url, headers, body },
  });
  const click = await new Promise<{ id: string; result: number; stored: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const final = (await (await fetch(`${heron.url}/api/analyses/${click.id}`, { headers })).json()) as {
    result?: { timings: Record<string, number> };
  };
  if (!final.result) throw new Error('no result');
  return { stored: click.stored, result: click.result, stages: final.result.timings };
}

/** Starts a prefetch and waits for its end (a second request is answered 'already-running' until then). */
async function prefetch(heron: RunningServer, study: string): Promise<number> {
  const t0 = performance.now();
  const ask = async () =>
    (await (
      await fetch(`${heron.url}/api/studies/${study}/prefetch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ modelId: 'her2-demo' }),
      })
    ).json()) as { reason: string };
  const first = await ask();
  if (first.reason !== 'started') throw new Error(`prefetch not started: ${first.reason}`);
  // Poll until it has ended: then it is reported as done recently.
  while ((await ask()).reason === 'already-running') await new Promise((res) => setTimeout(res, 20));
  return (performance.now() - t0) / 1000;
}

function report(name: string, rows: Run[]) {
  const fmt = (xs: number[]) => `median ${quantile(xs, 0.5).toFixed(2)} s, p95 ${quantile(xs, 0.95).toFixed(2)} s`;
  console.log(`${name} (${rows.length} runs):`);
  console.log(`  click → result: ${fmt(rows.map((r) => r.result))}`);
  console.log(`  click → stored: ${fmt(rows.map((r) => r.stored))}`);
  const stages = Object.keys(rows[0].stages);
  console.log(
    `  stages, median (s): ${stages
      .map(
        (s) =>
          `${s} ${quantile(
            rows.map((r) => r.stages[s]),
            0.5,
          ).toFixed(2)}`,
      )
      .join(', ')}`,
  );
}

try {
  const study = generatePhantom({ seed: 4242, her2: 'positive', size });
  const written = await writePhantomStudy(study, join(work, 'study'), { patientId: 'LATENCY-001' });
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const post2 = written.series.find((s) => s.role === 'dce' && /post2$/.test(s.description ?? ''));
  if (!post2) throw new Error('no second post-contrast series');
  const m = study.mask;
  const rolesServer = await startTestHeron(orthanc);
  const roles = (await (
    await fetch(`${rolesServer.url}/api/studies/${written.studyInstanceUID}/series-roles`, { headers })
  ).json()) as { dcePhases: Array<{ phaseIndex: number; sopInstanceUIDs: string[] }> };
  await rolesServer.close();
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('phase 2 not found in the roles');
  const body = {
    studyInstanceUID: written.studyInstanceUID,
    modelId: 'her2-demo',
    outline: maskOutlineOn({ seriesInstanceUID: post2.seriesInstanceUID, sopInstanceUIDs: phase2.sopInstanceUIDs }, m),
  };
  console.log(
    `phantom ${size}: DCE ${m.size.join('x')} voxels, ${written.files.length} files; tumour ${Array.from(m.data).filter(Boolean).length} voxels; load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const cold: Run[] = [];
  for (let r = 0; r < runs; r++) {
    // A fresh server: nothing of the study in its cache, as when a reader opens the study and presses Analyze at once.
    const heron = await startTestHeron(orthanc);
    try {
      cold.push(await analyse(heron, body));
    } finally {
      await heron.close();
    }
  }
  const warm: Run[] = [];
  const prefetchS: number[] = [];
  for (let r = 0; r < runs; r++) {
    const heron = await startTestHeron(orthanc);
    try {
      prefetchS.push(await prefetch(heron, written.studyInstanceUID));
      warm.push(await analyse(heron, body));
    } finally {
      await heron.close();
    }
  }
  report('cold (nothing cached)', cold);
  report('warm (after the prefetch)', warm);
  console.log(`  prefetch until ended: median ${quantile(prefetchS, 0.5).toFixed(2)} s`);
  console.log(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await orthanc.dispose();
  rmSync(work, { recursive: true, force: true });
}
