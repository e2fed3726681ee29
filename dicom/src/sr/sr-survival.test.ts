// A survival package's answer in the TID 1500 SR: dciodvfy and dsrdump accept the report, its survival group has the
// risk score, the coded risk group and S(t) with each time in UCUM, and our reader gives back the same numbers (and
// the same answer in a classifier's terms for readers of stored results).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomMessage } from '../core/dcmjs';
import { radiomicsGroups, survivalGroup } from '../testing/heron-result';
import { phantomFiles, sourceOf } from '../testing/phantom-source';
import { dciodvfyErrors, dciodvfyWarnings, dsrdump } from '../testing/validators';
import { type SegSource, writeSeg } from '../seg/seg-writer';
import { readSr } from './sr-reader';
import { type SrInput, writeSr } from './sr-writer';

const dir = mkdtempSync(join(tmpdir(), 'heron-sr-survival-'));
const device = { manufacturer: 'Heron project', modelName: 'Heron', softwareVersion: '0.1.0', serialNumber: 'test' };
let input: SrInput & { survival: NonNullable<SrInput['survival']> };

beforeAll(async () => {
  const phantom = await phantomFiles(dir, 23);
  const dce = phantom.series.get('dce');
  if (!dce) throw new Error('phantom without DCE');
  const source: SegSource = sourceOf(dce.seriesInstanceUID, dce.instances);
  const mask = Uint8Array.from(phantom.study.mask.data);
  const seg = writeSeg({
    source,
    segments: [
      { region: { kind: 'tumour' }, mask, algorithmType: 'MANUAL' },
      { region: { kind: 'shell', widthMm: 3 }, mask, algorithmType: 'AUTOMATIC', algorithmName: 'shell' },
    ],
    device,
  });
  input = {
    reference: source.reference,
    evidence: source.slices.map((s) => ({ ...s, seriesInstanceUID: source.seriesInstanceUID })),
    seg: { sopClassUID: seg.sopClassUID, sopInstanceUID: seg.sopInstanceUID, seriesInstanceUID: seg.seriesInstanceUID },
    radiomics: radiomicsGroups(source.seriesInstanceUID),
    survival: survivalGroup(source.seriesInstanceUID),
    algorithm: { name: 'heron-radiomics', version: '0.1.0', parameters: '{}' },
    device,
  };
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the survival group of the SR', () => {
  it('passes dciodvfy and dsrdump and carries score, group and S(t) with the time in UCUM', () => {
    const file = join(dir, 'sr.dcm');
    writeFileSync(file, Buffer.from(writeSr(input).bytes));
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dciodvfyWarnings(file)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain('Disease-free survival risk score');
    expect(dump.text).toContain('{risk}/1');
    expect(dump.text).toContain('High risk of recurrence or death');
    expect(dump.text).toContain('Time after surgery');
    expect(dump.text).toMatch(/"60" \(mo,UCUM,"month"\)/);
  });

  it('reads back the same numbers, and the event probability by the last time as the classifier view', () => {
    const read = readSr(DicomMessage.readFile(writeSr(input).bytes).dict);
    const s = input.survival;
    expect(read.survival).toEqual({
      algorithmName: s.algorithmName,
      algorithmVersion: s.algorithmVersion,
      modelSha256: s.modelSha256,
      question: s.question,
      riskScore: s.riskScore,
      group: 'high',
      groupNames: s.groupNames,
      cutoff: s.cutoff,
      cutoffRule: s.cutoffRule,
      event: s.event,
      timeUnit: 'months',
      survival: s.survival,
      shapBaseValue: s.shapBaseValue,
      shap: s.shap,
    });
    const c = read.classifier;
    expect(c.probability).toBe(1 - s.survival[2].probability);
    expect(c.predictedClass).toBe('positive');
    expect(c.threshold).toBeCloseTo(1 - 0.75 ** Math.exp(s.cutoff), 12);
    expect(c.classes.map((x) => x.CodeMeaning)).toEqual(['low risk', 'high risk']);
  });

  it('refuses a report with both answers or neither, and SHAP values that do not add up', () => {
    expect(() => writeSr({ ...input, survival: undefined })).toThrow(/either a classifier result or a survival/);
    expect(() =>
      writeSr({ ...input, survival: { ...input.survival, shapBaseValue: input.survival.shapBaseValue + 0.1 } }),
    ).toThrow(/do not add up/);
    expect(() =>
      writeSr({ ...input, survival: { ...input.survival, survival: [{ time: 12, probability: 1.5 }] } }),
    ).toThrow(/not a probability/);
  });
});
