// Disease-free survival as a question a reader can ask: the demonstration survival package (dfs-demo) analyses a
// phantom study and gives the same risk score, risk group and S(t) from the server (real Orthanc), from
// `heron analyze` on the study's files and from the package called directly on the phantom's in-memory volumes. The
// SR carries them (dciodvfy and dsrdump clean, read back equal), the report PDF prints them, and the reader can
// accept the result as a classifier's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analyseSurvivalCase,
  caseFeatures,
  createRiskScorer,
  parseSurvivalManifest,
  survivalPackage,
  type SurvivalCase,
} from '@heron/models';
import { generatePhantom, type PhantomStudy, writePhantomStudy, type WrittenStudy } from '@heron/phantom';
import { encodeMaskRuns, type Volume } from '@heron/radiomics';
import * as ort from 'onnxruntime-web';
import type { AnalysisResult } from '@heron/server/contract';
import { main } from '@heron/server/cli';
import type { RunningServer } from '@heron/server';
import { storeFiles } from '@heron/server/testing';
import { DicomMessage } from '@heron/dicom/core';
import { readSr } from '@heron/dicom/sr';
import type { StudyRoles } from '@heron/dicom/roles';
import { dciodvfyErrors, dsrdump } from '@heron/dicom/testing';
import { pdfText } from '../support/report-pdf';
import { readerAuthHeader, startTestHeron } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';

const MODEL = 'dfs-demo';
const modelDir = join(repoRoot, 'models', MODEL);
const workDir = mkdtempSync(join(tmpdir(), 'heron-survival-'));
const auth = { Authorization: readerAuthHeader() };
let orthanc: TestOrthanc | undefined;
let heron: RunningServer | undefined;
let study: PhantomStudy;
let written: WrittenStudy;

/** As in analyze-identical: the phantom's volumes where the DICOM files put them (DS keeps 4 decimals). */
const asWritten = (v: Volume): Volume => ({
  ...v,
  origin: v.origin.map((o) => Number(o.toFixed(4)) + 0) as Volume['origin'],
});

/** The package evaluated in Node on the phantom's own volumes, without DICOM, Orthanc or the server. */
async function direct(): Promise<SurvivalCase> {
  const manifest = parseSurvivalManifest(JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')));
  const pkg = survivalPackage(manifest, new Uint8Array(readFileSync(join(modelDir, 'model.onnx'))));
  const images = Object.fromEntries(
    Object.entries(manifest.sequences).map(([name, { source }]) => {
      if (source.role === 'dce') return [name, asWritten(study.dce.phases[source.phase])];
      if (source.role === 'dwi') return [name, asWritten(study.dwi.images[study.dwi.bValues.indexOf(source.bValue)])];
      if (source.role === 't2') return [name, asWritten(study.t2)];
      return [name, asWritten(study.adc)];
    }),
  );
  const features = caseFeatures(images, asWritten(study.mask), manifest);
  const x = manifest.inputs.map((i) => features.get(i.name) as number);
  const scorer = await createRiskScorer(ort, pkg.onnx, x.length);
  try {
    return await analyseSurvivalCase(pkg, scorer, x);
  } finally {
    await scorer.release();
  }
}

async function serverAnalysis(): Promise<AnalysisResult> {
  const roles = (await (
    await fetch(`${heron?.url}/api/studies/${written.studyInstanceUID}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2)!;
  const mask = study.mask;
  const res = await fetch(`${heron?.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      studyInstanceUID: written.studyInstanceUID,
      modelId: MODEL,
      outline: {
        kind: 'mask',
        seriesInstanceUID: phase2.seriesInstanceUID,
        sopInstanceUIDs: phase2.sopInstanceUIDs,
        size: mask.size,
        spacing: mask.spacing,
        origin: asWritten(mask).origin,
        direction: mask.direction,
        runs: encodeMaskRuns(mask.data),
      },
    }),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${heron?.url}/api/analyses/${id}`, { headers: auth })).json()) as {
      state: string;
      result?: AnalysisResult;
      error?: string;
    };
    if (job.state === 'failed') throw new Error(`the server's analysis failed: ${job.error}`);
    // The result is published before its store: wait until the store has ended.
    if (job.state === 'succeeded' && job.result?.storage?.state !== 'storing') return job.result as AnalysisResult;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  study = generatePhantom({ seed: 43, size: 'compact' });
  written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'DFS-001' });
}, 120_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('disease-free survival', () => {
  let cli: AnalysisResult;
  let server: AnalysisResult;

  it('gives one risk score, group and S(t) from the CLI, the server and the package called directly', async () => {
    const out = join(workDir, 'out');
    expect(
      await main([
        'analyze',
        '--dicom-dir',
        join(workDir, 'study'),
        '--model',
        MODEL,
        '--mask',
        written.maskFile,
        '--out',
        out,
      ]),
    ).toBe(0);
    cli = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as AnalysisResult;

    orthanc = await startTestOrthanc();
    heron = await startTestHeron(orthanc);
    await storeFiles(
      orthanc,
      written.files.filter((f) => f.endsWith('.dcm')),
    );
    const { models } = (await (await fetch(`${heron.url}/api/models`, { headers: auth })).json()) as {
      models: { id: string; kind?: string; classes: string[] }[];
    };
    expect(models.find((m) => m.id === MODEL)).toMatchObject({ kind: 'survival', classes: ['low risk', 'high risk'] });
    server = await serverAnalysis();

    const d = await direct();
    console.log(
      `DFS risk score: CLI ${cli.survival?.riskScore}, server ${server.survival?.riskScore}, direct ${d.riskScore}; ` +
        `S(t): ${d.survival.map((s) => `${s.time}: ${s.probability.toFixed(4)}`).join(', ')}; group ${d.groupName}`,
    );
    const expected = {
      riskScore: d.riskScore,
      group: d.group === 1 ? 'high' : 'low',
      groupName: d.groupName,
      survival: d.survival,
    };
    for (const r of [cli, server]) {
      expect(r.survival).toMatchObject(expected);
      expect(r.survival?.cutoff).toMatchObject({ method: 'median', rule: 'median risk score of the training set' });
      expect(r.predictedClass).toBe(d.groupName);
      expect(r.probability).toBe(d.eventProbability.probability);
      expect(r.explanation.space).toBe('risk-score');
      expect(r.explanation.contributions.map((c) => c.shap)).toEqual(Array.from(d.explanation.phi));
      expect(r.model.syntheticTraining).toBe(true);
      expect(r.question.id).toBe('disease-free-survival');
    }
  }, 300_000);

  it('stores an SR that dciodvfy and dsrdump accept and that reads back the same numbers', () => {
    const file = join(workDir, 'out', 'sr.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain('Disease-free survival risk score');
    const read = readSr(DicomMessage.readFile(new Uint8Array(readFileSync(file)).buffer).dict);
    expect(read.survival?.riskScore).toBe(cli.survival?.riskScore);
    expect(read.survival?.survival).toEqual(cli.survival?.survival);
    expect(read.survival?.group).toBe(cli.survival?.group);
  });

  it('prints the risk score, the group and S(t) at each stated time in the report PDF', () => {
    const text = pdfText(join(workDir, 'out', 'report.pdf')).replace(/\s+/g, ' ');
    const s = cli.survival!;
    expect(text).toContain(`Risk score ${s.riskScore.toFixed(4)} (Cox linear predictor)`);
    expect(text).toContain(s.groupName);
    for (const p of s.survival)
      expect(text).toContain(
        `Disease-free survival probability at ${p.time} months: ${(p.probability * 100).toFixed(1)}%.`,
      );
    expect(text).toContain('median split');
    expect(text).toContain("Harrell's C");
    expect(text).toContain('Research use only');
  });

  it('lists the stored survival report and lets the reader accept it as a classifier result is accepted', async () => {
    const listed = (await (
      await fetch(`${heron?.url}/api/studies/${written.studyInstanceUID}/results`, { headers: auth })
    ).json()) as { results: { srSopInstanceUID: string; survival?: { riskScore: number; groupName: string } }[] };
    expect(listed.results.find((r) => r.srSopInstanceUID === server.stored!.srSopInstanceUID)?.survival).toMatchObject({
      riskScore: server.survival!.riskScore,
      groupName: server.survival!.groupName,
    });
    const res = await fetch(`${heron?.url}/api/results/${server.stored!.srSopInstanceUID}/accept`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ studyInstanceUID: written.studyInstanceUID }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { state: string }).state).toBe('VERIFIED');
  }, 60_000);
});
