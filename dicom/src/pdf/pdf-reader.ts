/** The PDF inside an Encapsulated PDF instance (PS3.3 A.45.1), without the pad byte that keeps its value even. */
import { DicomMessage } from '../core/dcmjs';
import { ENCAPSULATED_PDF_STORAGE } from './pdf-writer';

export function readPdf(part10: ArrayBuffer): Uint8Array {
  const dict = DicomMessage.readFile(part10).dict;
  if (dict['00080016']?.Value?.[0] !== ENCAPSULATED_PDF_STORAGE) throw new Error('This is not an Encapsulated PDF');
  const doc = dict['00420011']?.Value?.[0] as ArrayBuffer | undefined;
  // EncapsulatedDocumentLength is Type 1C in newer editions; without it the pad byte (a NUL) may follow the PDF.
  const length = (dict['00420015']?.Value?.[0] as number | undefined) ?? doc?.byteLength;
  if (!doc || length === undefined || length > doc.byteLength)
    throw new Error('The Encapsulated PDF holds no document of the length it states');
  return new Uint8Array(doc, 0, length);
}
