// On a phantom's ground-truth outline, the probability from the offline CLI (`heron analyze` on the folder), from
// the server (Orthanc + POST /api/analyses) and from the model package called directly on the phantom's in-memory
// volumes are identical. The model is a small package trained here on features of a few phantom cases, so the test
// does not depend on the demo model being built. The same holds for a package of another question, the HER2-low vs
// HER2-zero demonstration package (models/her2-low-demo), installed beside it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildPackage,
  caseFeatures,
  createPredictor,
  explainCase,
  type ExtractionSettings,
  type LabelledSet,
  trainModel,
} from '@heron/models';
import { readModelPackage, writeModelPackage } from '@heron/models/node';
import { encodeNrrd, generatePhantom, type PhantomStudy, writePhantomStudy, type WrittenStudy } from '@heron/phantom';
import { encodeMaskRuns, type Volume } from '@heron/radiomics';
import { readVolumeFile } from '@heron/radiomics/node';
import * as ort from 'onnxruntime-web';
import type { AnalysisResult, MaskOutline } from '@heron/server/contract';
import { analysisSettled } from '@heron/server/contract';
import { main } from '@heron/server/cli';
import { dciodvfyErrors } from '@heron/dicom/testing';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { classifyStudy } from '@heron/dicom/roles';
import type { RunningServer } from '@heron/server';
import { storeFiles } from '@heron/server/testing';
import { pdfText } from '../support/report-pdf';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { repoRoot } from '../support/paths';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

const MODEL_ID = 'offline-test';
/** A demonstration package of a new question (seed 002's second step), as `npm run build:demo-questions` writes it. */
const LOW_ID = 'her2-low-demo';
const firstorder = {
  setting: { binCount: 32, label: 1 },
  imageType: { Original: {} },
  featureClass: { firstorder: [] },
};
// Every kind of source a manifest can name (a DCE phase, T2, a DWI b-value, ADC) and a shell, with first-order
// features only: the pipeline's every path, at a fraction of the demo model's extraction time.
const SETTINGS: ExtractionSettings = {
  sequences: {
    DCE2: {
      description: 'DCE post-contrast phase 2',
      source: { role: 'dce', phase: 2 },
      regions: ['intra', 'peri3mm'],
      params: firstorder,
    },
    T2: { description: 'T2', source: { role: 't2' }, regions: ['intra'], params: firstorder },
    DWI: { description: 'DWI b = 800', source: { role: 'dwi', bValue: 800 }, regions: ['intra'], params: firstorder },
    ADC: { description: 'ADC', source: { role: 'adc' }, regions: ['intra'], params: firstorder },
  },
  regions: [
    { name: 'intra', kind: 'tumour' },
    { name: 'peri3mm', kind: 'shell', mm: 3 },
  ],
};

/** The images a manifest's sequences read, taken from the phantom in memory. */
function phantomImages(
  study: PhantomStudy,
  settings: ExtractionSettings,
  at: (v: Volume) => Volume = (v) => v,
): Record<string, Volume> {
  return Object.fromEntries(
    Object.entries(settings.sequences).map(([name, { source }]) => {
      switch (source.role) {
        case 'dce':
          return [name, at(study.dce.phases[source.phase])];
        case 't2':
          return [name, at(study.t2)];
        case 'dwi':
          return [name, at(study.dwi.images[study.dwi.bValues.indexOf(source.bValue)])];
        case 'adc':
          return [name, at(study.adc)];
      }
    }),
  );
}

/**
 * Training needs 20 cases per class; four phantom cases (two of each status) each give 12 cases with their
 * features scaled by up to ±3 % (a fixed linear congruential sequence). Every seventh case has the other label:
 * perfectly separated classes leave the calibration fit singular.
 */
async function buildTestModel(dir: string): Promise<void> {
  const real = [101, 102, 103, 104].map((seed, k) => {
    const her2 = k % 2 === 0 ? 'positive' : 'negative';
    const study = generatePhantom({ seed, her2, crop: { marginMm: 10 } });
    return {
      y: her2 === 'positive' ? 1 : 0,
      features: caseFeatures(phantomImages(study, SETTINGS), study.mask, SETTINGS),
    };
  });
  let state = 12345;
  const jitter = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 1 + 0.06 * (state / 2 ** 31 - 0.5);
  };
  const cases = Array.from({ length: 48 }, (_, i) => real[i % real.length]);
  const names = [...real[0].features.keys()];
  const set: LabelledSet = {
    ids: cases.map((_, i) => `case-${i}`),
    features: new Map(names.map((n) => [n, Float64Array.from(cases, (c) => (c.features.get(n) as number) * jitter())])),
    clinical: new Map(),
    y: cases.map((c, i) => (i % 7 === 0 ? 1 - c.y : c.y)),
  };
  const model = trainModel(set, [], { algo: 'lasso-lr', folds: 4, seed: 1, clinical: [] });
  const files = await buildPackage(model, {
    id: MODEL_ID,
    name: 'Offline-analysis test model',
    version: '0.0.1',
    created: '2026-01-01',
    question: 'her2-positive-vs-negative',
    description: 'HER2-positive vs HER2-negative.',
    classes: ['HER2-negative', 'HER2-positive'],
    ...SETTINGS,
    intendedUse: 'Tests of the analysis pipeline only.',
    limitations: ['Trained on four synthetic cases.'],
    trainingData: { description: 'Four phantom cases, jittered', synthetic: true },
  });
  await writeModelPackage(join(dir, MODEL_ID), files);
}

/**
 * A phantom volume placed where its DICOM files say: the writer rounds ImagePositionPatient to 4 decimals (DS), so
 * an origin of -134.74999999999997 mm is -134.75 in the files. The 3e-14 mm matter: the ground-truth outline
 * mapped onto T2 has sub-samples exactly on DCE voxel boundaries, where mapMask's rounding flips.
 */
const asWritten = (v: Volume): Volume => ({
  ...v,
  origin: v.origin.map((o) => Number(o.toFixed(4)) + 0) as Volume['origin'],
});

const workDir = mkdtempSync(join(tmpdir(), 'heron-analyze-identical-'));
const modelsDir = join(workDir, 'models');
let study: PhantomStudy;
let written: WrittenStudy;
let orthanc: TestOrthanc | undefined;
let heron: RunningServer | undefined;
const seconds: Record<string, number> = {};

async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await f();
  seconds[name] = Math.round((performance.now() - t) / 100) / 10;
  return out;
}

/** The ground-truth mask as the viewer sends an outline: run lengths on the images of DCE phase 2. */
async function maskOutline(): Promise<MaskOutline> {
  const mask = await readVolumeFile(written.maskFile);
  const folder = await FolderDicomweb.open(join(workDir, 'study'));
  const series = await Promise.all(
    written.series.map(async (s) => ({
      seriesInstanceUID: s.seriesInstanceUID,
      instances: await folder.retrieveSeriesMetadata({
        studyInstanceUID: written.studyInstanceUID,
        seriesInstanceUID: s.seriesInstanceUID,
      }),
    })),
  );
  const phase = classifyStudy(series).dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase) throw new Error('the phantom study has no DCE phase 2');
  return {
    kind: 'mask',
    seriesInstanceUID: phase.seriesInstanceUID,
    sopInstanceUIDs: phase.sopInstanceUIDs,
    size: [...mask.size],
    spacing: [...mask.spacing],
    origin: [...mask.origin],
    direction: [...mask.direction],
    runs: encodeMaskRuns(mask.data),
  };
}

async function cli(outName: string, args: string[], modelId = MODEL_ID): Promise<AnalysisResult> {
  const out = join(workDir, outName);
  const code = await main([
    'analyze',
    '--dicom-dir',
    join(workDir, 'study'),
    '--model',
    modelId,
    '--models',
    modelsDir,
    '--out',
    out,
    ...args,
  ]);
  expect(code).toBe(0);
  return JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as AnalysisResult;
}

/** Orthanc with the phantom study and Heron in front of it with the test's models, started once. */
async function ensureServer(): Promise<RunningServer> {
  if (heron) return heron;
  orthanc = await startTestOrthanc();
  heron = await startTestHeron(orthanc, modelsDir);
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  return heron;
}

/** The server's answer: POST /api/analyses with the ground-truth outline, polled until it ends. */
async function serverAnalysis(modelId: string): Promise<AnalysisResult> {
  const server = await ensureServer();
  const auth = { Authorization: readerAuthHeader() };
  const body = { studyInstanceUID: written.studyInstanceUID, modelId, outline: await maskOutline() };
  const started = await fetch(`${server.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${server.url}/api/analyses/${id}`, { headers: auth })).json()) as {
      state: string;
      result?: AnalysisResult;
      error?: string;
    };
    if (job.state === 'failed') throw new Error(`the server's analysis failed: ${job.error}`);
    if (job.state === 'succeeded' && analysisSettled(job)) return job.result as AnalysisResult;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The package called directly (onnxruntime in Node) on the phantom's in-memory volumes, placed as written. */
async function directAnalysis(modelId: string) {
  const pkg = await readModelPackage(join(modelsDir, modelId));
  const features = caseFeatures(phantomImages(study, pkg.manifest, asWritten), asWritten(study.mask), pkg.manifest);
  const x = pkg.manifest.inputs.map((i) => features.get(i.name) as number);
  const predictor = await createPredictor(ort, pkg.onnx, x.length);
  return { x, explained: await explainCase(pkg, predictor, x) };
}

beforeAll(async () => {
  await timed('train test model', () => buildTestModel(modelsDir));
  cpSync(join(repoRoot, 'models', LOW_ID), join(modelsDir, LOW_ID), { recursive: true });
  study = generatePhantom({ seed: 11, size: 'compact' });
  written = await writePhantomStudy(study, join(workDir, 'study'));
}, 120_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
  console.log(`analyze-identical, seconds: ${JSON.stringify(seconds)}`);
}, 30_000);

describe('one probability for one study and outline', () => {
  it('is the same from the offline CLI, the server and the model package called directly', async () => {
    const offline = await timed('cli', () => cli('out-mask', ['--mask', written.maskFile]));
    const outDir = join(workDir, 'out-mask');
    for (const file of ['seg.dcm', 'sr.dcm', 'report.dcm']) expect(dciodvfyErrors(join(outDir, file))).toEqual([]);
    expect(offline.stored).not.toBeNull();
    // The offline report is the PDF inside report.dcm, and says what the analysis computed.
    const reportText = pdfText(join(outDir, 'report.pdf')).replace(/\s+/g, ' ');
    expect(reportText).toContain(`${(offline.probability * 100).toFixed(1)}%`);
    expect(reportText).toContain('Reader decision: awaiting review.');

    await ensureServer();
    const server = await timed('server', () => serverAnalysis(MODEL_ID));
    const direct = await timed('direct', () => directAnalysis(MODEL_ID));

    console.log(
      `P(HER2-positive): CLI ${offline.probability}, server ${server.probability}, direct ${direct.explained.probability}`,
    );
    expect(offline.probability).toBe(direct.explained.probability);
    expect(server.probability).toBe(direct.explained.probability);
    expect(offline.explanation.contributions.map((c) => c.value)).toEqual(direct.x);
    expect(server.explanation.contributions).toEqual(offline.explanation.contributions);
  }, 180_000);

  it('is the same for a package of another question (HER2-low vs HER2-zero demonstration package)', async () => {
    const offline = await timed('cli her2-low', () => cli('out-low', ['--mask', written.maskFile], LOW_ID));
    for (const file of ['seg.dcm', 'sr.dcm', 'report.dcm'])
      expect(dciodvfyErrors(join(workDir, 'out-low', file))).toEqual([]);
    const server = await timed('server her2-low', () => serverAnalysis(LOW_ID));
    const direct = await timed('direct her2-low', () => directAnalysis(LOW_ID));
    console.log(
      `P(HER2-low): CLI ${offline.probability}, server ${server.probability}, direct ${direct.explained.probability}`,
    );
    expect([offline.question.id, server.question.id]).toEqual(['her2-low-vs-zero', 'her2-low-vs-zero']);
    expect([offline.model.id, server.model.id]).toEqual([LOW_ID, LOW_ID]);
    expect(offline.probability).toBe(direct.explained.probability);
    expect(server.probability).toBe(direct.explained.probability);
    expect(offline.explanation.contributions.map((c) => c.value)).toEqual(direct.x);
    expect(server.explanation.contributions).toEqual(offline.explanation.contributions);
  }, 300_000);

  it('gives the same probability again from the SEG the CLI wrote (--seg)', async () => {
    const first = JSON.parse(readFileSync(join(workDir, 'out-mask', 'result.json'), 'utf8')) as AnalysisResult;
    const again = await timed('cli --seg', () => cli('out-seg', ['--seg', join(workDir, 'out-mask', 'seg.dcm')]));
    expect(again.probability).toBe(first.probability);
  }, 60_000);

  it('answers bad arguments with usage (exit 2) and a mask on no series grid with a message (exit 1)', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      expect(await main(['analyze', '--dicom-dir', join(workDir, 'study'), '--model', MODEL_ID])).toBe(2);
      expect(
        await main([
          'analyze',
          '--dicom-dir',
          join(workDir, 'study'),
          '--model',
          MODEL_ID,
          '--out',
          workDir,
          '--mask',
          'a.nrrd',
          '--seg',
          'b.dcm',
        ]),
      ).toBe(2);
      const shifted = join(workDir, 'shifted.nrrd');
      writeFileSync(
        shifted,
        encodeNrrd({ ...study.mask, origin: [study.mask.origin[0] + 5, study.mask.origin[1], study.mask.origin[2]] }),
      );
      expect(
        await main([
          'analyze',
          '--dicom-dir',
          join(workDir, 'study'),
          '--model',
          MODEL_ID,
          '--models',
          modelsDir,
          '--out',
          join(workDir, 'out-shifted'),
          '--mask',
          shifted,
        ]),
      ).toBe(1);
    } finally {
      console.error = original;
    }
    expect(errors[0]).toMatch(/--out DIR is required\nusage: heron analyze/);
    expect(errors[1]).toMatch(/either --mask F.nrrd or --seg F.dcm/);
    expect(errors.at(-1)).toMatch(/No series has the mask's grid \(128x128x40 voxels/);
  }, 60_000);
});
