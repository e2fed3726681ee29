/**
 * Wraps a PDF report as an Encapsulated PDF instance (PS3.3 A.45.1) in the study it reports on, for PACS and
 * viewers that do not render SR.
 */
import type { DicomJson } from '../core/dicom-json';
import { dicomDateTime } from '../core/dicom-datetime';
import { datasetToDict } from '../core/dcmjs';
import { type DeviceIdentity, equipment, patientAndStudy } from '../core/derived-header';
import { newUid, type ObjectUids } from '../core/uids';
import type { WrittenObject } from '../seg/seg-writer';
import type { Code } from '../core/codes';

/** An instance the PDF is about or replaces. */
export interface PdfReference {
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

/**
 * The document kind when the caller names none: LOINC 18748-4, the title of a diagnostic imaging report in
 * CID 7000 (PS3.16), which is what a viewer's document list shows beside the Document Title.
 */
export const DIAGNOSTIC_IMAGING_REPORT: Code = {
  CodeValue: '18748-4',
  CodingSchemeDesignator: 'LN',
  CodeMeaning: 'Diagnostic Imaging Report',
};

export const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';

export interface PdfInput {
  /** The object's UIDs when they must be known in advance (an analysis's objects); new ones otherwise. */
  uids?: ObjectUids;
  pdf: Uint8Array;
  title: string;
  reference: DicomJson;
  device: DeviceIdentity;
  seriesNumber?: number;
  createdAt?: Date;
  /** Concept Name Code Sequence (0040,A043); DIAGNOSTIC_IMAGING_REPORT when not given. */
  conceptName?: Code;
  /** The objects the PDF was made from (Source Instance Sequence, Type 1C: required when there are any). */
  sources?: PdfReference[];
  /** An earlier PDF this one replaces (a new decision on the same report), as a predecessor document. */
  replaces?: PdfReference;
}

const sopRef = (r: PdfReference) => ({
  ReferencedSOPClassUID: r.sopClassUID,
  ReferencedSOPInstanceUID: r.sopInstanceUID,
});

/** Hierarchical references (PS3.3 Table 10-4) grouped by series, as the Predecessor Documents Sequence wants them. */
const studySeriesRefs = (studyInstanceUID: string, refs: PdfReference[]) => [
  {
    StudyInstanceUID: studyInstanceUID,
    ReferencedSeriesSequence: [...new Set(refs.map((r) => r.seriesInstanceUID))].map((series) => ({
      SeriesInstanceUID: series,
      ReferencedSOPSequence: refs.filter((r) => r.seriesInstanceUID === series).map(sopRef),
    })),
  },
];

export function writePdf(input: PdfInput): WrittenObject {
  const { pdf } = input;
  if (pdf.length < 8 || new TextDecoder().decode(pdf.subarray(0, 5)) !== '%PDF-')
    throw new Error('The report is not a PDF (it does not start with %PDF-)');
  if (!input.title.trim()) throw new Error('A PDF report needs a document title');
  const sopInstanceUID = input.uids?.sopInstanceUID ?? newUid();
  const seriesInstanceUID = input.uids?.seriesInstanceUID ?? newUid();
  const now = dicomDateTime(input.createdAt ?? new Date());
  const study = patientAndStudy(input.reference);
  // EncapsulatedDocument is OB and must have even length (PS3.5 7.1.1); a pad byte follows the PDF, whose
  // true length EncapsulatedDocumentLength (0042,0015) records.
  const padded = new Uint8Array(pdf.length + (pdf.length % 2));
  padded.set(pdf);
  const dataset: Record<string, unknown> = {
    _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'], vr: 'UI' } },
    _vrMap: { EncapsulatedDocument: 'OB' },
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: ENCAPSULATED_PDF_STORAGE,
    SOPInstanceUID: sopInstanceUID,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    ...study,
    Modality: 'DOC',
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: input.seriesNumber ?? 902,
    SeriesDescription: 'Heron report (PDF)',
    ...equipment(input.device),
    ConversionType: 'WSD',
    InstanceNumber: 1,
    ContentDate: now.date,
    ContentTime: now.time,
    AcquisitionDateTime: now.dateTime,
    BurnedInAnnotation: 'YES',
    DocumentTitle: input.title,
    ConceptNameCodeSequence: [input.conceptName ?? DIAGNOSTIC_IMAGING_REPORT],
    ...(input.sources?.length ? { SourceInstanceSequence: input.sources.map(sopRef) } : {}),
    ...(input.replaces
      ? { PredecessorDocumentsSequence: studySeriesRefs(String(study.StudyInstanceUID), [input.replaces]) }
      : {}),
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: padded.buffer,
    EncapsulatedDocumentLength: pdf.length,
  };
  return {
    bytes: datasetToDict(dataset).write(),
    sopClassUID: ENCAPSULATED_PDF_STORAGE,
    sopInstanceUID,
    seriesInstanceUID,
    studyInstanceUID: String(study.StudyInstanceUID),
  };
}
