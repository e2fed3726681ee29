// The TID 1500 SR writer against dciodvfy, dsrdump and pydicom, and our reader: same numbers back, the
// verification flag and observer, the predecessor reference, and refusals of inconsistent input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { code } from '../core/codes';
import { DicomMessage } from '../core/dcmjs';
import { classifierResult, radiomicsGroups } from '../testing/heron-result';
import { phantomFiles, sourceOf } from '../testing/phantom-source';
import { dciodvfyErrors, dciodvfyWarnings, dsrdump, pydicom } from '../testing/validators';
import { type SegSource, writeSeg } from '../seg/seg-writer';
import type { ClassifierCoding, ClassifierResult } from './report-input';
import { readSr } from './sr-reader';
import { type SrInput, writeSr } from './sr-writer';

const dir = mkdtempSync(join(tmpdir(), 'heron-sr-'));
const device = {
  manufacturer: 'Heron project',
  modelName: 'Heron',
  softwareVersion: '0.1.0',
  serialNumber: 'heron-test',
};
let input: SrInput & { classifier: ClassifierResult };

beforeAll(async () => {
  const phantom = await phantomFiles(dir, 22);
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
    classifier: classifierResult(source.seriesInstanceUID),
    algorithm: { name: 'heron-radiomics', version: '0.1.0', parameters: '{"binWidth":25}' },
    device,
    laterality: 'L',
  };
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(bytes: ArrayBuffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(bytes));
  return file;
}

describe('writeSr', () => {
  it('writes an UNVERIFIED report that dciodvfy, dsrdump and pydicom accept', () => {
    const file = save(writeSr(input).bytes, 'sr.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dciodvfyWarnings(file)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain('TID 1500 (DCMR)');
    expect(dump.text).toContain('TID 1411 (DCMR)');
    expect(
      pydicom(
        file,
        'print(ds.VerificationFlag, ds.ContentSequence[-1].ContentSequence[-1].ContentSequence[0].TextValue)',
      ),
    ).toBe('UNVERIFIED Tumour HER2 classifier');
  });

  it('reads a HER2 report written before reports named their classes (no classes= parameter)', () => {
    const dict = DicomMessage.readFile(writeSr(input).bytes).dict;
    const stripClasses = (items: unknown): void => {
      for (const it of (items as Array<Record<string, { vr?: string; Value?: unknown[]; _rawValue?: unknown }>>) ??
        []) {
        const value = it['0040A160']?.Value;
        if (typeof value?.[0] === 'string' && value[0].startsWith('classes='))
          it['0040A160'] = { vr: 'UT', Value: ['legacy'] };
        stripClasses(it['0040A730']?.Value);
      }
    };
    stripClasses(dict['0040A730'].Value);
    expect(JSON.stringify(dict).includes('classes=')).toBe(false);
    const report = readSr(dict);
    expect(report.classifier.predictedClass).toBe(
      readSr(DicomMessage.readFile(writeSr(input).bytes).dict).classifier.predictedClass,
    );
  });

  it('reads back the same numbers: features by PyRadiomics name, probability, class, SHAP base and values', () => {
    const report = readSr(DicomMessage.readFile(writeSr(input).bytes).dict);
    expect(report.verificationFlag).toBe('UNVERIFIED');
    const [intra, peri] = report.radiomics;
    expect([intra.sequence, intra.region, intra.segmentNumber, peri.region, peri.segmentNumber]).toEqual([
      'DCE2',
      'intra',
      1,
      'peri3mm',
      2,
    ]);
    const expected = Object.fromEntries(
      input.radiomics[0].features.filter((f) => !Number.isNaN(f.value)).map((f) => [f.name, f.value]),
    );
    expect(intra.features).toEqual(expected);
    expect(peri.features).toEqual({ original_firstorder_Mean: 0.30000000000000004 });
    const c = input.classifier;
    expect(report.classifier).toEqual({
      algorithmName: c.algorithmName,
      algorithmVersion: c.algorithmVersion,
      modelSha256: c.modelSha256,
      question: c.question,
      probability: c.probability,
      predictedClass: c.predictedClass,
      shapBaseValue: c.shapBaseValue,
      shap: c.shap,
      // What the report records for its readers (the tumour-board report): threshold, SHAP scale and classes.
      threshold: c.threshold,
      shapSpace: c.shapSpace,
      classes: c.coding.classes,
    });
  });

  it('records the DCE kinetics as coded measurements and classes; a kinetic model input gets its SHAP value', () => {
    const kinetics = {
      segmentNumber: 1,
      sourceSeriesInstanceUID: input.classifier.sourceSeriesInstanceUID,
      initialEnhancementPercent: 142.1,
      peakEnhancementPercent: 144.2,
      timeToPeakS: 264,
      washInSlopePercentPerMin: 67.5,
      ser: null,
      delayedChangePercent: -18.3,
      initialPhase: 'rapid' as const,
      curveType: 'washout' as const,
      parameters: '{"persistentAbovePercent":10,"washoutBelowPercent":-10}',
    };
    const classifier = {
      ...input.classifier,
      shap: [...input.classifier.shap, { input: 'DCE/kinetics/ser', value: 0 }],
    };
    const bytes = writeSr({ ...input, kinetics, classifier }).bytes;
    const file = save(bytes, 'sr-kinetics.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dciodvfyWarnings(file)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain('"DCE kinetics"');
    expect(dump.text).toMatch(/Initial enhancement.*="142\.1" \(%,UCUM,"percent"\)/);
    expect(dump.text).toMatch(/Time to peak enhancement after injection.*="264" \(s,UCUM,"second"\)/);
    expect(dump.text).toContain('(KINWASHOUT,99HER2AI,"Washout delayed enhancement")');
    expect(dump.text).toContain('(KINRAPID,99HER2AI,"Rapid initial enhancement")');
    expect(dump.text).not.toContain('Signal enhancement ratio"=');
    // Our reader still reads the radiomics and the classifier of a report with a kinetics group.
    const report = readSr(DicomMessage.readFile(bytes).dict);
    expect(report.radiomics).toHaveLength(input.radiomics.length);
    expect(report.classifier.shap.at(-1)).toEqual({ input: 'DCE/kinetics/ser', value: 0 });
  });

  it("codes the classifier as its model's manifest says: another question's report names it and reads back its class", () => {
    const H = '99HER2AI';
    const coding: ClassifierCoding = {
      subject: 'pCR',
      probability: code('PCRPROB', H, 'Probability of pathological complete response'),
      prediction: code('PCRPRED', H, 'Predicted response to neoadjuvant therapy'),
      classes: [code('RESIDUAL', H, 'Residual invasive disease'), code('PCR', H, 'Pathological complete response')],
    };
    const pcr = (predictedClass: 'positive' | 'negative'): SrInput => ({
      ...input,
      classifier: { ...input.classifier, coding, predictedClass },
    });
    const file = save(writeSr(pcr('positive')).bytes, 'sr-pcr.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dsrdump(file).problems).toEqual([]);
    expect(
      pydicom(
        file,
        'print(ds.SeriesDescription, ds.ContentSequence[-1].ContentSequence[-1].ContentSequence[0].TextValue, sep="|")',
      ),
    ).toBe('Heron pCR result (unverified)|Tumour pCR classifier');
    for (const predictedClass of ['positive', 'negative'] as const) {
      const report = readSr(DicomMessage.readFile(writeSr(pcr(predictedClass)).bytes).dict);
      expect([report.classifier.predictedClass, report.classifier.probability]).toEqual([
        predictedClass,
        input.classifier.probability,
      ]);
    }
  });

  it("records a conditional question's condition, which dciodvfy and dsrdump accept and the reader reads back", () => {
    const condition =
      'Asked because HER2-positive vs negative (her2-demo 1.0.0) called the tumour HER2-negative (probability 0.2 below its threshold 0.5).';
    const file = save(writeSr({ ...input, classifier: { ...input.classifier, condition } }).bytes, 'sr-condition.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    const dump = dsrdump(file);
    expect(dump.problems).toEqual([]);
    expect(dump.text).toContain('Asked on condition');
    expect(
      readSr(DicomMessage.readFile(writeSr({ ...input, classifier: { ...input.classifier, condition } }).bytes).dict)
        .classifier.condition,
    ).toBe(condition);
    expect(readSr(DicomMessage.readFile(writeSr(input).bytes).dict).classifier.condition).toBeUndefined();
  });

  it('writes the reader acceptance as a new VERIFIED document naming the reader and the report it replaces', () => {
    const first = writeSr(input);
    const verified = writeSr({
      ...input,
      verification: {
        readerName: 'Reader^One',
        organization: 'Breast Imaging',
        verifiedAt: new Date(),
        predecessor: first,
      },
    });
    expect(verified.sopInstanceUID).not.toBe(first.sopInstanceUID);
    const file = save(verified.bytes, 'sr-verified.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dsrdump(file).problems).toEqual([]);
    const report = readSr(DicomMessage.readFile(verified.bytes).dict);
    expect(report.verificationFlag).toBe('VERIFIED');
    expect(report.verifyingObserverName).toBe('Reader^One');
    expect(report.predecessorSopInstanceUIDs).toEqual([first.sopInstanceUID]);
  });

  it('refuses SHAP values that do not add up, a probability outside [0, 1] and a malformed model hash', () => {
    const c = input.classifier;
    expect(() => writeSr({ ...input, classifier: { ...c, shapBaseValue: c.shapBaseValue + 0.1 } })).toThrow(
      /SHAP values do not add up/,
    );
    expect(() => writeSr({ ...input, classifier: { ...c, probability: 1.2 } })).toThrow(
      'classifier.probability must be in [0, 1], got 1.2',
    );
    expect(() => writeSr({ ...input, classifier: { ...c, modelSha256: 'abc' } })).toThrow(/modelSha256/);
  });
});

describe('names in other character sets', () => {
  it('carries a Japanese patient name read from an ISO 2022 file into the SR as UTF-8, which pydicom reads back', () => {
    // The name as readPart10 gives it for pydicom's chrH31.dcm (ISO 2022 IR 87).
    const name = { Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' };
    const reference = { ...input.reference, '00100010': { vr: 'PN', Value: [name] } };
    const sr = writeSr({ ...input, reference });
    const file = save(sr.bytes, 'sr-japanese.dcm');
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(pydicom(file, 'print(ds.SpecificCharacterSet, str(ds.PatientName))')).toBe(
      'ISO_IR 192 Yamada^Tarou=山田^太郎=やまだ^たろう',
    );
  });
});
