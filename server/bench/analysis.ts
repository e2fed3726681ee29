// Benchmark: one analysis with the demo model on a phantom study, through the HTTP API as the panel runs it —
// POST /api/analyses, follow it to the end — with the server's breakdown per stage: click → result (the panel shows it)
// and click → stored (SEG, SR and PDF in the PACS; sign-off possible), each with median and p95 over the runs.
// Prints figures; asserts nothing.
//   node --import tsx server/bench/analysis.ts [standard|compact] [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { storeFiles } from '../src/orthanc/orthanc-store';
import { analysisSettled } from '../src/contract';
import { readerAuthHeader, startTestHeron } from '../../test/support/heron-harness';
import { startTestOrthanc } from '../../test/support/orthanc-harness';
import { maskOutlineOn } from '../../test/support/mask-outline';

const size = (process.argv[2] ?? 'standard') as 'standard' | 'compact';
const runs = Number(process.argv[3] ?? 3);
const work = mkdtempSync(join(tmpdir(), 'heron-bench-'));
const orthanc = await startTestOrthanc();
const heron = await startTestHeron(orthanc);
try {
  const study = generatePhantom({ seed: 4242, her2: 'positive', size });
  const written = await writePhantomStudy(study, join(work, 'study'), { patientId: 'BENCH-001' });
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const post2 = written.series.find((s) => s.role === 'dce' && /post2$/.test(s.description ?? ''));
  if (!post2) throw new Error('no second post-contrast series');
  const sops = post2.files.length;
  const roles = (await (
    await fetch(`${heron.url}/api/studies/${written.studyInstanceUID}/series-roles`, {
      headers: { Authorization: readerAuthHeader() },
    })
  ).json()) as { dcePhases: Array<{ phaseIndex: number; sopInstanceUIDs: string[] }> };
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2 || phase2.sopInstanceUIDs.length !== sops) throw new Error('phase 2 not found in the roles');
  const m = study.mask;
  const body = {
    studyInstanceUID: written.studyInstanceUID,
    modelId: 'her2-demo',
    outline: maskOutlineOn({ seriesInstanceUID: post2.seriesInstanceUID, sopInstanceUIDs: phase2.sopInstanceUIDs }, m),
  };
  console.log(
    `phantom ${size}: DCE ${m.size.join('x')} voxels, ${written.files.length} files; tumour ${Array.from(m.data).filter(Boolean).length} voxels`,
  );
  const toResult: number[] = [];
  const toStored: number[] = [];
  for (let r = 0; r < runs; r++) {
    const clicked = Date.now();
    const started = await fetch(`${heron.url}/api/analyses`, {
      method: 'POST',
      headers: { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const job = (await started.json()) as { id: string };
    type Polled = {
      state: string;
      error?: string;
      result?: { probability: number; timings: Record<string, number>; storage?: { state: string; message?: string } };
    };
    // Timed by the progress events' own timestamps (`at`, written as the server sends them): this client runs in the
    // server's process, so its reads wait behind the CPU work of building the stored objects, which a browser's don't.
    const stream = await fetch(`${heron.url}/api/analyses/${job.id}/events`, {
      headers: { Authorization: readerAuthHeader() },
    });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let result: number | undefined;
    let stored = Number.NaN;
    let text = '';
    for (let ended = false; !ended;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      const parts = text.split('\n\n');
      text = parts.pop() ?? '';
      for (const p of parts) {
        const e = JSON.parse(p.replace(/^data: /, '')) as { state: string; storage?: string; at: string };
        const at = (Date.parse(e.at) - clicked) / 1000;
        if (result === undefined && e.state === 'succeeded') result = at;
        if (analysisSettled({ state: e.state, result: { storage: { state: e.storage } } })) {
          stored = at;
          ended = true;
        }
      }
    }
    const final = (await (
      await fetch(`${heron.url}/api/analyses/${job.id}`, { headers: { Authorization: readerAuthHeader() } })
    ).json()) as Polled;
    if (final.state !== 'succeeded' || !final.result || result === undefined)
      throw new Error(`analysis failed: ${final.error}`);
    if (final.result.storage?.state === 'failed') throw new Error(`store failed: ${final.result.storage.message}`);
    toResult.push(result);
    toStored.push(stored);
    const stages = Object.entries(final.result.timings)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ');
    console.log(
      `run ${r + 1}: ${result.toFixed(2)} s from POST to result, ${stored.toFixed(2)} s to stored (P = ${final.result.probability.toFixed(4)}); stages (s): ${stages}`,
    );
  }
  const quantile = (xs: number[], q: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  };
  for (const [what, xs] of [
    ['click → result', toResult],
    ['click → stored', toStored],
  ] as const) {
    console.log(
      `${what}: median ${quantile(xs, 0.5).toFixed(2)} s, p95 ${quantile(xs, 0.95).toFixed(2)} s over ${xs.length} runs`,
    );
  }
} finally {
  await heron.close();
  await orthanc.dispose();
  rmSync(work, { recursive: true, force: true });
}
