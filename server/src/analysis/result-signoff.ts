/**
 * The reader's sign-off of a Heron result: accept or reject a report stored in a study. The PACS is the system of
 * record (Heron keeps no database), so every check is made against what the study holds, and the decision is
 * stored there as a new signed SR that replaces the report (sr-signoff).
 */
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { dicomwebFailure } from '@heron/dicom/dicomweb';
import type { WrittenObject } from '@heron/dicom/seg';
import { rejectedSr, type Signoff, verifiedSr } from '@heron/dicom/sr';
import { storeObjects } from '@heron/dicom/dicomweb';
import type { SignoffOutcome } from '../contract';
import { studyResults } from './study-results';

export interface SignoffRequest {
  studyInstanceUID: string;
  /** SOP Instance UID of the report. */
  sr: string;
  /** DICOM PN, 'Family^Given'. */
  reader: string;
  organization: string;
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

async function signOff(pacs: DicomwebClient, req: SignoffRequest, state: SignoffOutcome['state'], sign: (original: ArrayBuffer, signoff: Signoff) => WrittenObject): Promise<SignoffOutcome> {
  const { studyInstanceUID, sr } = req;
  const results = await studyResults(pacs, studyInstanceUID);
  const found = results.find((r) => r.srSopInstanceUID === sr);
  if (!found) throw new SignoffRefused(`Report ${sr} is not a Heron report of study ${studyInstanceUID}.`);
  if (found.signoff.state === 'VERIFIED') throw new SignoffRefused(`Report ${sr} was already accepted by ${found.signoff.reader}.`, 409);
  if (found.signoff.state === 'REJECTED') throw new SignoffRefused(`Report ${sr} was already rejected by ${found.signoff.reader}.`, 409);
  if (found.supersededBy) {
    const by = results.find((r) => r.srSopInstanceUID === found.supersededBy);
    const decision = by?.signoff.state === 'REJECTED' ? `rejected by ${by.signoff.reader}` : by?.signoff.state === 'VERIFIED' ? `accepted by ${by.signoff.reader}` : 'replaced';
    throw new SignoffRefused(`Report ${sr} was already ${decision}; report ${found.supersededBy} in the study replaces it.`, 409);
  }
  let original: ArrayBuffer;
  try {
    original = await pacs.retrieveInstance({ studyInstanceUID, seriesInstanceUID: found.srSeriesInstanceUID, sopInstanceUID: sr });
  } catch (err) {
    throw dicomwebFailure(err, `Reading report ${sr}`);
  }
  const signed = sign(original, { readerName: req.reader, organization: req.organization, at: new Date() });
  // One object in one STOW-RS request: it is stored whole or not at all (stow.ts checks every answer).
  await storeObjects(pacs, studyInstanceUID, [signed]);
  return { srSopInstanceUID: signed.sopInstanceUID, replaces: sr, state, reader: req.reader };
}

/** The reader accepts a report: a VERIFIED copy naming them is stored in the study, replacing it. */
export function acceptResult(pacs: DicomwebClient, req: SignoffRequest): Promise<SignoffOutcome> {
  return signOff(pacs, req, 'VERIFIED', verifiedSr);
}

/** The reader rejects a report: a copy recording the rejection, the reason and the reader replaces it. */
export function rejectResult(pacs: DicomwebClient, req: SignoffRequest & { reason: string }): Promise<SignoffOutcome> {
  return signOff(pacs, req, 'REJECTED', (original, signoff) => rejectedSr(original, { ...signoff, reason: req.reason }));
}
