// SEG, SR and Encapsulated PDF through a real Orthanc: one STOW-RS, found by QIDO, retrieved by WADO-RS and
// parsed back to the same mask voxels and the same numbers; and the failures: a SEG on a series outside the
// study, a store the PACS refuses, an object that is not DICOM, an unreachable PACS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type PhantomStudy, writePhantomStudy } from '@heron/phantom';
import { connectDicomweb, type DicomwebClient } from '@heron/dicom/dicomweb';
import { classifierResult, radiomicsGroups } from '@heron/dicom/testing';
import { writePdf } from '@heron/dicom/pdf';
import { loadSegMasks } from '@heron/dicom/seg';
import { writeSeg } from '@heron/dicom/seg';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import { readSr } from '@heron/dicom/sr';
import { writeSr } from '@heron/dicom/sr';
import { storeObjects } from '@heron/dicom/dicomweb';
import { loadVolume, type SeriesVolume } from '@heron/dicom/volumes';
import { orthancAuthHeader, storeFiles, studyInstanceCount } from '@heron/server/testing';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

const device = {
  manufacturer: 'Heron project',
  modelName: 'Heron',
  softwareVersion: '0.1.0',
  serialNumber: 'heron-it',
};
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
let orthanc: TestOrthanc;
let client: DicomwebClient;
let study: PhantomStudy;
let studyUid: string;
let dce: SeriesVolume;
const workDir = mkdtempSync(join(tmpdir(), 'heron-dicom-seg-sr-'));

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  client = connectDicomweb({ url: `${orthanc.url}/dicom-web`, authorization: orthancAuthHeader(orthanc.credentials) });
  study = generatePhantom({ seed: 31, size: 'compact', dceLayout: 'single-series' });
  const written = await writePhantomStudy(study, join(workDir, 'study'), { vendor: 'ge' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const series = await studySeries(client, studyUid);
  const phase = classifyStudy(series).dcePhases[2];
  dce = await loadVolume(client, {
    studyInstanceUID: studyUid,
    seriesInstanceUID: phase.seriesInstanceUID,
    select: { sopInstanceUIDs: phase.sopInstanceUIDs },
  });
}, 180_000);

afterAll(async () => {
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

function objects() {
  const tumour = Uint8Array.from(study.mask.data);
  const shell = new Uint8Array(tumour.length);
  // A one-voxel-thick ring in x around the tumour stands in for the shell.
  for (let v = 1; v < tumour.length - 1; v++) if (!tumour[v] && (tumour[v - 1] || tumour[v + 1])) shell[v] = 1;
  const seg = writeSeg({
    source: dce,
    segments: [
      { region: { kind: 'tumour' }, mask: tumour, algorithmType: 'MANUAL' },
      {
        region: { kind: 'shell', widthMm: 1 },
        mask: shell,
        algorithmType: 'AUTOMATIC',
        algorithmName: 'heron-shell 0.1.0',
      },
    ],
    laterality: study.tumour.location.side === 'left' ? 'L' : 'R',
    device,
  });
  const sr = writeSr({
    reference: dce.reference,
    evidence: dce.slices.map((s) => ({ ...s, seriesInstanceUID: dce.seriesInstanceUID })),
    seg,
    radiomics: radiomicsGroups(dce.seriesInstanceUID),
    classifier: classifierResult(dce.seriesInstanceUID),
    algorithm: { name: 'heron-radiomics', version: '0.1.0', parameters: '{}' },
    device,
  });
  const pdf = writePdf({ pdf: PDF, title: 'Heron HER2 report', reference: dce.reference, device });
  return { seg, sr, pdf, tumour, shell };
}

describe('SEG, SR and PDF through Orthanc', () => {
  it('stores all three in one STOW, finds them by QIDO and reads back the same voxels and numbers', async () => {
    const { seg, sr, pdf, tumour, shell } = objects();
    expect(await storeObjects(client, studyUid, [seg, sr, pdf])).toEqual([
      seg.sopInstanceUID,
      sr.sopInstanceUID,
      pdf.sopInstanceUID,
    ]);

    const found = await client.searchForSeries({ studyInstanceUID: studyUid, queryParams: { Modality: 'SEG' } });
    expect(found.map((s) => s['0020000E'].Value?.[0])).toEqual([seg.seriesInstanceUID]);

    const back = await loadSegMasks(client, {
      studyInstanceUID: studyUid,
      seriesInstanceUID: seg.seriesInstanceUID,
      sopInstanceUID: seg.sopInstanceUID,
    });
    expect(back.target.seriesInstanceUID).toBe(dce.seriesInstanceUID);
    expect(back.target.volume.size).toEqual(dce.volume.size);
    expect(back.segments.map((s) => s.label)).toEqual(['Tumour', 'Peritumoral shell 1 mm']);
    expect(Buffer.compare(back.segments[0].mask, tumour)).toBe(0);
    expect(Buffer.compare(back.segments[1].mask, shell)).toBe(0);

    const [srMeta] = await client.retrieveSeriesMetadata({
      studyInstanceUID: studyUid,
      seriesInstanceUID: sr.seriesInstanceUID,
    });
    const report = readSr(srMeta);
    const expected = classifierResult(dce.seriesInstanceUID);
    expect(report.classifier.probability).toBe(expected.probability);
    expect(report.classifier.shap).toEqual(expected.shap);
    expect(report.classifier.shapBaseValue).toBe(expected.shapBaseValue);
    expect(report.radiomics[0].features['original_glcm_JointEntropy']).toBe(4.123456789);
    expect(report.radiomics[0].segSopInstanceUID).toBe(seg.sopInstanceUID);

    const bytes = new Uint8Array(
      await client.retrieveInstance({
        studyInstanceUID: studyUid,
        seriesInstanceUID: pdf.seriesInstanceUID,
        sopInstanceUID: pdf.sopInstanceUID,
      }),
    );
    expect(Buffer.from(bytes).includes(Buffer.from(PDF))).toBe(true);
  }, 60_000);

  it('refuses a SEG whose referenced series is not in the study, naming both', async () => {
    const elsewhere = { ...dce, seriesInstanceUID: '1.2.826.0.1.3680043.2.1125.999' };
    const stray = writeSeg({
      source: elsewhere,
      segments: [{ region: { kind: 'tumour' }, mask: Uint8Array.from(study.mask.data), algorithmType: 'MANUAL' }],
      device,
    });
    await storeObjects(client, studyUid, [stray]);
    await expect(
      loadSegMasks(client, {
        studyInstanceUID: studyUid,
        seriesInstanceUID: stray.seriesInstanceUID,
        sopInstanceUID: stray.sopInstanceUID,
      }),
    ).rejects.toThrow(
      `SEG ${stray.sopInstanceUID} references series 1.2.826.0.1.3680043.2.1125.999, which is not in study ${studyUid}`,
    );
  });

  it('stores nothing when one object is broken or belongs to another study, and says so', async () => {
    const before = await studyInstanceCount(orthanc, studyUid);
    const { seg, sr } = objects();
    const broken = { ...sr, bytes: new Uint8Array(4000).buffer };
    await expect(storeObjects(client, studyUid, [seg, broken])).rejects.toThrow(
      `object ${sr.sopInstanceUID} is not a readable DICOM file`,
    );
    await expect(storeObjects(client, '1.2.3.4', [seg])).rejects.toThrow(
      `object ${seg.sopInstanceUID} belongs to study ${studyUid}, not 1.2.3.4; nothing was stored`,
    );
    expect(await studyInstanceCount(orthanc, studyUid)).toBe(before);
  });

  it('reports a refused store and an unreachable PACS with the objects concerned', async () => {
    const { seg } = objects();
    const wrongPassword = connectDicomweb({ url: `${orthanc.url}/dicom-web`, authorization: 'Basic d3Jvbmc6d3Jvbmc=' });
    await expect(storeObjects(wrongPassword, studyUid, [seg])).rejects.toThrow(
      `Storing ${seg.sopInstanceUID} in study ${studyUid}: the PACS refused our credentials (HTTP 401)`,
    );
    const nowhere = connectDicomweb({ url: 'http://127.0.0.1:9/dicom-web', authorization: 'Basic eDp5' });
    await expect(storeObjects(nowhere, studyUid, [seg])).rejects.toThrow(
      /the PACS \(Orthanc\) cannot be reached; none of them was stored/,
    );
    await expect(
      loadVolume(nowhere, { studyInstanceUID: studyUid, seriesInstanceUID: dce.seriesInstanceUID }),
    ).rejects.toThrow(`Reading the metadata of series ${dce.seriesInstanceUID}: the PACS (Orthanc) cannot be reached`);
  });
});
