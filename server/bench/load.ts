// Load benchmark (issue 12): 20 analyses asked for at once on 3 studies through the HTTP API on loopback, each sent
// twice with its Idempotency-Key (a client retry), then a paused Orthanc (SIGSTOP for longer than the timeouts).
// Counts what the PACS holds afterwards against the analyses that succeeded. Prints figures; asserts nothing.
//   node --import tsx server/bench/load.ts [analyses] [studies]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { encodeMaskRuns } from '@heron/radiomics';
import { orthancAuthHeader } from '../src/orthanc/orthanc-process';
import { storeFiles } from '../src/orthanc/orthanc-store';
import { readerAuthHeader, startTestHeron } from '../../test/support/heron-harness';
import { startTestOrthanc } from '../../test/support/orthanc-harness';
import { analysisSettled } from '../src/contract';

const analyses = Number(process.argv[2] ?? 20);
const studyCount = Number(process.argv[3] ?? 3);
const ORTHANC_TIMEOUT_MS = 10_000;
const ANALYSIS_TIMEOUT_MS = 20_000;
const headers = { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' };

interface Job {
  id: string;
  state: string;
  error?: string;
  result?: { stored: { segSopInstanceUID: string; srSopInstanceUID: string } | null; storage?: { state: string } };
}

const work = mkdtempSync(join(tmpdir(), 'heron-load-'));
const orthanc = await startTestOrthanc();
const heron = await startTestHeron(orthanc, undefined, {
  auditFile: join(work, 'audit.jsonl'),
  orthancTimeoutMs: ORTHANC_TIMEOUT_MS,
  analysisTimeoutMs: ANALYSIS_TIMEOUT_MS,
});
const pacs = connectDicomweb({
  url: `${orthanc.url}/dicom-web`,
  authorization: orthancAuthHeader(orthanc.credentials),
});

async function finished(id: string): Promise<Job> {
  for (;;) {
    const job = (await (await fetch(`${heron.url}/api/analyses/${id}`, { headers })).json()) as Job;
    if (analysisSettled(job)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One client: POST (and its retry with the same key) until the study is free, then follow the job to its end. */
async function client(body: string, key: string): Promise<{ job: Job; busy: number; errors: number; seconds: number }> {
  const t0 = performance.now();
  let busy = 0;
  let errors = 0;
  for (;;) {
    const answers = await Promise.all(
      [0, 1].map(() =>
        fetch(`${heron.url}/api/analyses`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': key }, body }),
      ),
    );
    const started = answers.filter((a) => a.status === 202 || a.status === 200);
    const jobs = new Set(await Promise.all(started.map(async (a) => ((await a.json()) as Job).id)));
    if (jobs.size > 1) throw new Error(`one key, ${jobs.size} analyses`);
    const [id] = jobs;
    if (id) return { job: await finished(id), busy, errors, seconds: (performance.now() - t0) / 1000 };
    busy += answers.filter((a) => a.status === 409).length;
    errors += answers.filter((a) => a.status >= 500).length;
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
  }
}

try {
  const studies: Array<{ uid: string; body: string }> = [];
  for (let i = 0; i < studyCount; i++) {
    const study = generatePhantom({ seed: 900 + i, size: 'compact', dceLayout: 'single-series' });
    const written = await writePhantomStudy(study, join(work, `study-${i}`), { patientId: `LOAD-${i}` });
    await storeFiles(
      orthanc,
      written.files.filter((f) => f.endsWith('.dcm')),
    );
    const roles = (await (
      await fetch(`${heron.url}/api/studies/${written.studyInstanceUID}/series-roles`, { headers })
    ).json()) as { dcePhases: Array<{ phaseIndex: number; seriesInstanceUID: string; sopInstanceUIDs: string[] }> };
    const phase = roles.dcePhases.find((p) => p.phaseIndex === 2);
    if (!phase) throw new Error('no DCE phase 2');
    const m = study.mask;
    const outline = {
      kind: 'mask',
      seriesInstanceUID: phase.seriesInstanceUID,
      sopInstanceUIDs: phase.sopInstanceUIDs,
      size: m.size,
      spacing: m.spacing,
      origin: m.origin,
      direction: m.direction,
      runs: encodeMaskRuns(m.data),
    };
    studies.push({
      uid: written.studyInstanceUID,
      body: JSON.stringify({ studyInstanceUID: written.studyInstanceUID, modelId: 'her2-demo', outline }),
    });
  }

  // Health probes while the load runs: the longest wait for /healthz is how long the server was unresponsive.
  let probing = true;
  let worstProbeMs = 0;
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      // A keep-alive connection the server closes just as it is reused fails once; the probe asks again.
      await fetch(`${heron.url}/healthz`).catch(() => fetch(`${heron.url}/healthz`));
      worstProbeMs = Math.max(worstProbeMs, performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const t0 = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: analyses }, (_, i) => client(studies[i % studyCount].body, `load-${i}`)),
  );
  const wall = (performance.now() - t0) / 1000;
  probing = false;
  await probe;

  const succeeded = outcomes.filter((o) => o.job.state === 'succeeded');
  const expectedSr = new Set(succeeded.map((o) => o.job.result?.stored?.srSopInstanceUID));
  const expectedSeg = new Set(succeeded.map((o) => o.job.result?.stored?.segSopInstanceUID));
  const inPacs = { sr: [] as string[], seg: [] as string[] };
  for (const s of studies) {
    for (const [modality, list] of [
      ['SR', inPacs.sr],
      ['SEG', inPacs.seg],
    ] as const) {
      const found = await pacs.searchForInstances({ studyInstanceUID: s.uid, queryParams: { Modality: modality } });
      for (const ds of found) list.push(String(ds['00080018']?.Value?.[0]));
    }
  }
  const lost =
    [...expectedSr].filter((u) => !inPacs.sr.includes(String(u))).length +
    [...expectedSeg].filter((u) => !inPacs.seg.includes(String(u))).length;
  const extra =
    inPacs.sr.filter((u) => !expectedSr.has(u)).length + inPacs.seg.filter((u) => !expectedSeg.has(u)).length;
  const duplicated = inPacs.sr.length - new Set(inPacs.sr).size + inPacs.seg.length - new Set(inPacs.seg).size;
  const seconds = outcomes.map((o) => o.seconds).sort((a, b) => a - b);
  console.log(
    `${analyses} analyses on ${studyCount} studies, each POSTed twice with its key: ${succeeded.length} succeeded, ${analyses - succeeded.length} failed${analyses - succeeded.length ? ` (${outcomes.find((o) => o.job.state === 'failed')?.job.error})` : ''}`,
  );
  console.log(
    `  wall ${wall.toFixed(1)} s; per analysis from first POST to result: median ${seconds[Math.floor(seconds.length / 2)].toFixed(1)} s, max ${seconds[seconds.length - 1].toFixed(1)} s; 409 (study busy) answers ${outcomes.reduce((a, o) => a + o.busy, 0)}, 5xx answers ${outcomes.reduce((a, o) => a + o.errors, 0)}`,
  );
  console.log(
    `  PACS holds ${inPacs.sr.length} SR and ${inPacs.seg.length} SEG: lost ${lost}, duplicated ${duplicated}, not from a succeeded analysis ${extra}`,
  );
  console.log(`  slowest /healthz answer during the load: ${worstProbeMs.toFixed(0)} ms`);

  // A paused Orthanc: the job must end with a message within the timeouts and free the study.
  const s = studies[0];
  const started = await fetch(`${heron.url}/api/analyses`, { method: 'POST', headers, body: s.body });
  const { id } = (await started.json()) as Job;
  const paused = performance.now();
  process.kill(orthanc.pid, 'SIGSTOP');
  let hung: Job;
  try {
    hung = await finished(id);
  } finally {
    process.kill(orthanc.pid, 'SIGCONT');
  }
  const endedAfter = (performance.now() - paused) / 1000;
  console.log(
    `paused Orthanc (SIGSTOP): the job ended '${hung.state}' after ${endedAfter.toFixed(1)} s (Orthanc timeout ${ORTHANC_TIMEOUT_MS / 1000} s, watchdog ${ANALYSIS_TIMEOUT_MS / 1000} s): "${hung.error}"`,
  );
  const again = await fetch(`${heron.url}/api/analyses`, { method: 'POST', headers, body: s.body });
  const afterResume = again.status === 202 ? await finished(((await again.json()) as Job).id) : undefined;
  console.log(
    `  after SIGCONT the study is free: POST answered ${again.status}, that analysis ${afterResume?.state ?? 'did not start'}`,
  );
} finally {
  await heron.close();
  await orthanc.dispose();
  rmSync(work, { recursive: true, force: true });
}
