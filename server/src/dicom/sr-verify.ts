import { datasetToDict, DicomMessage, DicomMetaDictionary } from './dcmjs';
import { dicomDateTime } from './dicom-datetime';
import { newUid } from './new-uid';
import type { WrittenObject } from './seg-writer';

export interface Signoff {
  /** DICOM PN, 'Family^Given'. */
  readerName: string;
  organization: string;
  at: Date;
}

/**
 * The reader's acceptance of a stored report: a copy of it with new UIDs, VerificationFlag VERIFIED, the reader as
 * Verifying Observer and the original as its predecessor (PS3.3 C.17.2: a verified document is a new instance; the
 * UNVERIFIED one stays in the study). Copying the stored object, rather than rebuilding it, guarantees that what the
 * reader signs is exactly what they read.
 */
export function verifiedSr(original: ArrayBuffer, signoff: Signoff): WrittenObject {
  if (!signoff.readerName.trim()) throw new Error('Accepting a report needs the name of the reader');
  const { dict } = DicomMessage.readFile(original);
  const ds = DicomMetaDictionary.naturalizeDataset(dict) as Record<string, unknown>;
  if (ds.Modality !== 'SR') throw new Error(`Object ${String(ds.SOPInstanceUID)} is not a structured report`);
  if (ds.VerificationFlag === 'VERIFIED') throw new Error(`Report ${String(ds.SOPInstanceUID)} is already verified`);
  const studyUid = String(ds.StudyInstanceUID);
  const predecessor = {
    ReferencedSOPClassUID: String(ds.SOPClassUID),
    ReferencedSOPInstanceUID: String(ds.SOPInstanceUID),
  };
  const predecessorSeries = String(ds.SeriesInstanceUID);
  const now = dicomDateTime(signoff.at);
  const sopInstanceUID = newUid();
  const seriesInstanceUID = newUid();
  const verified = {
    ...ds,
    // dcmjs writes the file meta from this; the copy is written in Explicit VR Little Endian like the original.
    _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'], vr: 'UI' } },
    SOPInstanceUID: sopInstanceUID,
    SeriesInstanceUID: seriesInstanceUID,
    SeriesDescription: 'Heron report (verified)',
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    ContentDate: now.date,
    ContentTime: now.time,
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: signoff.readerName,
        VerifyingOrganization: signoff.organization,
        VerificationDateTime: now.dateTime,
        VerifyingObserverIdentificationCodeSequence: [],
      },
    ],
    PredecessorDocumentsSequence: [
      { StudyInstanceUID: studyUid, ReferencedSeriesSequence: [{ SeriesInstanceUID: predecessorSeries, ReferencedSOPSequence: [predecessor] }] },
    ],
  };
  return {
    bytes: datasetToDict(verified).write(),
    sopClassUID: String(ds.SOPClassUID),
    sopInstanceUID,
    seriesInstanceUID,
    studyInstanceUID: studyUid,
  };
}
