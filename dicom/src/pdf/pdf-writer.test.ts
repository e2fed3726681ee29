// The Encapsulated PDF as the pipeline stores it (with the SR and SEG it was made from, and as the replacement of an
// earlier PDF after a sign-off): dciodvfy and PixelMed's DicomInstanceValidator find no error, and a PDF that is
// not one is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DicomJson } from '../core/dicom-json';
import { newUid } from '../core/uids';
import { dciodvfyErrors, pixelmedErrors } from '../testing/validators';
import { writePdf } from './pdf-writer';

const dir = mkdtempSync(join(tmpdir(), 'heron-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const device = {
  manufacturer: 'Heron project',
  modelName: 'Heron',
  softwareVersion: '0.1.0',
  serialNumber: 'pdf-test',
};
const studyInstanceUID = newUid();
/** The patient and study attributes of a source image, as WADO-RS metadata gives them. */
const reference: DicomJson = {
  '00080020': { vr: 'DA', Value: ['20260102'] },
  '00080030': { vr: 'TM', Value: ['101500'] },
  '00080050': { vr: 'SH', Value: ['ACC123'] },
  '00080090': { vr: 'PN', Value: [{ Alphabetic: 'Referrer^Rita' }] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Müller^Anna' }] },
  '00100020': { vr: 'LO', Value: ['PAT-1'] },
  '00100030': { vr: 'DA', Value: ['19700101'] },
  '00100040': { vr: 'CS', Value: ['F'] },
  '0020000D': { vr: 'UI', Value: [studyInstanceUID] },
  '00200010': { vr: 'SH', Value: ['1'] },
};
// The smallest document that starts as a PDF does; the validators look at the DICOM wrapper, not at the PDF.
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

const sr = { sopClassUID: '1.2.840.10008.5.1.4.1.1.88.22', sopInstanceUID: newUid(), seriesInstanceUID: newUid() };
const seg = { sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUID: newUid(), seriesInstanceUID: newUid() };

function save(bytes: ArrayBuffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(bytes));
  return file;
}

test('the report PDF and its signed replacement: 0 errors from dciodvfy and PixelMed', () => {
  const first = writePdf({ pdf: PDF, title: 'Heron HER2 report', reference, device, sources: [sr, seg] });
  const signed = writePdf({
    pdf: PDF,
    title: 'Heron HER2 report, accepted by Reader^Ann',
    reference,
    device,
    sources: [sr, seg],
    replaces: {
      sopClassUID: first.sopClassUID,
      sopInstanceUID: first.sopInstanceUID,
      seriesInstanceUID: first.seriesInstanceUID,
    },
  });
  for (const [o, name] of [
    [first, 'report.dcm'],
    [signed, 'signed.dcm'],
  ] as const) {
    const file = save(o.bytes, name);
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(pixelmedErrors(file, 'DicomInstanceValidator')).toEqual([]);
  }
}, 120_000);

test('refuses a document that is not a PDF, and an empty title', () => {
  expect(() => writePdf({ pdf: new TextEncoder().encode('<html>'), title: 'x', reference, device })).toThrow(
    /not a PDF/,
  );
  expect(() => writePdf({ pdf: PDF, title: ' ', reference, device })).toThrow(/needs a document title/);
});
