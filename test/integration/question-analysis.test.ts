// Every question's demonstration package through the analysis API against a real Orthanc: GET /api/models offers
// them all (HER2-positive vs negative first, each with its population), and an analysis with each of the new
// questions succeeds and stores an SR that names its question and passes dciodvfy and dsrdump.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import type { RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { dciodvfyErrors, dsrdump } from '@heron/dicom/testing';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { analysisSettled } from '@heron/server/contract';
import { maskOutlineOn } from '../support/mask-outline';

interface Job {
  id: string;
  state: string;
  error?: string;
  result?: { probability: number; stored: { srSopInstanceUID: string } | null };
}

let orthanc: TestOrthanc;
let heron: RunningServer;
let studyUid: string;
let mask: Volume;
let roles: StudyRoles;
const workDir = mkdtempSync(join(tmpdir(), 'heron-questions-'));
const auth = { Authorization: readerAuthHeader() };

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: 41, her2: 'negative', size: 'compact' });
  mask = study.mask;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'Q-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  heron = await startTestHeron(orthanc);
  roles = (await (
    await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
}, 120_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

async function analyse(modelId: string): Promise<Job> {
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2)!;
  const res = await fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      studyInstanceUID: studyUid,
      modelId,
      outline: maskOutlineOn(phase2, mask),
    }),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as Job;
  for (;;) {
    const job = (await (await fetch(`${heron.url}/api/analyses/${id}`, { headers: auth })).json()) as Job;
    if (analysisSettled(job)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('offers every installed package, HER2-positive vs negative first and survival last, each with its question and population', async () => {
  const { models } = (await (await fetch(`${heron.url}/api/models`, { headers: auth })).json()) as {
    models: { id: string; question: string; population: string; syntheticTraining: boolean }[];
  };
  expect(models[0].id).toBe('her2-demo');
  expect(models.map((m) => m.question)).toEqual([
    'her2-positive-vs-negative',
    'her2-low-vs-zero',
    'fish-status-ihc2plus',
    'pcr-after-neoadjuvant',
    'disease-free-survival',
  ]);
  expect(models.find((m) => m.id === 'her2-low-demo')?.population).toBe('among HER2-negative tumours');
  expect(models.every((m) => m.syntheticTraining)).toBe(true);
}, 30_000);

it.each([
  ['her2-low-demo', 'HER2-low'],
  ['fish-ihc2-demo', 'FISH'],
  ['pcr-demo', 'pathological complete response'],
])(
  'analyses with %s and stores an SR that names its question',
  async (modelId, concept) => {
    const job = await analyse(modelId);
    expect(job.error).toBeUndefined();
    expect(job.state).toBe('succeeded');
    expect(job.result!.probability).toBeGreaterThan(0);
    expect(job.result!.probability).toBeLessThan(1);
    const pacs = connectDicomweb({
      url: `${orthanc.url}/dicom-web`,
      authorization: orthancAuthHeader(orthanc.credentials),
    });
    const srSeries = await pacs.searchForSeries({ studyInstanceUID: studyUid, queryParams: { Modality: 'SR' } });
    const sopInstanceUID = job.result!.stored!.srSopInstanceUID;
    let bytes: ArrayBuffer | undefined;
    for (const s of srSeries) {
      try {
        bytes = (await pacs.retrieveInstance({
          studyInstanceUID: studyUid,
          seriesInstanceUID: s['0020000E'].Value?.[0] as string,
          sopInstanceUID,
        })) as ArrayBuffer;
        break;
      } catch {
        // Not in this series.
      }
    }
    const file = join(workDir, `${modelId}.dcm`);
    writeFileSync(file, Buffer.from(bytes!));
    expect(dciodvfyErrors(file)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain(concept);
  },
  180_000,
);
