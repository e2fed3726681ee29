// Seed 002's stratified HER2 reading as one analysis against a real Orthanc: on a study the first model calls
// HER2-negative, the second step (HER2-low vs HER2-zero) runs and both steps' SRs are stored, valid (dciodvfy,
// dsrdump), each naming its own model, the second saying it was asked on the condition of the first; on a study the
// first model calls HER2-positive, the second step is not run and the result says so. Each SR is signed off on its own,
// and the second step reads nothing more from the PACS than the first did.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { StudyRoles } from '@heron/dicom/roles';
import { analysisRunner, AuditLog, heronDevice, HERON_VERSION, ModelRegistry, type RunningServer } from '@heron/server';
import type { AnalysisJob, AnalysisResult, MaskOutline } from '@heron/server/contract';
import { analysisSettled } from '@heron/server/contract';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { connectDicomweb, type DicomwebClient } from '@heron/dicom/dicomweb';
import { dciodvfyErrors, dsrdump } from '@heron/dicom/testing';
import { DicomMessage } from '@heron/dicom/core';
import { readSr, type ReadClassifier } from '@heron/dicom/sr';
import { runHeron } from '../support/cli';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { repoRoot } from '../support/paths';
import { pdfOf, pdfText } from '../support/report-pdf';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { maskOutlineOn } from '../support/mask-outline';

let orthanc: TestOrthanc;
let heron: RunningServer;
let pacs: DicomwebClient;
const workDir = mkdtempSync(join(tmpdir(), 'heron-stratified-'));
const auditFile = join(workDir, 'audit.jsonl');
const auth = { Authorization: readerAuthHeader() };
const studies: Record<string, { uid: string; outline: MaskOutline; dir: string; maskFile: string }> = {};
/** The server's stratified result of the HER2-negative study, for the command line's to match. */
let serverNegative: AnalysisResult | undefined;

/** A phantom stored in Orthanc, with its ground-truth mask as the outline the viewer would send on DCE phase 2. */
async function storePhantom(name: string, seed: number, her2: 'positive' | 'negative'): Promise<void> {
  const study = generatePhantom({ seed, her2, size: 'compact' });
  const written = await writePhantomStudy(study, join(workDir, name), { patientId: `STRAT-${seed}` });
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const roles = (await (
    await fetch(`${heron.url}/api/studies/${written.studyInstanceUID}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2)!;
  studies[name] = {
    uid: written.studyInstanceUID,
    dir: join(workDir, name),
    maskFile: written.maskFile,
    outline: maskOutlineOn(phase2, study.mask),
  };
}

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  heron = await startTestHeron(orthanc, undefined, { auditFile });
  pacs = connectDicomweb({ url: `${orthanc.url}/dicom-web`, authorization: orthancAuthHeader(orthanc.credentials) });
  await storePhantom('negative', 44, 'negative');
  await storePhantom('positive', 7, 'positive');
}, 180_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

async function post(body: object): Promise<Response> {
  return fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function stratified(name: string): Promise<AnalysisResult> {
  const { uid, outline } = studies[name];
  const res = await post({ studyInstanceUID: uid, modelId: 'her2-demo', flow: 'her2-stratified', outline });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as AnalysisJob;
  for (;;) {
    const job = (await (await fetch(`${heron.url}/api/analyses/${id}`, { headers: auth })).json()) as AnalysisJob;
    if (job.state === 'failed') throw new Error(`the stratified analysis failed: ${job.error}`);
    if (analysisSettled(job)) return job.result!;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A stored instance of the study by its SOP Instance UID, looked for in the series of one modality. */
async function retrieve(study: string, sopInstanceUID: string, modality: string): Promise<ArrayBuffer> {
  const series = await pacs.searchForSeries({ studyInstanceUID: study, queryParams: { Modality: modality } });
  for (const s of series) {
    try {
      return await pacs.retrieveInstance({
        studyInstanceUID: study,
        seriesInstanceUID: s['0020000E'].Value?.[0] as string,
        sopInstanceUID,
      });
    } catch {
      // Not in this series.
    }
  }
  throw new Error(`${sopInstanceUID} is not in the study`);
}

/** The stored SR as a file, checked by dciodvfy and dsrdump; returns dsrdump's text and the classifier read back. */
async function checkedSr(
  study: string,
  sopInstanceUID: string,
  name: string,
): Promise<{ text: string; classifier: ReadClassifier }> {
  const bytes = await retrieve(study, sopInstanceUID, 'SR');
  const file = join(workDir, `${name}.dcm`);
  writeFileSync(file, Buffer.from(bytes));
  expect(dciodvfyErrors(file)).toEqual([]);
  const dump = dsrdump(file);
  expect(dump.problems).toEqual([]);
  return {
    text: dump.text.replace(/\s+/g, ' '),
    classifier: readSr(DicomMessage.readFile(bytes).dict).classifier,
  };
}

it('after a HER2-negative first answer, asks HER2-low vs HER2-zero and stores both SRs, the second conditional', async () => {
  const r = await stratified('negative');
  serverNegative = r;
  console.log(
    `stratified, negative study: P(HER2-positive) ${r.probability}, P(HER2-low) ${r.stratified?.second?.probability}; ` +
      `fetch seconds: step 1 ${r.timings.fetch}, step 2 ${r.stratified?.second?.timings.fetch}`,
  );
  expect(r.model.id).toBe('her2-demo');
  expect(r.predictedClass).toBe('HER2-negative');
  expect(r.stratified?.flow).toBe('her2-stratified');
  expect(r.stratified?.skipped).toBeUndefined();
  const second = r.stratified!.second!;
  expect(second.model.id).toBe('her2-low-demo');
  expect(second.question.id).toBe('her2-low-vs-zero');
  expect(second.probability).toBeGreaterThan(0);
  expect(second.probability).toBeLessThan(1);
  // Two results, each with its own objects.
  expect(second.stored!.srSopInstanceUID).not.toBe(r.stored!.srSopInstanceUID);
  expect(second.stored!.segSopInstanceUID).not.toBe(r.stored!.segSopInstanceUID);

  const first = await checkedSr(studies.negative.uid, r.stored!.srSopInstanceUID, 'first');
  expect(first.classifier.algorithmName).toBe(r.model.name);
  expect(first.classifier.condition).toBeUndefined();
  expect(first.text).not.toContain('Asked on condition');
  const conditional = await checkedSr(studies.negative.uid, second.stored!.srSopInstanceUID, 'second');
  expect([conditional.classifier.algorithmName, conditional.classifier.algorithmVersion]).toEqual([
    second.model.name,
    second.model.version,
  ]);
  expect(conditional.classifier.probability).toBe(second.probability);
  expect(conditional.text).toContain('HER2-low');
  expect(conditional.text).toContain('Asked on condition');
  expect(conditional.classifier.condition).toContain('called the tumour HER2-negative');
  expect(conditional.classifier.condition).toContain(r.stored!.srSopInstanceUID);

  // The second step's report PDF says so before its result too.
  const pdfFile = join(workDir, 'second.pdf');
  writeFileSync(pdfFile, pdfOf(await retrieve(studies.negative.uid, second.stored!.pdfSopInstanceUID!, 'DOC')).pdf);
  expect(pdfText(pdfFile).replace(/\s+/g, ' ')).toContain('Asked only because HER2 demonstration model');

  // The study's results list the second report with its condition, the first without.
  const listed = (
    (await (await fetch(`${heron.url}/api/studies/${studies.negative.uid}/results`, { headers: auth })).json()) as {
      results: { srSopInstanceUID: string; condition?: string }[];
    }
  ).results;
  expect(listed.find((x) => x.srSopInstanceUID === second.stored!.srSopInstanceUID)?.condition).toMatch(/^Asked only/);
  expect(listed.find((x) => x.srSopInstanceUID === r.stored!.srSopInstanceUID)?.condition).toBeUndefined();

  // Each step is signed off as any analysis: the second step's report accepted on its own.
  const accepted = await fetch(`${heron.url}/api/results/${second.stored!.srSopInstanceUID}/accept`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ studyInstanceUID: studies.negative.uid }),
  });
  expect(accepted.status).toBe(201);

  // Both stored SRs are in the audit log under the reader who asked, each with its model.
  const stored = readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.action === 'analysis-stored' && e.study === studies.negative.uid);
  expect(stored.map((e) => [e.model, e.sr])).toEqual([
    ['her2-demo', r.stored!.srSopInstanceUID],
    ['her2-low-demo', second.stored!.srSopInstanceUID],
  ]);
}, 300_000);

it('heron analyze --flow her2-stratified gives the two answers of the server and writes both reports', async () => {
  expect(serverNegative).toBeDefined();
  const out = join(workDir, 'cli-negative');
  const run = await runHeron([
    'analyze',
    '--dicom-dir',
    studies.negative.dir,
    '--mask',
    studies.negative.maskFile,
    '--model',
    'her2-demo',
    '--flow',
    'her2-stratified',
    '--models',
    join(repoRoot, 'models'),
    '--out',
    out,
  ]);
  expect(run.err).not.toMatch(/error/i);
  expect(run.code).toBe(0);
  const first = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as AnalysisResult;
  const second = JSON.parse(readFileSync(join(out, 'step2', 'result.json'), 'utf8')) as AnalysisResult;
  expect(first.probability).toBe(serverNegative!.probability);
  expect(second.model.id).toBe('her2-low-demo');
  expect(second.probability).toBe(serverNegative!.stratified!.second!.probability);
  expect(run.out).toContain('Stratified reading, step 2 (asked only because step 1 answered HER2-negative)');
  expect(dciodvfyErrors(join(out, 'step2', 'sr.dcm'))).toEqual([]);
  expect(dsrdump(join(out, 'step2', 'sr.dcm')).text).toContain('Asked on condition');

  const refused = await runHeron([
    'analyze',
    '--dicom-dir',
    studies.negative.dir,
    '--mask',
    studies.negative.maskFile,
    '--model',
    'her2-low-demo',
    '--flow',
    'her2-stratified',
    '--out',
    join(workDir, 'cli-refused'),
  ]);
  expect(refused.code).toBe(2);
  expect(refused.err).toMatch(/HER2-positive vs negative/);
}, 300_000);

it('after a HER2-positive first answer, does not ask the second question and says why', async () => {
  const r = await stratified('positive');
  console.log(`stratified, positive study: P(HER2-positive) ${r.probability}`);
  expect(r.predictedClass).toBe('HER2-positive');
  expect(r.stratified?.second).toBeNull();
  expect(r.stratified?.skipped).toMatch(/only to HER2-negative tumours/);
  await checkedSr(studies.positive.uid, r.stored!.srSopInstanceUID, 'positive');
}, 300_000);

it('refuses a stratified request that does not start with the HER2-positive vs negative model', async () => {
  const { uid, outline } = studies.negative;
  const res = await post({ studyInstanceUID: uid, modelId: 'pcr-demo', flow: 'her2-stratified', outline });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: string }).error).toMatch(/starts with the HER2-positive vs negative model/);
  const unknown = await post({ studyInstanceUID: uid, modelId: 'her2-demo', flow: 'other', outline });
  expect(unknown.status).toBe(400);
}, 30_000);

it('reads the study from the PACS once: the second step asks the PACS for nothing', async () => {
  let reads = 0;
  const counted = <K extends keyof DicomwebClient>(k: K) =>
    ((o: never) => {
      reads += 1;
      return (pacs[k] as (o: never) => unknown).call(pacs, o);
    }) as DicomwebClient[K];
  const counting: DicomwebClient = {
    searchForSeries: counted('searchForSeries'),
    searchForInstances: counted('searchForInstances'),
    retrieveSeriesMetadata: counted('retrieveSeriesMetadata'),
    retrieveInstanceFrames: counted('retrieveInstanceFrames'),
    retrieveInstance: counted('retrieveInstance'),
    storeInstances: (o) => pacs.storeInstances(o),
  };
  const run = analysisRunner({
    pacs: counting,
    models: await ModelRegistry.open(join(repoRoot, 'models')),
    audit: new AuditLog(join(workDir, 'runner-audit.jsonl')),
    pipeline: { device: heronDevice(), version: HERON_VERSION },
  });
  const at: Record<string, number> = {};
  const { uid, outline } = studies.negative;
  const r = await run(
    {
      request: { studyInstanceUID: uid, modelId: 'her2-demo', flow: 'her2-stratified', outline },
      who: { user: 'dr-test', address: undefined, study: uid, model: 'her2-demo' },
    },
    (stage, message) => void (at[`${message.slice(0, 6)} ${stage}`] ??= reads),
    'reads-once',
  );
  console.log(`PACS reads: before step 2 ${at['Step 2 fetch']}, after it ${at['Step 2 store']}`);
  expect(r.stratified?.second).not.toBeNull();
  expect(at['Step 1 fetch']).toBe(0);
  expect(at['Step 2 fetch']).toBeGreaterThan(0);
  expect(at['Step 2 store']).toBe(at['Step 2 fetch']);
}, 300_000);
