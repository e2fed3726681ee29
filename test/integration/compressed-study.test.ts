// A phantom study transcoded by DCMTK and GDCM into each lossless transfer syntax gives `heron analyze` the same
// probability as the uncompressed study; stored in an Orthanc without the GDCM plugin (which cannot decode JPEG 2000,
// so it cannot send the frames uncompressed), the JPEG 2000 study still gives the uncompressed volumes, decoded by
// Heron from the instances as stored.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDicomweb, FolderDicomweb } from '@heron/dicom/dicomweb';
import { arrayBufferOf, readPart10, text } from '@heron/dicom/core';
import { dciodvfyErrors, dsrdump, pixelmedErrors, TRANSCODINGS, transcodeFolder } from '@heron/dicom/testing';
import { classifyStudy } from '@heron/dicom/roles';
import { loadVolume } from '@heron/dicom/volumes';
import { generatePhantom, writePhantomStudy, type WrittenStudy } from '@heron/phantom';
import type { AnalysisResult } from '@heron/server/contract';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { runHeron } from '../support/cli';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

const LOSSLESS = [
  'explicit-big-endian',
  'deflated',
  'rle-dcmtk',
  'jpeg-lossless-sv1',
  'jpeg-ls-lossless',
  'jpeg-2000-lossless',
] as const;

const workDir = mkdtempSync(join(tmpdir(), 'heron-compressed-study-'));
let written: WrittenStudy;
let orthanc: TestOrthanc | undefined;
const seconds: Record<string, number> = {};

async function analyze(dir: string, out: string): Promise<AnalysisResult> {
  const t = performance.now();
  const r = await runHeron([
    'analyze',
    '--dicom-dir',
    dir,
    '--mask',
    written.maskFile,
    '--model',
    'her2-demo',
    '--out',
    join(workDir, out),
  ]);
  seconds[`analyze ${out}`] = Math.round((performance.now() - t) / 100) / 10;
  if (r.code !== 0) throw new Error(`heron analyze failed on ${dir}: ${r.err}`);
  return JSON.parse(readFileSync(join(workDir, out, 'result.json'), 'utf8')) as AnalysisResult;
}

beforeAll(async () => {
  written = await writePhantomStudy(generatePhantom({ seed: 11, size: 'compact' }), join(workDir, 'study'));
}, 60_000);

afterAll(async () => {
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
  console.log(`compressed-study, seconds: ${JSON.stringify(seconds)}`);
}, 30_000);

describe('a study in a lossless transfer syntax', () => {
  let uncompressed: AnalysisResult;
  beforeAll(async () => {
    uncompressed = await analyze(join(workDir, 'study'), 'out-uncompressed');
  }, 120_000);

  it('writes a SEG and an SR that dciodvfy, dsrdump and PixelMed accept', () => {
    const seg = join(workDir, 'out-uncompressed', 'seg.dcm');
    const sr = join(workDir, 'out-uncompressed', 'sr.dcm');
    for (const f of [seg, sr]) expect(dciodvfyErrors(f)).toEqual([]);
    expect(dsrdump(sr).problems).toEqual([]);
    expect(pixelmedErrors(sr, 'DicomSRValidator')).toEqual([]);
    // The phantom is bilateral: the SEG carries its Image Laterality B and no series Laterality, which dciodvfy
    // refuses on a SEG (docs/dicom-sr-seg.md §8).
    expect(pixelmedErrors(seg, 'DicomInstanceValidator')).toEqual([]);
    // The SEG names the body part and the side of its source images.
    const ds = readPart10(arrayBufferOf(readFileSync(seg)), 'seg.dcm').dict;
    expect(text(ds, '00180015')).toBe('BREAST');
    expect(text(ds, '00200062')).toBe('B');
    expect(text(ds, '00200060')).toBeUndefined();
  }, 120_000);

  it.each(LOSSLESS)(
    '%s gives heron analyze the probability of the uncompressed study',
    async (name) => {
      const t = performance.now();
      await transcodeFolder(join(workDir, 'study'), join(workDir, name), TRANSCODINGS[name]);
      seconds[`transcode ${name}`] = Math.round((performance.now() - t) / 100) / 10;
      const result = await analyze(join(workDir, name), `out-${name}`);
      expect(result.probability).toBe(uncompressed.probability);
      expect(result.explanation.contributions).toEqual(uncompressed.explanation.contributions);
      expect(result.warnings).toEqual(uncompressed.warnings);
    },
    180_000,
  );

  it('stored as JPEG 2000 in an Orthanc that cannot decode it, gives the uncompressed volumes', async () => {
    orthanc = await startTestOrthanc();
    const j2k = join(workDir, 'jpeg-2000-lossless');
    await storeFiles(
      orthanc,
      written.files.filter((f) => f.endsWith('.dcm')).map((f) => f.replace(join(workDir, 'study'), j2k)),
    );
    const pacs = connectDicomweb({
      url: `${orthanc.url}/dicom-web`,
      authorization: orthancAuthHeader(orthanc.credentials),
    });
    const folder = await FolderDicomweb.open(join(workDir, 'study'));
    const studyInstanceUID = written.studyInstanceUID;
    // Orthanc really cannot send these frames uncompressed: the fallback is what is tested.
    const first = written.series[0];
    const [ds] = await pacs.searchForInstances({ studyInstanceUID, seriesInstanceUID: first.seriesInstanceUID });
    await expect(
      pacs.retrieveInstanceFrames({
        studyInstanceUID,
        seriesInstanceUID: first.seriesInstanceUID,
        sopInstanceUID: text(ds, '00080018') as string,
        frameNumbers: [1],
        mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: '1.2.840.10008.1.2.1' }],
      }),
    ).rejects.toMatchObject({ status: expect.any(Number) });
    const series = await Promise.all(
      written.series.map(async (s) => ({
        seriesInstanceUID: s.seriesInstanceUID,
        instances: await folder.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID: s.seriesInstanceUID }),
      })),
    );
    const roles = classifyStudy(series);
    // Every volume the analysis can read: each DCE phase, T2, each b-value, ADC.
    const selections = [
      ...roles.dcePhases.map((p) => ({ seriesInstanceUID: p.seriesInstanceUID, select: p.sopInstanceUIDs })),
      ...roles.dwi.map((b) => ({ seriesInstanceUID: b.seriesInstanceUID, select: b.sopInstanceUIDs })),
      ...[...roles.t2, ...roles.adc].map((uid) => ({ seriesInstanceUID: uid, select: undefined })),
    ];
    expect(selections.length).toBeGreaterThanOrEqual(9);
    for (const { seriesInstanceUID, select } of selections) {
      const request = {
        studyInstanceUID,
        seriesInstanceUID,
        ...(select ? { select: { sopInstanceUIDs: select } } : {}),
      };
      const [fromPacs, fromFiles] = await Promise.all([loadVolume(pacs, request), loadVolume(folder, request)]);
      expect(fromPacs.volume.size).toEqual(fromFiles.volume.size);
      expect(fromPacs.volume.origin).toEqual(fromFiles.volume.origin);
      expect(Buffer.from(fromPacs.volume.data.buffer).equals(Buffer.from(fromFiles.volume.data.buffer))).toBe(true);
      expect(fromPacs.warnings).toEqual([]);
    }
  }, 180_000);
});
