// The reader's acceptance: a verified copy of a stored report that the validators accept and our reader reads back
// with the reader's name and the predecessor.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomMessage } from './dcmjs';
import { classifierResult, radiomicsGroups } from './fixtures/heron-result';
import { phantomFiles, sourceOf } from './fixtures/phantom-source';
import { dciodvfyErrors, dsrdump } from './fixtures/validators';
import { writeSeg } from './seg-writer';
import { readSr } from './sr-reader';
import { verifiedSr } from './sr-verify';
import type { WrittenObject } from './seg-writer';
import { writeSr } from './sr-writer';

const dir = mkdtempSync(join(tmpdir(), 'heron-sr-verify-'));
const device = { manufacturer: 'Heron project', modelName: 'Heron', softwareVersion: '0.1.0', serialNumber: 'heron-test' };
let original: ReturnType<typeof writeSr>;

beforeAll(async () => {
  const phantom = await phantomFiles(dir, 23);
  const dce = phantom.series.get('dce');
  if (!dce) throw new Error('phantom without DCE');
  const source = sourceOf(dce.seriesInstanceUID, dce.instances);
  const seg = writeSeg({ source, segments: [{ region: { kind: 'tumour' }, mask: Uint8Array.from(phantom.study.mask.data), algorithmType: 'MANUAL' }], device });
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
    const report = readSr(DicomMessage.readFile(v.bytes).dict);
    expect(report.verificationFlag).toBe('VERIFIED');
    expect(report.verifyingObserverName).toBe('Reader^Ann');
    expect(report.predecessorSopInstanceUIDs).toEqual([original.sopInstanceUID]);
    expect(report.classifier).toEqual(readSr(DicomMessage.readFile(original.bytes).dict).classifier);
  });

  it('refuses to verify twice, an empty reader name, and objects that are not reports', () => {
    const v = verifiedSr(original.bytes, { readerName: 'Reader^Ann', organization: 'X', at: new Date() });
    expect(() => verifiedSr(v.bytes, { readerName: 'Reader^Bob', organization: 'X', at: new Date() })).toThrow('already verified');
    expect(() => verifiedSr(original.bytes, { readerName: ' ', organization: 'X', at: new Date() })).toThrow('name of the reader');
  });
});
