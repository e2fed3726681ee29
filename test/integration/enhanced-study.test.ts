// The phantom written as Enhanced MR (`heron phantom --enhanced`: one multi-frame instance per series) against the
// same study written classic: stored in the real Orthanc and read back over DICOMweb it gives the same series roles,
// DCE phases and b-values and the same volumes, and `heron analyze` gives the same probability, features and kinetics,
// with a SEG and an SR (referencing frames) that dciodvfy and dsrdump accept.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDicomweb, type DicomwebClient, FolderDicomweb } from '@heron/dicom/dicomweb';
import { classifyStudy, type StudyRoles, studySeries } from '@heron/dicom/roles';
import { dciodvfyErrors, dsrdump } from '@heron/dicom/testing';
import { loadVolume, type VolumeSelection } from '@heron/dicom/volumes';
import { generatePhantom, writePhantomStudy, type WrittenStudy } from '@heron/phantom';
import type { AnalysisResult } from '@heron/server/contract';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { runHeron } from '../support/cli';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

const workDir = mkdtempSync(join(tmpdir(), 'heron-enhanced-study-'));
let classic: WrittenStudy;
let enhanced: WrittenStudy;
let orthanc: TestOrthanc | undefined;

beforeAll(async () => {
  const study = generatePhantom({ seed: 11, size: 'compact' });
  classic = await writePhantomStudy(study, join(workDir, 'classic'));
  const r = await runHeron([
    'phantom',
    '--out',
    join(workDir, 'enhanced'),
    '--seed',
    '11',
    '--size',
    'compact',
    '--enhanced',
  ]);
  if (r.code !== 0) throw new Error(r.err);
  enhanced = { studyInstanceUID: classic.studyInstanceUID } as WrittenStudy;
}, 60_000);

afterAll(async () => {
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** Roles without the instance UIDs (which differ between the two forms): what a reader and the pipeline see. */
function comparable(roles: StudyRoles) {
  return {
    series: roles.series.map((s) => ({ uid: s.seriesInstanceUID, role: s.role, images: s.instanceCount })),
    dcePhases: roles.dcePhases.map((p) => ({
      series: p.seriesInstanceUID,
      phase: p.phaseIndex,
      label: p.label,
      seconds: p.secondsAfterFirstPost,
    })),
    dwi: roles.dwi.map((d) => ({ series: d.seriesInstanceUID, b: d.bValue })),
    t2: roles.t2,
    adc: roles.adc,
  };
}

async function analyze(dir: string, out: string): Promise<AnalysisResult> {
  const r = await runHeron([
    'analyze',
    '--dicom-dir',
    dir,
    '--mask',
    join(workDir, 'classic', 'mask.nrrd'),
    '--model',
    'her2-demo',
    '--out',
    join(workDir, out),
  ]);
  if (r.code !== 0) throw new Error(`heron analyze failed on ${dir}: ${r.err}`);
  return JSON.parse(readFileSync(join(workDir, out, 'result.json'), 'utf8')) as AnalysisResult;
}

it('writes one file per series', () => {
  for (const folder of readdirSync(join(workDir, 'enhanced'), { withFileTypes: true }).filter((e) => e.isDirectory()))
    expect(readdirSync(join(workDir, 'enhanced', folder.name))).toEqual(['IM0001.dcm']);
  expect(enhanced.studyInstanceUID).toBe(classic.studyInstanceUID);
});

it('stored in Orthanc, gives the roles, phases, b-values and volumes of the classic study', async () => {
  orthanc = await startTestOrthanc();
  const files = readdirSync(join(workDir, 'enhanced'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.dcm'))
    .map((e) => join(e.parentPath, e.name));
  await storeFiles(orthanc, files);
  const pacs = connectDicomweb({
    url: `${orthanc.url}/dicom-web`,
    authorization: orthancAuthHeader(orthanc.credentials),
  });
  const folder = await FolderDicomweb.open(join(workDir, 'classic'));
  const study = classic.studyInstanceUID;
  const fromPacs = classifyStudy(await studySeries(pacs, study));
  const fromClassic = classifyStudy(await studySeries(folder, study));
  expect(comparable(fromPacs)).toEqual(comparable(fromClassic));
  expect(fromPacs.dcePhases).toHaveLength(6);
  expect(fromPacs.dwi.map((d) => d.bValue)).toEqual([0, 800]);

  const read = (client: DicomwebClient, seriesInstanceUID: string, select: VolumeSelection) =>
    loadVolume(client, { studyInstanceUID: study, seriesInstanceUID, select });
  const pairs: [string, VolumeSelection, VolumeSelection][] = [
    ...fromPacs.dcePhases.map((p, k): [string, VolumeSelection, VolumeSelection] => [
      p.seriesInstanceUID,
      { sopInstanceUIDs: p.sopInstanceUIDs },
      { sopInstanceUIDs: fromClassic.dcePhases[k].sopInstanceUIDs },
    ]),
    ...fromPacs.dwi.map((d, k): [string, VolumeSelection, VolumeSelection] => [
      d.seriesInstanceUID,
      { sopInstanceUIDs: d.sopInstanceUIDs, bValue: d.bValue },
      { sopInstanceUIDs: fromClassic.dwi[k].sopInstanceUIDs },
    ]),
    ...[...fromPacs.t2, ...fromPacs.adc].map((uid): [string, VolumeSelection, VolumeSelection] => [uid, {}, {}]),
  ];
  for (const [uid, e, c] of pairs) {
    const [a, b] = await Promise.all([read(pacs, uid, e), read(folder, uid, c)]);
    expect(a.volume.size).toEqual(b.volume.size);
    expect(a.volume.origin).toEqual(b.volume.origin);
    expect(a.volume.spacing).toEqual(b.volume.spacing);
    expect(Buffer.from(a.volume.data.buffer).equals(Buffer.from(b.volume.data.buffer))).toBe(true);
    expect(a.warnings).toEqual([]);
  }
}, 180_000);

it('gives heron analyze the probability, features and kinetics of the classic study', async () => {
  const [a, b] = [
    await analyze(join(workDir, 'enhanced'), 'out-enhanced'),
    await analyze(join(workDir, 'classic'), 'out-classic'),
  ];
  expect(a.probability).toBe(b.probability);
  expect(a.explanation.contributions).toEqual(b.explanation.contributions);
  expect(a.kinetics).toEqual(b.kinetics);
  expect(a.kinetics?.status).toBe('ok');
  expect(a.warnings).toEqual(b.warnings);
  // The SEG and SR made on Enhanced MR images reference frames of multi-frame instances; the validators accept them.
  const seg = join(workDir, 'out-enhanced', 'seg.dcm');
  const sr = join(workDir, 'out-enhanced', 'sr.dcm');
  expect([...dciodvfyErrors(seg), ...dciodvfyErrors(sr)]).toEqual([]);
  expect(dsrdump(sr).problems).toEqual([]);
}, 180_000);
