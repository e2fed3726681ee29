// The tumour-board report end to end: an analysis through the API stores a report PDF (Encapsulated PDF) beside
// its SEG and SR; the PDF says the question, the probability, the model, "awaiting review" and the intended use, and
// dciodvfy finds no error in it; accepting the report stores a new PDF with the decision that names the one it
// replaces. The pages are kept as PNG under test-artifacts/board-report for a person to look at.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import type { StudyRoles } from '@heron/dicom/roles';
import { connectDicomweb, type DicomwebClient } from '@heron/dicom/dicomweb';
import { dciodvfyErrors } from '@heron/dicom/testing';
import type { RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { keepPdf, pdfOf, pdfText } from '../support/report-pdf';
import { foreignSr } from '../support/foreign-sr';
import { storeObjects } from '@heron/dicom/dicomweb';
import manifest from '../../models/her2-demo/manifest.json';
import { analysisSettled } from '@heron/server/contract';
import { maskOutlineOn } from '../support/mask-outline';

interface Job {
  id: string;
  state: string;
  error?: string;
  result?: {
    probability: number;
    timings: Record<string, number>;
    stored: { srSopInstanceUID: string; segSopInstanceUID: string; pdfSopInstanceUID?: string } | null;
  };
}

let orthanc: TestOrthanc;
let heron: RunningServer;
let client: DicomwebClient;
let studyUid: string;
/** A second study nobody analysed, with an SR from another tool. */
let otherStudyUid: string;
let mask: Volume;
let roles: StudyRoles;
const workDir = mkdtempSync(join(tmpdir(), 'heron-board-report-'));
const auth = { Authorization: readerAuthHeader() };

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  client = connectDicomweb({ url: `${orthanc.url}/dicom-web`, authorization: orthancAuthHeader(orthanc.credentials) });
  const study = generatePhantom({ seed: 31, her2: 'positive', size: 'compact' });
  mask = study.mask;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'BOARD-001' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const other = await writePhantomStudy(generatePhantom({ seed: 32, size: 'compact' }), join(workDir, 'other'), {
    patientId: 'BOARD-002',
  });
  otherStudyUid = other.studyInstanceUID;
  await storeFiles(
    orthanc,
    other.files.filter((f) => f.endsWith('.dcm')),
  );
  const [series] = await client.searchForSeries({ studyInstanceUID: otherStudyUid });
  const [image] = await client.retrieveSeriesMetadata({
    studyInstanceUID: otherStudyUid,
    seriesInstanceUID: series['0020000E'].Value?.[0] as string,
  });
  await storeObjects(client, otherStudyUid, [foreignSr(image)]);
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

async function analyse(): Promise<Job> {
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  const res = await fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      studyInstanceUID: studyUid,
      modelId: 'her2-demo',
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

/** The Encapsulated PDF instance `sop` of the study, as stored. */
async function storedPdf(sop: string) {
  const found = await client.searchForInstances({ studyInstanceUID: studyUid, queryParams: { SOPInstanceUID: sop } });
  const series = found[0]?.['0020000E']?.Value?.[0] as string;
  const bytes = new Uint8Array(
    await client.retrieveInstance({ studyInstanceUID: studyUid, seriesInstanceUID: series, sopInstanceUID: sop }),
  );
  return { bytes, ...pdfOf(bytes) };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

it('stores a report PDF with the analysis, and a new one naming it after the acceptance', async () => {
  const job = await analyse();
  expect(job.error).toBeUndefined();
  const stored = job.result?.stored;
  expect(stored?.pdfSopInstanceUID).toBeDefined();
  const first = await storedPdf(stored?.pdfSopInstanceUID as string);

  const dcm = join(workDir, 'report.dcm');
  writeFileSync(dcm, first.bytes);
  expect(dciodvfyErrors(dcm)).toEqual([]);
  expect(first.dataset['00420010']?.Value?.[0]).toMatch(/^Heron tumour-board report: HER2 demonstration model/);
  expect(first.dataset['0040A043']?.Value?.[0]).toMatchObject({ '00080100': { Value: ['18748-4'] } });

  const kept = keepPdf('board-report', 'analysed', first.pdf, first.bytes);
  // Figures for the note, not assertions: seconds per stage (the report PDF is built in 'store') and the PDF's size.
  console.log(`board-report: stage seconds ${JSON.stringify(job.result?.timings)}, PDF ${first.pdf.length} bytes`);
  expect(kept.pages.length).toBeGreaterThanOrEqual(1);
  const text = oneLine(pdfText(kept.pdf));
  const percent = `${((job.result?.probability as number) * 100).toFixed(1)}%`;
  expect(text).toContain('Probability that the tumour is HER2-positive');
  expect(text).toContain(percent);
  expect(text).toContain(`${manifest.name}, version ${manifest.version}`);
  expect(text).toContain('Reader decision: awaiting review.');
  expect(text).toContain(oneLine(manifest.intendedUse));
  expect(text).toContain(stored?.srSopInstanceUID);
  expect(text).toContain(stored?.segSopInstanceUID);
  // The notice is on every page.
  expect(
    pdfText(kept.pdf)
      .split('\f')
      .filter((p) => p.trim())
      .every((p) => p.includes('Research use only')),
  ).toBe(true);

  const accept = await fetch(`${heron.url}/api/results/${stored?.srSopInstanceUID}/accept`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ studyInstanceUID: studyUid }),
  });
  expect(accept.status).toBe(201);
  const signed = (await accept.json()) as { srSopInstanceUID: string };

  const docs = await client.searchForInstances({ studyInstanceUID: studyUid, queryParams: { Modality: 'DOC' } });
  const uids = docs.map((d) => d['00080018']?.Value?.[0] as string);
  expect(uids).toHaveLength(2);
  const second = await storedPdf(uids.find((u) => u !== stored?.pdfSopInstanceUID) as string);
  writeFileSync(dcm, second.bytes);
  expect(dciodvfyErrors(dcm)).toEqual([]);
  const predecessor = JSON.stringify(second.dataset['0040A360']);
  expect(predecessor).toContain(stored?.pdfSopInstanceUID);
  expect(JSON.stringify(second.dataset['00420013'])).toContain(signed.srSopInstanceUID);
  const keptSigned = keepPdf('board-report', 'accepted', second.pdf);
  const signedText = oneLine(pdfText(keptSigned.pdf));
  expect(signedText).toContain(`Reader decision: accepted by ${TEST_READER.user}`);
  expect(signedText).toContain(`replaces PDF ${stored?.pdfSopInstanceUID}`);

  // The board lists the case with its decision and opens the decided report in the same layout.
  const board = await page('/board');
  expect(board.status).toBe(200);
  expect(board.text).toMatch(/data-testid="heron-board-case" data-status="accepted"/);
  expect(board.text).toContain('BOARD-001');
  expect(board.text).toContain('not a Heron report');
  const report = await page(`/board/reports/${studyUid}/${signed.srSopInstanceUID}`);
  expect(report.status).toBe(200);
  expect(report.text).toContain('Probability that the tumour is HER2-positive');
  expect(report.text).toContain(percent);
  expect(report.text).toContain(`Reader decision: accepted by ${TEST_READER.user}`);
  expect(report.text).toContain('Research use only — not a diagnosis.');
  expect(report.text).toContain('data:image/png;base64,');
  expect(report.text).toContain('case 1 of 1');
}, 240_000);

async function page(path: string, headers: Record<string, string> = auth) {
  const res = await fetch(`${heron.url}${path}`, { headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

it('answers a study without Heron results, an SR from another tool and bad links with clear pages', async () => {
  const empty = await page(`/board/studies/${otherStudyUid}`);
  expect(empty.status).toBe(200);
  expect(empty.text).toContain('This study has no Heron results');
  expect(empty.text).toContain('not a Heron report');

  const srs = await client.searchForInstances({ studyInstanceUID: otherStudyUid, queryParams: { Modality: 'SR' } });
  const foreign = srs[0]['00080018'].Value?.[0] as string;
  const notHeron = await page(`/board/reports/${otherStudyUid}/${foreign}`);
  expect(notHeron.status).toBe(200);
  expect(notHeron.text).toContain('Not a Heron report');

  expect((await page(`/board/reports/${otherStudyUid}/1.2.3.4`)).status).toBe(404);
  const badUid = await page('/board/reports/not-a-uid/1.2.3');
  expect(badUid.status).toBe(400);
  expect(badUid.text).toContain('is not a DICOM UID');
  const badDates = await page('/board?from=2026-02-30');
  expect(badDates.status).toBe(400);
  expect(badDates.text).toContain('a real calendar date');
  expect((await page('/board?from=2026-03-01&to=2026-02-01')).text).toContain('the start date is after the end date');
  expect((await page('/board', {})).status).toBe(401);

  // Only Heron's own viewer may frame a report, and only when it asks for the embedded form.
  const framed = await page(`/board/reports/${otherStudyUid}/${foreign}?embed=1`);
  expect(framed.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  expect((await page('/board')).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}, 60_000);
