// The reader's sign-off: accepted and rejected copies of a stored report that the validators accept and our reader
// reads back with the reader's name, the reason of a rejection and the predecessor; and the refusals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomMessage } from '../core/dcmjs';
import { classifierResult, radiomicsGroups } from '../testing/heron-result';
import { phantomFiles, sourceOf } from '../testing/phantom-source';
import { dciodvfyErrors, dsrdump, pixelmedErrors, pydicom } from '../testing/validators';
import { writeSeg } from '../seg/seg-writer';
import { readSr } from './sr-reader';
import { rejectedSr, verifiedSr } from './sr-signoff';
import type { WrittenObject } from '../seg/seg-writer';
import { writeSr } from './sr-writer';

const dir = mkdtempSync(join(tmpdir(), 'heron-sr-signoff-'));
const device = {
  manufacturer: 'Heron project',
  modelName: 'Heron',
  softwareVersion: '0.1.0',
  serialNumber: 'heron-test',
};
let original: WrittenObject;
let seg: WrittenObject;

beforeAll(async () => {
  const phantom = await phantomFiles(dir, 23);
  const dce = phantom.series.get('dce');
  if (!dce) throw new Error('phantom without DCE');
  const source = sourceOf(dce.seriesInstanceUID, dce.instances);
  seg = writeSeg({
    source,
    segments: [{ region: { kind: 'tumour' }, mask: Uint8Array.from(phantom.study.mask.data), algorithmType: 'MANUAL' }],
    device,
  });
  original = writeSr({
    reference: source.reference,
    evidence: source.slices.map((s) => ({ ...s, seriesInstanceUID: source.seriesInstanceUID })),
    seg: { sopClassUID: seg.sopClassUID, sopInstanceUID: seg.sopInstanceUID, seriesInstanceUID: seg.seriesInstanceUID },
    radiomics: radiomicsGroups(source.seriesInstanceUID),
    classifier: classifierResult(source.seriesInstanceUID),
    algorithm: { name: 'heron', version: '0.1.0', parameters: '{}' },
    device,
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const save = (o: WrittenObject, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(o.bytes));
  return file;
};

/** PixelMed's IOD and TID 1500 checks of a signed report: no error (its warnings: docs/dicom-sr-seg.md §8). */
function expectPixelmedClean(file: string): void {
  expect(pixelmedErrors(file, 'DicomInstanceValidator')).toEqual([]);
  expect(pixelmedErrors(file, 'DicomSRValidator')).toEqual([]);
}

/** Every NUM's DS value as written, in document order. */
const numericValues = (file: string) =>
  pydicom(
    file,
    `
def walk(items):
    for it in items:
        for mv in getattr(it, 'MeasuredValueSequence', []): print(mv.NumericValue)
        walk(getattr(it, 'ContentSequence', []))
walk(ds.ContentSequence)`,
  );

describe('verifiedSr', () => {
  it('writes a new VERIFIED instance naming the reader and replacing the original', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5);
    const v = verifiedSr(original.bytes, { readerName: 'Reader^Ann', organization: 'Breast Imaging', at });
    expect(v.sopInstanceUID).not.toBe(original.sopInstanceUID);
    expect(v.seriesInstanceUID).not.toBe(original.seriesInstanceUID);
    expect(v.studyInstanceUID).toBe(original.studyInstanceUID);
    const file = save(v, 'verified.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dsrdump(file).problems).toEqual([]);
    expectPixelmedClean(file);
    const report = readSr(DicomMessage.readFile(v.bytes).dict);
    expect(report.verificationFlag).toBe('VERIFIED');
    expect(report.verifyingObserverName).toBe('Reader^Ann');
    expect(report.signoff).toEqual({ state: 'VERIFIED', reader: 'Reader^Ann', at: '2026-01-02T03:04:05' });
    expect(report.predecessorSopInstanceUIDs).toEqual([original.sopInstanceUID]);
    expect(report.classifier).toEqual(readSr(DicomMessage.readFile(original.bytes).dict).classifier);
    // The signed copy carries the values exactly as written, including a DS that a re-formatting would truncate.
    expect(numericValues(file)).toBe(numericValues(save(original, 'original.dcm')));
    expect(numericValues(file)).toContain('1.23456789e+17');
  }, 120_000);

  it('refuses to verify twice, an empty reader name, and objects that are not reports', () => {
    const v = verifiedSr(original.bytes, { readerName: 'Reader^Ann', organization: 'X', at: new Date() });
    expect(() => verifiedSr(v.bytes, { readerName: 'Reader^Bob', organization: 'X', at: new Date() })).toThrow(
      'already verified',
    );
    expect(() => verifiedSr(original.bytes, { readerName: ' ', organization: 'X', at: new Date() })).toThrow(
      'name of the reader',
    );
  });
});

describe('an amended decision', () => {
  it('is a new signed copy of the report naming both the report and the decision it replaces', () => {
    const accepted = verifiedSr(original.bytes, { readerName: 'Reader^Ann', organization: 'X', at: new Date() });
    const amends = {
      sopClassUID: accepted.sopClassUID,
      sopInstanceUID: accepted.sopInstanceUID,
      seriesInstanceUID: accepted.seriesInstanceUID,
    };
    const r = rejectedSr(original.bytes, {
      readerName: 'Reader^Ann',
      organization: 'X',
      at: new Date(),
      reason: 'second look: benign',
      amends,
    });
    const file = save(r, 'amended.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dsrdump(file).problems).toEqual([]);
    const report = readSr(DicomMessage.readFile(r.bytes).dict);
    expect(report.signoff).toMatchObject({ state: 'REJECTED', reason: 'second look: benign' });
    expect(report.predecessorSopInstanceUIDs).toEqual([original.sopInstanceUID, accepted.sopInstanceUID]);
  });
});

describe('readSr sign-off', () => {
  it('reads an algorithm report as UNVERIFIED', () => {
    expect(readSr(DicomMessage.readFile(original.bytes).dict).signoff).toEqual({ state: 'UNVERIFIED' });
  });
});

describe('rejectedSr', () => {
  const reason = 'Outline misses the enhancing rim; redo on DCE phase 2';
  const at = new Date(2026, 2, 4, 15, 16, 17);

  it('writes a new VERIFIED instance that records the rejection, its reason and the reader, replacing the original', () => {
    const r = rejectedSr(original.bytes, { readerName: 'Reader^Bob', organization: 'Breast Imaging', at, reason });
    expect(r.sopInstanceUID).not.toBe(original.sopInstanceUID);
    expect(r.seriesInstanceUID).not.toBe(original.seriesInstanceUID);
    expect(r.studyInstanceUID).toBe(original.studyInstanceUID);
    const file = save(r, 'rejected.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expectPixelmedClean(file);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain('<contains TEXT:(,,"Reader rejected the result")=');
    expect(dump.text).toContain('<has obs context PNAME:(,,"Person Observer Name")="Reader^Bob">');
    expect(
      pydicom(file, 'print(ds.VerificationFlag, ds.SeriesDescription, ds.ContentSequence[-1].TextValue, sep="|")'),
    ).toBe(`VERIFIED|Heron report (rejected)|${reason}`);

    const report = readSr(DicomMessage.readFile(r.bytes).dict);
    expect(report.signoff).toEqual({ state: 'REJECTED', reader: 'Reader^Bob', reason, at: '2026-03-04T15:16:17' });
    expect(report.predecessorSopInstanceUIDs).toEqual([original.sopInstanceUID]);
    // What was rejected stays in the record, unchanged.
    expect(report.classifier).toEqual(readSr(DicomMessage.readFile(original.bytes).dict).classifier);
  }, 120_000);

  it('writes a reason in any language as UTF-8 (SpecificCharacterSet ISO_IR 192)', () => {
    // Checked with pydicom: dcmjs 0.52 decodes the items of sequences as Latin-1 whatever the character set, so
    // only its top-level values would read back right. The PACS's DICOM JSON, which the study listing reads, is right.
    const words = 'Kontur verfehlt den Rand – Phase 2 prüfen';
    const file = save(
      rejectedSr(original.bytes, { readerName: 'Müller^Jörg', organization: 'X', at, reason: words }),
      'rejected-utf8.dcm',
    );
    expect(
      pydicom(
        file,
        'print(ds.ContentSequence[-1].TextValue, ds.VerifyingObserverSequence[0].VerifyingObserverName, sep="|")',
      ),
    ).toBe(`${words}|Müller^Jörg`);
    expect(dciodvfyErrors(file)).toEqual([]);
  });

  it('refuses an empty reason, a signed report in either direction, and objects that are not reports', () => {
    const signoff = { readerName: 'Reader^Bob', organization: 'X', at };
    expect(() => rejectedSr(original.bytes, { ...signoff, reason: ' \n ' })).toThrow(
      'Rejecting a report needs the reason',
    );
    expect(() => rejectedSr(original.bytes, { ...signoff, readerName: '', reason })).toThrow(
      'Rejecting a report needs the name of the reader',
    );
    const rejected = rejectedSr(original.bytes, { ...signoff, reason });
    expect(() => rejectedSr(rejected.bytes, { ...signoff, reason })).toThrow(
      `Report ${rejected.sopInstanceUID} was already rejected by its reader`,
    );
    expect(() => verifiedSr(rejected.bytes, signoff)).toThrow('already rejected');
    const verified = verifiedSr(original.bytes, signoff);
    expect(() => rejectedSr(verified.bytes, { ...signoff, reason })).toThrow(
      `Report ${verified.sopInstanceUID} is already verified`,
    );
    expect(() => rejectedSr(seg.bytes, { ...signoff, reason })).toThrow(
      `Object ${seg.sopInstanceUID} is not a structured report`,
    );
  });
});

describe('the signer identified by their login', () => {
  it('records a short login as the Verifying Observer code, a long one as LongCodeValue, and in a rejection', () => {
    const at = new Date(2026, 3, 5, 6, 7, 8);
    const short = verifiedSr(original.bytes, { readerName: 'Doe^Ann', readerLogin: 'ann', organization: 'X', at });
    const shortFile = save(short, 'login-short.dcm');
    expect(dciodvfyErrors(shortFile)).toEqual([]);
    expect(
      pydicom(
        shortFile,
        'c = ds.VerifyingObserverSequence[0].VerifyingObserverIdentificationCodeSequence[0]\nprint(c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning, sep="|")',
      ),
    ).toBe('ann|99HER2AI|Doe Ann');

    const login = 'ann.doe@hospital.example.org';
    const r = rejectedSr(original.bytes, {
      readerName: 'Doe^Ann',
      readerLogin: login,
      organization: 'X',
      at,
      reason: 'no',
    });
    const file = save(r, 'login-long.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain(`<has obs context TEXT:(,,"Person Observer's Login Name")="${login}">`);
    expect(
      pydicom(
        file,
        'c = ds.VerifyingObserverSequence[0].VerifyingObserverIdentificationCodeSequence[0]\nprint(c.LongCodeValue, "CodeValue" in c, sep="|")',
      ),
    ).toBe(`${login}|False`);
  });
});
