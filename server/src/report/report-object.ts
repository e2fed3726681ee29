/**
 * The report as an Encapsulated PDF instance for the study: the board report rendered from the SR just written
 * (or just signed), wrapped by the dicom package's PDF writer with the SR and SEG as its sources.
 */
import { arrayBufferOf, type DeviceIdentity, type DicomJson, DicomMessage, type ObjectUids } from '@heron/dicom/core';
import { type PdfReference, writePdf } from '@heron/dicom/pdf';
import type { WrittenObject } from '@heron/dicom/seg';
import type { Manifest, SurvivalManifest } from '@heron/models';
import { boardReport, type KineticCurve } from './board-report';
import type { KeyImage } from './key-image';
import { type Paper, renderReportPdf } from './report-pdf';
import { REPORT_TITLE } from './report-text';

/** Series number of Heron's report PDFs, beside the SEG's and SR's in the study browser. */
export const REPORT_PDF_SERIES_NUMBER = 902;

export interface ReportObjectInput {
  sr: WrittenObject;
  seg?: PdfReference;
  /** An image of the study, for the patient and study attributes. */
  reference: DicomJson;
  manifest?: Manifest;
  survivalManifest?: SurvivalManifest;
  keyImages?: KeyImage[];
  kinetics?: KineticCurve;
  device: DeviceIdentity;
  version: string;
  createdAt?: Date;
  /** The PDF's UIDs when they must be known in advance (an analysis's report); new ones otherwise. */
  uids?: ObjectUids;
  /** The PDF of the same report this one replaces (after a sign-off). */
  replaces?: PdfReference;
  paper?: Paper;
}

/** Parses a Part 10 object Heron just wrote into the DICOM JSON its readers take. */
export const dicomJsonOf = (bytes: ArrayBuffer | Uint8Array): DicomJson =>
  DicomMessage.readFile(bytes instanceof Uint8Array ? arrayBufferOf(bytes) : bytes).dict;

export async function reportPdf(input: ReportObjectInput): Promise<{ pdf: Uint8Array; object: WrittenObject }> {
  const report = boardReport({
    sr: dicomJsonOf(input.sr.bytes),
    ...(input.manifest ? { manifest: input.manifest } : {}),
    ...(input.survivalManifest ? { survivalManifest: input.survivalManifest } : {}),
    ...(input.keyImages ? { keyImages: input.keyImages } : {}),
    ...(input.kinetics ? { kinetics: input.kinetics } : {}),
    heronVersion: input.version,
    ...(input.replaces ? { replacesPdf: input.replaces.sopInstanceUID } : {}),
  });
  const pdf = await renderReportPdf(report, input.paper);
  const object = writePdf({
    pdf,
    title: `${REPORT_TITLE}: ${report.model.name} ${report.model.version}`,
    reference: input.reference,
    device: input.device,
    seriesNumber: REPORT_PDF_SERIES_NUMBER,
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    ...(input.uids ? { uids: input.uids } : {}),
    sources: [
      {
        sopClassUID: input.sr.sopClassUID,
        sopInstanceUID: input.sr.sopInstanceUID,
        seriesInstanceUID: input.sr.seriesInstanceUID,
      },
      ...(input.seg ? [input.seg] : []),
    ],
    ...(input.replaces ? { replaces: input.replaces } : {}),
  });
  return { pdf, object };
}
