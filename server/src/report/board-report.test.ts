// The report model from a real Heron SR (written by the SR writer, read back by readSr): what it says with and
// without the model's manifest, the decision after a sign-off, and refusals of what is not a Heron report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DicomJson } from '@heron/dicom/core';
import { classifierResult, phantomFiles, radiomicsGroups, sourceOf, survivalGroup } from '@heron/dicom/testing';
import { rejectedSr, verifiedSr, writeSr } from '@heron/dicom/sr';
import type { WrittenObject } from '@heron/dicom/seg';
import { parseManifest, parseSurvivalManifest, type Manifest } from '@heron/models';
import dfsManifest from '../../../models/dfs-demo/manifest.json';
import demoManifest from '../../../models/her2-demo/manifest.json';
import { boardReport, explanationSentence } from './board-report';
import { dicomJsonOf } from './report-object';
import { reportMain } from './report-html';
import { headline, modelCardLines, resultLine, survivalLines } from './report-text';

const dir = mkdtempSync(join(tmpdir(), 'heron-board-report-'));
const device = { manufacturer: 'Heron project', modelName: 'Heron', softwareVersion: '0.1.0', serialNumber: 't' };
let sr: WrittenObject;
let srJson: DicomJson;

beforeAll(async () => {
  const phantom = await phantomFiles(dir, 23);
  const dce = phantom.series.get('dce');
  if (!dce) throw new Error('phantom without DCE');
  const source = sourceOf(dce.seriesInstanceUID, dce.instances);
  const seg = {
    sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4',
    sopInstanceUID: '1.2.3.4.5',
    seriesInstanceUID: '1.2.3.4',
  };
  sr = writeSr({
    reference: source.reference,
    evidence: source.slices.map((s) => ({ ...s, seriesInstanceUID: source.seriesInstanceUID })),
    seg,
    radiomics: radiomicsGroups(source.seriesInstanceUID),
    classifier: classifierResult(source.seriesInstanceUID),
    algorithm: { name: 'Heron', version: '0.1.0', parameters: '{}' },
    device,
  });
  srJson = dicomJsonOf(sr.bytes);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo manifest renamed as the model that wrote the test SR (the SR fixture's model is not a real package). */
function matchingManifest(edit: (m: Manifest) => void = () => {}): Manifest {
  const m = parseManifest(structuredClone(demoManifest));
  const c = classifierResult('1.2');
  Object.assign(m, { name: c.algorithmName, version: c.algorithmVersion });
  m.model.sha256 = c.modelSha256;
  edit(m);
  return m;
}

describe('boardReport', () => {
  it('renders from the SR alone when the model package is not installed, and says so', () => {
    const r = boardReport({ sr: srJson, heronVersion: '9.9.9' });
    const c = classifierResult('1.2');
    expect(r.question).toBe(c.question);
    expect(r.result.probability).toBeCloseTo(c.probability, 12);
    expect(r.result.threshold).toBe(0.5);
    expect(r.result.classes[1]).toBe('Human epidermal growth factor 2 positive carcinoma of breast');
    expect(r.model).toEqual({
      name: c.algorithmName,
      version: c.algorithmVersion,
      sha256: c.modelSha256,
      synthetic: null,
      installed: false,
    });
    expect(r.modelCard).toBeNull();
    expect(r.outOfRange).toBeNull();
    expect(r.shap.space).toBe('log-odds');
    // Largest |SHAP| first, and the feature value from the SR beside it.
    expect(r.shap.bars.map((b) => b.input)).toEqual([
      'DCE2/peri3mm/original_firstorder_Mean',
      'DCE2/intra/wavelet-HLL_glcm_Idmn',
      'clinical/ki67_high',
      'DCE2/intra/original_shape_Sphericity',
    ]);
    expect(r.shap.bars[0].value).toBeCloseTo(0.3, 12);
    expect(r.shap.bars[2].value).toBeUndefined();
    expect(r.decision).toEqual({ state: 'UNVERIFIED' });
    expect(r.uids).toEqual({ sr: sr.sopInstanceUID, seg: '1.2.3.4.5' });
    expect(r.heronVersion).toBe('9.9.9');
    expect(r.patient.id).not.toBe('');
    expect(r.study.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('takes the model card, the classes and the training ranges from the manifest of the same model only', () => {
    const m = matchingManifest((m) => {
      const sph = m.inputs.find((i) => i.name === 'DCE2/intra/original_shape_Sphericity');
      if (sph) Object.assign(sph.training, { min: 0.9, max: 1 });
    });
    const r = boardReport({ sr: srJson, manifest: m, heronVersion: '1' });
    expect(r.model.installed).toBe(true);
    expect(r.model.synthetic).toBe(true);
    expect(r.result.classes).toEqual(['HER2-negative', 'HER2-positive']);
    expect(r.modelCard?.performance[1]).toMatchObject({ set: 'test', n: 150 });
    expect(r.outOfRange).toEqual([
      { input: 'DCE2/intra/original_shape_Sphericity', value: 0.8123456789012345, min: 0.9, max: 1 },
    ]);

    const otherVersion = matchingManifest((m) => (m.version = '2.0.0'));
    expect(boardReport({ sr: srJson, manifest: otherVersion, heronVersion: '1' }).model.installed).toBe(false);
  });

  it('reports the decision of a signed copy', () => {
    const at = new Date(2026, 2, 4, 9, 30);
    const accepted = verifiedSr(sr.bytes as ArrayBuffer, { readerName: 'Curie^Marie', organization: 'H', at });
    expect(boardReport({ sr: dicomJsonOf(accepted.bytes), heronVersion: '1' }).decision).toEqual({
      state: 'VERIFIED',
      reader: 'Curie^Marie',
      at: '2026-03-04T09:30:00',
    });
    const rejected = rejectedSr(sr.bytes as ArrayBuffer, {
      readerName: 'Curie^Marie',
      organization: 'H',
      at,
      reason: 'Outline includes the nipple.',
    });
    expect(boardReport({ sr: dicomJsonOf(rejected.bytes), heronVersion: '1' }).decision).toMatchObject({
      state: 'REJECTED',
      reason: 'Outline includes the nipple.',
    });
  });

  it('draws a kinetic curve only when it is one', () => {
    const curve = { timeS: [0, 60, 120], meanSignal: [100, 180, 170] };
    expect(boardReport({ sr: srJson, heronVersion: '1', kinetics: curve }).kinetics).toEqual(curve);
    for (const bad of [
      { timeS: [0], meanSignal: [1] },
      { timeS: [0, 60], meanSignal: [1] },
      { timeS: [0, Number.NaN], meanSignal: [1, 2] },
    ])
      expect(boardReport({ sr: srJson, heronVersion: '1', kinetics: bad }).kinetics).toBeUndefined();
  });

  it('refuses an SR that is not a Heron report, with readSr’s reason', () => {
    const notTid1500 = {
      ...srJson,
      '0040A043': {
        vr: 'SQ',
        Value: [{ '00080100': { vr: 'SH', Value: ['11528-7'] }, '00080102': { vr: 'SH', Value: ['LN'] } }],
      },
    } as DicomJson;
    expect(() => boardReport({ sr: notTid1500, heronVersion: '1' })).toThrow(
      /not a TID 1500 Imaging Measurement Report/,
    );
  });
});

describe('explanationSentence', () => {
  it('names the largest push each way, on the SHAP scale', () => {
    const s = explanationSentence(
      [
        { input: 'a', shap: 0.4 },
        { input: 'b', shap: -0.25 },
        { input: 'c', shap: 0.1 },
      ],
      ['neg', 'pos'],
      'log-odds',
    );
    expect(s).toBe(
      'The largest push towards pos came from a (+0.40 log-odds); the largest push towards neg came from b (−0.25 log-odds).',
    );
    expect(explanationSentence([], ['neg', 'pos'], 'log-odds')).toMatch(/No input moved/);
    expect(explanationSentence([{ input: 'b', shap: -0.5 }], ['neg', 'pos'], 'probability')).toBe(
      'The largest push towards neg came from b (−50.0 percentage points).',
    );
  });
});

describe('boardReport of a survival report', () => {
  let survivalJson: DicomJson;
  beforeAll(async () => {
    const phantom = await phantomFiles(dir, 24);
    const dce = phantom.series.get('dce')!;
    const source = sourceOf(dce.seriesInstanceUID, dce.instances);
    survivalJson = dicomJsonOf(
      writeSr({
        reference: source.reference,
        evidence: source.slices.map((s) => ({ ...s, seriesInstanceUID: source.seriesInstanceUID })),
        seg: { sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUID: '1.2.3.4.6', seriesInstanceUID: '1.2.3.4' },
        radiomics: radiomicsGroups(source.seriesInstanceUID),
        survival: survivalGroup(source.seriesInstanceUID),
        algorithm: { name: 'Heron', version: '0.1.0', parameters: '{}' },
        device,
      }).bytes,
    );
  }, 60_000);

  it('shows the risk score, the group, the cut-off and S(t) read from the SR, and never a gauge of a probability', () => {
    const g = survivalGroup('1.2');
    const r = boardReport({ sr: survivalJson, heronVersion: '9.9.9' });
    expect(r.survival).toEqual({
      riskScore: g.riskScore,
      group: 'high',
      groupName: 'high risk',
      cutoff: g.cutoff,
      cutoffRule: g.cutoffRule,
      cutoffNote: `High risk when the risk score is at least ${g.cutoff.toFixed(4)} (${g.cutoffRule}).`,
      event: g.event,
      timeUnit: 'months',
      survival: g.survival,
    });
    expect(r.shap.space).toBe('risk-score');
    expect(r.model.installed).toBe(false);
    expect(headline(r)).toBe(`high risk · risk score ${g.riskScore.toFixed(3)}`);
    expect(resultLine(r)).toBe(
      `Risk score ${g.riskScore.toFixed(4)} (Cox linear predictor) against a cut-off of ${g.cutoff.toFixed(4)}: high risk.`,
    );
    expect(survivalLines(r)[0]).toBe(
      `Disease-free survival probability at 12 months: ${(g.survival[0].probability * 100).toFixed(1)}%.`,
    );
    expect(reportMain(r)).not.toContain('aria-label="probability');
    expect(reportMain(r)).toContain('data-testid="heron-board-probability">high risk · risk score');
  });

  it("takes the training card and the cut-off's caveat from the survival package when it is installed", () => {
    const g = survivalGroup('1.2');
    const m = parseSurvivalManifest(structuredClone(dfsManifest));
    Object.assign(m, { name: g.algorithmName, version: g.algorithmVersion });
    m.model.sha256 = g.modelSha256;
    m.survival.cutoff = { value: g.cutoff, rule: 'optimal cut-off (maximally selected log-rank statistic)' };
    const r = boardReport({ sr: survivalJson, survivalManifest: m, heronVersion: '9.9.9' });
    expect(r.model).toMatchObject({ installed: true, synthetic: true });
    expect(r.survival?.cutoffNote).toMatch(/optimistic/);
    expect(modelCardLines(r).join('\n')).toMatch(/Harrell's C \d\.\d{3}/);
    expect(r.outOfRange).not.toBeNull();
  });
});
