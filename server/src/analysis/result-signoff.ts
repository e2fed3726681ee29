/**
 * The reader's sign-off of a Heron result: accept or reject a report stored in a study. The PACS is the system of
 * record (Heron keeps no database), so every check is made against what the study holds, and the decision is
 * stored there as a new signed SR that replaces the report (sr-signoff).
 */
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { dicomwebFailure } from '@heron/dicom/dicomweb';
import type { WrittenObject } from '@heron/dicom/seg';
import { COMPREHENSIVE_3D_SR, rejectedSr, type Signoff, verifiedSr } from '@heron/dicom/sr';
import { storeObjects } from '@heron/dicom/dicomweb';
import type { DeviceIdentity } from '@heron/dicom/core';
import type { Manifest, SurvivalManifest } from '@heron/models';
import type { SignoffOutcome } from '../contract';
import { studyResults } from './study-results';
import { reportPdf, dicomJsonOf } from '../report/report-object';
import { findReportPdf, keyImagesFromPacs, seriesOf } from '../report/report-sources';
import { readSr } from '@heron/dicom/sr';
import { SEGMENTATION_STORAGE } from '@heron/dicom/core';

export interface SignoffRequest {
  studyInstanceUID: string;
  /** SOP Instance UID of the report. */
  sr: string;
  /** DICOM PN, 'Family^Given'. */
  reader: string;
  /** The reader's login, recorded as the identifier beside the name. */
  readerLogin?: string;
  organization: string;
  /** When given, a new report PDF with the decision is stored with the signed SR, replacing the report's PDF. */
  report?: SignoffReport;
}

export interface SignoffReport {
  manifests: Manifest[];
  /** The installed survival packages' manifests, for a survival report's PDF. */
  survivalManifests?: SurvivalManifest[];
  device: DeviceIdentity;
  version: string;
}

/**
 * The signed SR and, when asked for, the report PDF that shows the decision, to be stored in one STOW so the PACS
 * never holds a decision without its PDF or the reverse. `replacing` is the SR whose PDF the new one replaces.
 */
async function signedObjects(
  pacs: DicomwebClient,
  req: SignoffRequest,
  signed: WrittenObject,
  replacing: string,
): Promise<WrittenObject[]> {
  if (!req.report) return [signed];
  const json = dicomJsonOf(signed.bytes);
  const read = readSr(json);
  const c = read.classifier;
  const manifest = req.report.manifests.find((m) => m.name === c.algorithmName && m.version === c.algorithmVersion);
  const survivalManifest = read.survival
    ? req.report.survivalManifests?.find((m) => m.name === c.algorithmName && m.version === c.algorithmVersion)
    : undefined;
  const segUid = read.radiomics.find((g) => g.segSopInstanceUID)?.segSopInstanceUID;
  const [keyImages, replaces, segSeries] = await Promise.all([
    // The decision matters more than its pictures: a report whose SEG cannot be read is still signed, without them.
    keyImagesFromPacs(pacs, req.studyInstanceUID, read, manifest ?? survivalManifest).catch(() => []),
    findReportPdf(pacs, req.studyInstanceUID, replacing),
    segUid ? seriesOf(pacs, req.studyInstanceUID, segUid) : undefined,
  ]);
  const { object } = await reportPdf({
    sr: signed,
    ...(segUid && segSeries
      ? { seg: { sopClassUID: SEGMENTATION_STORAGE, sopInstanceUID: segUid, seriesInstanceUID: segSeries } }
      : {}),
    reference: json,
    ...(manifest ? { manifest } : {}),
    ...(survivalManifest ? { survivalManifest } : {}),
    keyImages,
    device: req.report.device,
    version: req.report.version,
    ...(replaces ? { replaces } : {}),
  });
  return [signed, object];
}

/**
 * A sign-off the study's state does not allow; the API answers with `status`: 409 when the report was already
 * decided (the message names that decision), 400 when it is not a Heron report of the study.
 */
export class SignoffRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409 = 400,
  ) {
    super(message);
  }
}

async function signOff(
  pacs: DicomwebClient,
  req: SignoffRequest,
  state: SignoffOutcome['state'],
  sign: (original: ArrayBuffer, signoff: Signoff) => WrittenObject,
): Promise<SignoffOutcome> {
  const { studyInstanceUID, sr } = req;
  const results = await studyResults(pacs, studyInstanceUID);
  const found = results.find((r) => r.srSopInstanceUID === sr);
  if (!found) throw new SignoffRefused(`Report ${sr} is not a Heron report of study ${studyInstanceUID}.`);
  if (found.signoff.state === 'VERIFIED')
    throw new SignoffRefused(
      `Report ${sr} was already accepted by ${found.signoff.reader}; to change the decision, amend it.`,
      409,
    );
  if (found.signoff.state === 'REJECTED')
    throw new SignoffRefused(
      `Report ${sr} was already rejected by ${found.signoff.reader}; to change the decision, amend it.`,
      409,
    );
  if (found.supersededBy) {
    const by = results.find((r) => r.srSopInstanceUID === found.supersededBy);
    const decision =
      by?.signoff.state === 'REJECTED'
        ? `rejected by ${by.signoff.reader}`
        : by?.signoff.state === 'VERIFIED'
          ? `accepted by ${by.signoff.reader}`
          : 'replaced';
    throw new SignoffRefused(
      `Report ${sr} was already ${decision}; report ${found.supersededBy} in the study replaces it (to change the decision, amend that one).`,
      409,
    );
  }
  let original: ArrayBuffer;
  try {
    original = await pacs.retrieveInstance({
      studyInstanceUID,
      seriesInstanceUID: found.srSeriesInstanceUID,
      sopInstanceUID: sr,
    });
  } catch (err) {
    throw dicomwebFailure(err, `Reading report ${sr}`);
  }
  const signed = sign(original, {
    readerName: req.reader,
    ...(req.readerLogin ? { readerLogin: req.readerLogin } : {}),
    organization: req.organization,
    at: new Date(),
  });
  // The signed SR and its PDF in one STOW-RS request: stored whole or not at all (stow.ts checks every answer).
  await storeObjects(pacs, studyInstanceUID, await signedObjects(pacs, req, signed, sr));
  return { srSopInstanceUID: signed.sopInstanceUID, replaces: sr, state, reader: req.reader };
}

/** The reader accepts a report: a VERIFIED copy naming them is stored in the study, replacing it. */
export function acceptResult(pacs: DicomwebClient, req: SignoffRequest): Promise<SignoffOutcome> {
  return signOff(pacs, req, 'VERIFIED', verifiedSr);
}

export interface AmendRequest extends SignoffRequest {
  /** The new decision on the report the amended decision was about. */
  decision: 'accept' | 'reject';
  /** Why the earlier decision is changed; for a rejection, also its reason. */
  reason: string;
}

/**
 * The reader changes a decision: `sr` is the acceptance or rejection in force, and the new decision is a signed copy
 * of the same report that names both the report and the decision it amends as predecessors. An amendment is always
 * this explicit action; a second Accept or Reject on a decided report is refused.
 */
export async function amendDecision(pacs: DicomwebClient, req: AmendRequest): Promise<SignoffOutcome> {
  const { studyInstanceUID, sr } = req;
  const results = await studyResults(pacs, studyInstanceUID);
  const decided = results.find((r) => r.srSopInstanceUID === sr);
  if (!decided) throw new SignoffRefused(`Report ${sr} is not a Heron report of study ${studyInstanceUID}.`);
  if (decided.signoff.state === 'UNVERIFIED') {
    if (decided.supersededBy)
      throw new SignoffRefused(
        `Report ${sr} was already decided; to change the decision, amend report ${decided.supersededBy}.`,
        409,
      );
    throw new SignoffRefused(`Report ${sr} has no decision to amend; accept or reject it.`);
  }
  if (decided.supersededBy)
    throw new SignoffRefused(
      `The decision ${sr} was already amended; report ${decided.supersededBy} in the study replaces it.`,
      409,
    );
  const report = results.find((r) => decided.replaces.includes(r.srSopInstanceUID) && r.signoff.state === 'UNVERIFIED');
  if (!report)
    throw new SignoffRefused(`The report decision ${sr} was about is no longer in study ${studyInstanceUID}.`);
  let original: ArrayBuffer;
  try {
    original = await pacs.retrieveInstance({
      studyInstanceUID,
      seriesInstanceUID: report.srSeriesInstanceUID,
      sopInstanceUID: report.srSopInstanceUID,
    });
  } catch (err) {
    throw dicomwebFailure(err, `Reading report ${report.srSopInstanceUID}`);
  }
  // Every Heron report and signed copy is a Comprehensive 3D SR (sr-writer).
  const amends = {
    sopClassUID: COMPREHENSIVE_3D_SR,
    sopInstanceUID: sr,
    seriesInstanceUID: decided.srSeriesInstanceUID,
  };
  const signoff = {
    readerName: req.reader,
    ...(req.readerLogin ? { readerLogin: req.readerLogin } : {}),
    organization: req.organization,
    at: new Date(),
    amends,
  };
  const signed =
    req.decision === 'accept'
      ? verifiedSr(original, signoff)
      : rejectedSr(original, { ...signoff, reason: req.reason });
  await storeObjects(pacs, studyInstanceUID, await signedObjects(pacs, req, signed, sr));
  return {
    srSopInstanceUID: signed.sopInstanceUID,
    replaces: sr,
    state: req.decision === 'accept' ? 'VERIFIED' : 'REJECTED',
    reader: req.reader,
  };
}

/** The reader rejects a report: a copy recording the rejection, the reason and the reader replaces it. */
export function rejectResult(pacs: DicomwebClient, req: SignoffRequest & { reason: string }): Promise<SignoffOutcome> {
  return signOff(pacs, req, 'REJECTED', (original, signoff) =>
    rejectedSr(original, { ...signoff, reason: req.reason }),
  );
}
