/**
 * The reader's sign-off of a stored Heron report, written as DICOM so that the PACS stays the system of record:
 * acceptance and rejection are both new SR instances that copy the report and replace it (PS3.3 C.17.2: a signed
 * document is a new instance; the UNVERIFIED one stays in the study, referenced as the predecessor). Copying the
 * stored object, rather than rebuilding it, guarantees that what the reader signs is exactly what they read.
 */
import { DicomDict, DicomMessage, DicomMetaDictionary } from '../core/dcmjs';
import { dicomDateTime } from '../core/dicom-datetime';
import type { DicomJson } from '../core/dicom-json';
import { newUid } from '../core/uids';
import { code, type Code, HERON_SCHEME } from '../core/codes';
import { SR } from './sr-codes';
import { codeItem, type ContentItem, personItem, textItem } from './sr-content';
import type { WrittenObject } from '../seg/seg-writer';

export interface Signoff {
  /** DICOM PN, 'Family^Given'. */
  readerName: string;
  /** The reader's login at this site: the identifier beside the name (two people may share a name, never a login). */
  readerLogin?: string;
  organization: string;
  at: Date;
  /**
   * The earlier decision on the same report that this one amends. It becomes a second predecessor next to the
   * report, so the study shows which decision replaced which (PS3.3 C.17.2.3, Predecessor Documents).
   */
  amends?: SignedDecision;
}

/** A stored acceptance or rejection, as a predecessor reference. */
export interface SignedDecision {
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

/**
 * The content item that makes a signed copy a rejection (Heron's private scheme, declared in the copy's
 * CodingSchemeIdentificationSequence by the SR writer). sr-reader recognises a rejection by this code.
 */
export const READER_REJECTION = code('REJECTED', HERON_SCHEME.CodingSchemeDesignator, 'Reader rejected the result');

type Dataset = Record<string, unknown>;

/**
 * The login as the Verifying Observer's identifier (PS3.3 C.17.2, Verifying Observer Identification Code Sequence):
 * a code in Heron's scheme whose value is the login, in LongCodeValue when longer than CodeValue's 16 characters
 * (PS3.3 8.8), with the person's name as meaning.
 */
function loginCode(login: string, name: string): Code | Record<string, string> {
  const meaning = name.replace(/\^/g, ' ').trim().slice(0, 64) || login.slice(0, 64);
  const designator = HERON_SCHEME.CodingSchemeDesignator;
  return login.length <= 16
    ? code(login, designator, meaning)
    : { LongCodeValue: login, CodingSchemeDesignator: designator, CodeMeaning: meaning };
}

const CONTENT_SEQUENCE = '0040A730';

/** The report as read (tag-keyed, with the raw values dcmjs keeps) and its header, naturalized for the checks. */
interface Report {
  file: { meta: DicomJson; dict: DicomJson };
  ds: Dataset;
}

function isRejection(item: unknown): boolean {
  const concept = (item as { ConceptNameCodeSequence?: { CodeValue?: string; CodingSchemeDesignator?: string }[] })
    .ConceptNameCodeSequence?.[0];
  return (
    concept?.CodeValue === READER_REJECTION.CodeValue &&
    concept.CodingSchemeDesignator === READER_REJECTION.CodingSchemeDesignator
  );
}

/** The report, refused unless it is an SR nobody has signed yet. */
function unsignedReport(original: ArrayBuffer, signoff: Signoff, action: string): Report {
  if (!signoff.readerName.trim()) throw new Error(`${action} a report needs the name of the reader`);
  const file = DicomMessage.readFile(original);
  const ds = DicomMetaDictionary.naturalizeDataset(file.dict) as Dataset;
  const sop = String(ds.SOPInstanceUID);
  if (ds.Modality !== 'SR') throw new Error(`Object ${sop} is not a structured report`);
  const content = Array.isArray(ds.ContentSequence) ? (ds.ContentSequence as unknown[]) : [];
  if (content.some(isRejection)) throw new Error(`Report ${sop} was already rejected by its reader`);
  if (ds.VerificationFlag === 'VERIFIED') throw new Error(`Report ${sop} is already verified`);
  return { file, ds };
}

/**
 * A VERIFIED copy of the report with new UIDs, the reader as Verifying Observer, the original as predecessor and
 * `added` appended to the root content. Only the changed attributes are re-encoded: the rest is written from the
 * values as read, because a naturalized round trip re-formats DS values (a NUM's 1.23456789E17 comes back as an
 * 18-digit string that dcmjs truncates to 16 characters, PS3.5 Table 6.2-1), which would change what was signed.
 */
function signedCopy(
  { file, ds }: Report,
  signoff: Signoff,
  seriesDescription: string,
  added: ContentItem[],
): WrittenObject {
  const studyUid = String(ds.StudyInstanceUID);
  const predecessors = [
    {
      SeriesInstanceUID: String(ds.SeriesInstanceUID),
      ReferencedSOPSequence: [
        { ReferencedSOPClassUID: String(ds.SOPClassUID), ReferencedSOPInstanceUID: String(ds.SOPInstanceUID) },
      ],
    },
    ...(signoff.amends
      ? [
          {
            SeriesInstanceUID: signoff.amends.seriesInstanceUID,
            ReferencedSOPSequence: [
              {
                ReferencedSOPClassUID: signoff.amends.sopClassUID,
                ReferencedSOPInstanceUID: signoff.amends.sopInstanceUID,
              },
            ],
          },
        ]
      : []),
  ];
  const now = dicomDateTime(signoff.at);
  const sopInstanceUID = newUid();
  const seriesInstanceUID = newUid();
  const changes = DicomMetaDictionary.denaturalizeDataset({
    SOPInstanceUID: sopInstanceUID,
    SeriesInstanceUID: seriesInstanceUID,
    SeriesDescription: seriesDescription,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    ContentDate: now.date,
    ContentTime: now.time,
    VerificationFlag: 'VERIFIED',
    // PS3.3 C.17.2: VerifyingObserverSequence is Type 1C when VERIFIED; its identification code sequence is Type 2.
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: signoff.readerName,
        VerifyingOrganization: signoff.organization,
        VerificationDateTime: now.dateTime,
        VerifyingObserverIdentificationCodeSequence: signoff.readerLogin
          ? [loginCode(signoff.readerLogin, signoff.readerName)]
          : [],
      },
    ],
    PredecessorDocumentsSequence: [{ StudyInstanceUID: studyUid, ReferencedSeriesSequence: predecessors }],
  });
  const content = file.dict[CONTENT_SEQUENCE];
  const copy = new DicomDict({
    ...file.meta,
    // The copy is written in Explicit VR Little Endian like the original, under its own instance UID (PS3.10 7.1).
    '00020003': { vr: 'UI', Value: [sopInstanceUID] },
    '00020010': { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] },
  });
  copy.dict = {
    ...file.dict,
    ...changes,
    [CONTENT_SEQUENCE]: {
      vr: 'SQ',
      Value: [...(content?.Value ?? []), ...added.map((item) => DicomMetaDictionary.denaturalizeDataset(item))],
    },
  };
  return {
    bytes: copy.write(),
    sopClassUID: String(ds.SOPClassUID),
    sopInstanceUID,
    seriesInstanceUID,
    studyInstanceUID: studyUid,
  };
}

/** The reader's acceptance of a stored report: a VERIFIED copy naming them, otherwise unchanged. */
export function verifiedSr(original: ArrayBuffer, signoff: Signoff): WrittenObject {
  return signedCopy(unsignedReport(original, signoff, 'Accepting'), signoff, 'Heron report (verified)', []);
}

/**
 * The reader's rejection of a stored report, with their reason.
 *
 * Encoding: a VERIFIED copy, like an acceptance, whose root container gains one TEXT item
 * (REJECTED, 99HER2AI, "Reader rejected the result") = the reason, carrying the reader as its person observer
 * (TID 1002 rows 121005 = Person, 121008 = name, as HAS OBS CONTEXT of that item). Why:
 * - VERIFIED means the Verifying Observer is accountable for the document's content (PS3.3 C.17.2.1); the content
 *   is now "the algorithm said this, and I reject it because …", which is exactly what the reader attests. Left
 *   UNVERIFIED, the rejection would name nobody accountable, and it would look like a fresh algorithm result that
 *   still awaits sign-off, so another reader could accept the very numbers that were rejected.
 * - The person observer sits on the rejection item only, not at the root, because the reader does not endorse the
 *   measurements: those stay attributed to the Heron device observer.
 * - TID 1500 is extensible (PS3.16), so a further CONTAINS item at the root keeps the document a valid Measurement
 *   Report that OHIF and DCMTK still read; Comprehensive 3D SR allows CONTAINER CONTAINS TEXT and
 *   TEXT HAS OBS CONTEXT CODE/PNAME (PS3.3 A.35.13).
 * - A consumer that looks only at VerificationFlag sees a signed report; SeriesDescription
 *   "Heron report (rejected)" and the rejection item, which every SR renderer shows, tell people it was rejected,
 *   and sr-reader reports the REJECTED state from the item.
 */
export function rejectedSr(original: ArrayBuffer, signoff: Signoff & { reason: string }): WrittenObject {
  const reason = signoff.reason.trim();
  if (!reason) throw new Error('Rejecting a report needs the reason, in words');
  const report = unsignedReport(original, signoff, 'Rejecting');
  const rejection = textItem('CONTAINS', READER_REJECTION, reason, [
    codeItem('HAS OBS CONTEXT', SR.observerType, SR.person),
    personItem('HAS OBS CONTEXT', SR.personName, signoff.readerName),
    // TID 1003 row 4: the login identifies the person where a name may not.
    ...(signoff.readerLogin ? [textItem('HAS OBS CONTEXT', SR.personLoginName, signoff.readerLogin)] : []),
  ]);
  return signedCopy(report, signoff, 'Heron report (rejected)', [rejection]);
}
