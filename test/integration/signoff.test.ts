// The reader's sign-off end to end: Heron reports stored in a real Orthanc are listed by the Heron server, accepted
// and rejected through its API, and the decisions come back from the study itself (the PACS is the system of
// record) as signed SRs that the validators accept; and the refusals: a second sign-off, an empty reason, a report
// that is not in the study.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { StoredResult } from '@heron/server/contract';
import { connectDicomweb, type DicomwebClient } from '@heron/dicom/dicomweb';
import { classifierResult, radiomicsGroups } from '@heron/dicom/testing';
import { dciodvfyErrors, dsrdump, pydicom } from '@heron/dicom/testing';
import { writeSeg } from '@heron/dicom/seg';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import { writeSr } from '@heron/dicom/sr';
import { storeObjects } from '@heron/dicom/dicomweb';
import { loadVolume } from '@heron/dicom/volumes';
import type { RunningServer } from '@heron/server';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { readerAuthHeader, startTestHeron, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

const device = {
  manufacturer: 'Heron project',
  modelName: 'Heron',
  softwareVersion: '0.1.0',
  serialNumber: 'heron-signoff',
};
// The reader's login as DICOM PN, as the server writes it.
const READER = TEST_READER.user;
let orthanc: TestOrthanc;
let heron: RunningServer;
let client: DicomwebClient;
let studyUid: string;
let toAccept: string;
let toReject: string;
const workDir = mkdtempSync(join(tmpdir(), 'heron-signoff-'));

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  client = connectDicomweb({ url: `${orthanc.url}/dicom-web`, authorization: orthancAuthHeader(orthanc.credentials) });
  const study = generatePhantom({ seed: 41, size: 'compact', dceLayout: 'single-series' });
  const written = await writePhantomStudy(study, join(workDir, 'study'), { vendor: 'siemens' });
  studyUid = written.studyInstanceUID;
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const series = await studySeries(client, studyUid);
  const phase = classifyStudy(series).dcePhases[2];
  const dce = await loadVolume(client, {
    studyInstanceUID: studyUid,
    seriesInstanceUID: phase.seriesInstanceUID,
    select: { sopInstanceUIDs: phase.sopInstanceUIDs },
  });
  const seg = writeSeg({
    source: dce,
    segments: [{ region: { kind: 'tumour' }, mask: Uint8Array.from(study.mask.data), algorithmType: 'MANUAL' }],
    device,
  });
  const report = (createdAt: Date) =>
    writeSr({
      reference: dce.reference,
      evidence: dce.slices.map((s) => ({ ...s, seriesInstanceUID: dce.seriesInstanceUID })),
      seg,
      radiomics: radiomicsGroups(dce.seriesInstanceUID),
      classifier: classifierResult(dce.seriesInstanceUID),
      algorithm: { name: 'heron-radiomics', version: '0.1.0', parameters: '{}' },
      device,
      createdAt,
    });
  const first = report(new Date(2026, 0, 5, 10, 0, 0));
  const second = report(new Date(2026, 0, 5, 11, 0, 0));
  await storeObjects(client, studyUid, [seg, first, second]);
  toAccept = first.sopInstanceUID;
  toReject = second.sopInstanceUID;
  heron = await startTestHeron(orthanc);
}, 180_000);

afterAll(async () => {
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

async function results(): Promise<StoredResult[]> {
  const res = await fetch(`${heron.url}/api/studies/${studyUid}/results`, {
    headers: { Authorization: readerAuthHeader() },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: StoredResult[] }).results;
}

function signOff(sr: string, action: 'accept' | 'reject' | 'amend', body: Record<string, unknown>) {
  return fetch(`${heron.url}/api/results/${sr}/${action}`, {
    method: 'POST',
    headers: { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const byUid = (list: StoredResult[], uid: string) => {
  const r = list.find((x) => x.srSopInstanceUID === uid);
  if (!r) throw new Error(`report ${uid} is not listed`);
  return r;
};

/** The stored object, retrieved over WADO-RS and checked by dciodvfy and dsrdump. */
async function validated(sopInstanceUID: string, seriesInstanceUID: string) {
  const bytes = await client.retrieveInstance({ studyInstanceUID: studyUid, seriesInstanceUID, sopInstanceUID });
  const file = join(workDir, `${sopInstanceUID}.dcm`);
  writeFileSync(file, Buffer.from(bytes));
  return { dciodvfy: dciodvfyErrors(file), dsrdump: dsrdump(file).problems };
}

/** The stored object's Verifying Observer: name and the identifier code (the signer's login). */
async function verifyingObserver(sopInstanceUID: string, seriesInstanceUID: string) {
  const bytes = await client.retrieveInstance({ studyInstanceUID: studyUid, seriesInstanceUID, sopInstanceUID });
  const file = join(workDir, `${sopInstanceUID}-observer.dcm`);
  writeFileSync(file, Buffer.from(bytes));
  return pydicom(
    file,
    'o = ds.VerifyingObserverSequence[0]\nc = o.VerifyingObserverIdentificationCodeSequence[0]\nprint(o.VerifyingObserverName, c.CodeValue, c.CodingSchemeDesignator, sep="|")',
  );
}

describe('report sign-off through the Heron API', () => {
  it('lists the stored reports as UNVERIFIED', async () => {
    const list = await results();
    expect(list.map((r) => r.srSopInstanceUID).sort()).toEqual([toAccept, toReject].sort());
    for (const r of list) {
      expect(r.signoff).toEqual({ state: 'UNVERIFIED' });
      expect(r.supersededBy).toBeUndefined();
    }
  }, 30_000);

  it('accepts a report: a VERIFIED report naming the reader replaces it, and a second accept is refused', async () => {
    const res = await signOff(toAccept, 'accept', { studyInstanceUID: studyUid });
    expect(res.status).toBe(201);
    const outcome = (await res.json()) as { srSopInstanceUID: string; replaces: string; state: string; reader: string };
    expect(outcome).toEqual({
      srSopInstanceUID: expect.any(String),
      replaces: toAccept,
      state: 'VERIFIED',
      reader: READER,
    });

    const list = await results();
    const verified = byUid(list, outcome.srSopInstanceUID);
    expect(verified.signoff).toEqual({
      state: 'VERIFIED',
      reader: READER,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
    });
    expect(verified.replaces).toEqual([toAccept]);
    expect(byUid(list, toAccept).supersededBy).toBe(outcome.srSopInstanceUID);
    expect(await validated(outcome.srSopInstanceUID, verified.srSeriesInstanceUID)).toEqual({
      dciodvfy: [],
      dsrdump: [],
    });
    // The signer is the signed-in identity: its name, and its login as the identifier.
    expect(await verifyingObserver(outcome.srSopInstanceUID, verified.srSeriesInstanceUID)).toBe(
      `${READER}|${READER}|99HER2AI`,
    );

    const again = await signOff(toAccept, 'accept', { studyInstanceUID: studyUid });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe(
      `Report ${toAccept} was already accepted by ${READER}; report ${outcome.srSopInstanceUID} in the study replaces it (to change the decision, amend that one).`,
    );
    const ofCopy = await signOff(outcome.srSopInstanceUID, 'reject', {
      studyInstanceUID: studyUid,
      reason: 'changed my mind',
    });
    expect(ofCopy.status).toBe(409);
    expect(((await ofCopy.json()) as { error: string }).error).toBe(
      `Report ${outcome.srSopInstanceUID} was already accepted by ${READER}; to change the decision, amend it.`,
    );
  }, 60_000);

  it('rejects a report with the reason: the study lists it REJECTED by the reader, with the reason', async () => {
    for (const reason of ['', '   ']) {
      const empty = await signOff(toReject, 'reject', { studyInstanceUID: studyUid, reason });
      expect(empty.status).toBe(400);
      expect(((await empty.json()) as { error: string }).error).toContain('reason: say why the result is rejected');
    }
    const reason = 'Outline misses the enhancing rim – redo on phase 2';
    const res = await signOff(toReject, 'reject', { studyInstanceUID: studyUid, reason });
    expect(res.status).toBe(201);
    const outcome = (await res.json()) as { srSopInstanceUID: string };
    expect(outcome).toEqual({
      srSopInstanceUID: expect.any(String),
      replaces: toReject,
      state: 'REJECTED',
      reader: READER,
    });

    const list = await results();
    const rejected = byUid(list, outcome.srSopInstanceUID);
    expect(rejected.signoff).toEqual({
      state: 'REJECTED',
      reader: READER,
      reason,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
    });
    expect(rejected.replaces).toEqual([toReject]);
    expect(byUid(list, toReject).supersededBy).toBe(outcome.srSopInstanceUID);
    expect(await validated(outcome.srSopInstanceUID, rejected.srSeriesInstanceUID)).toEqual({
      dciodvfy: [],
      dsrdump: [],
    });

    const accept = await signOff(toReject, 'accept', { studyInstanceUID: studyUid });
    expect(accept.status).toBe(409);
    expect(((await accept.json()) as { error: string }).error).toBe(
      `Report ${toReject} was already rejected by ${READER}; report ${outcome.srSopInstanceUID} in the study replaces it (to change the decision, amend that one).`,
    );
  }, 60_000);

  it('refuses a report that is not a Heron report of the study', async () => {
    const res = await signOff('1.2.3.4', 'accept', { studyInstanceUID: studyUid });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      `Report 1.2.3.4 is not a Heron report of study ${studyUid}.`,
    );
  }, 30_000);

  it('amends a decision only as an explicit action: a new signed report replaces both the report and the decision', async () => {
    const verified = (await results()).find((r) => r.replaces.includes(toAccept) && r.signoff.state === 'VERIFIED');
    if (!verified) throw new Error('the accepted report is not listed');
    const unsigned = await signOff(toAccept, 'amend', { studyInstanceUID: studyUid, decision: 'reject', reason: 'x' });
    expect(unsigned.status).toBe(409);
    const noReason = await signOff(verified.srSopInstanceUID, 'amend', {
      studyInstanceUID: studyUid,
      decision: 'reject',
      reason: ' ',
    });
    expect(noReason.status).toBe(400);

    const reason = 'Second look with the prior: the enhancement is benign';
    const res = await signOff(verified.srSopInstanceUID, 'amend', {
      studyInstanceUID: studyUid,
      decision: 'reject',
      reason,
    });
    expect(res.status).toBe(201);
    const outcome = (await res.json()) as { srSopInstanceUID: string };
    expect(outcome).toEqual({
      srSopInstanceUID: expect.any(String),
      replaces: verified.srSopInstanceUID,
      state: 'REJECTED',
      reader: READER,
    });

    const list = await results();
    const amended = byUid(list, outcome.srSopInstanceUID);
    expect(amended.signoff).toMatchObject({ state: 'REJECTED', reader: READER, reason });
    expect(amended.replaces).toEqual([toAccept, verified.srSopInstanceUID]);
    expect(byUid(list, toAccept).supersededBy).toBe(outcome.srSopInstanceUID);
    expect(byUid(list, verified.srSopInstanceUID).supersededBy).toBe(outcome.srSopInstanceUID);
    expect(await validated(outcome.srSopInstanceUID, amended.srSeriesInstanceUID)).toEqual({
      dciodvfy: [],
      dsrdump: [],
    });

    const again = await signOff(verified.srSopInstanceUID, 'amend', {
      studyInstanceUID: studyUid,
      decision: 'accept',
      reason: 'changed my mind again',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe(
      `The decision ${verified.srSopInstanceUID} was already amended; report ${outcome.srSopInstanceUID} in the study replaces it.`,
    );
    const accept = await signOff(toAccept, 'accept', { studyInstanceUID: studyUid });
    expect(accept.status).toBe(409);
    expect(((await accept.json()) as { error: string }).error).toContain(
      `was already rejected by ${READER}; report ${outcome.srSopInstanceUID} in the study replaces it`,
    );
  }, 60_000);
});
