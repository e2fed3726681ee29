// Reading a stored report PDF back for the tests: the PDF out of its Encapsulated PDF instance, its text (pdftotext)
// and its pages as PNG (pdftoppm), kept under test-artifacts for a person to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arrayBufferOf, DicomMessage, type DicomJson } from '@heron/dicom/core';
import { artifactsDir } from './paths';

/** The PDF inside an Encapsulated PDF instance (Part 10 bytes), without the pad byte. */
export function pdfOf(part10: ArrayBuffer | Uint8Array): { pdf: Uint8Array; dataset: DicomJson } {
  const dict = DicomMessage.readFile(part10 instanceof Uint8Array ? arrayBufferOf(part10) : part10).dict;
  const doc = dict['00420011']?.Value?.[0] as ArrayBuffer | undefined;
  const length = dict['00420015']?.Value?.[0] as number | undefined;
  if (!doc || length === undefined) throw new Error('not an Encapsulated PDF: no EncapsulatedDocument');
  return { pdf: new Uint8Array(doc).subarray(0, length), dataset: dict };
}

/** pdftotext -layout of a PDF file. */
export const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** Writes `files` under test-artifacts/<folder> and renders the PDF's pages as PNG next to it; returns the PNG paths. */
export function keepPdf(
  folder: string,
  name: string,
  pdf: Uint8Array,
  dicom?: Uint8Array,
): { pdf: string; pages: string[] } {
  const dir = join(artifactsDir, folder);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  if (dicom) writeFileSync(join(dir, `${name}.dcm`), dicom);
  execFileSync('pdftoppm', ['-r', '80', '-png', file, join(dir, name)]);
  const pages = readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .map((f) => join(dir, f));
  return { pdf: file, pages };
}
