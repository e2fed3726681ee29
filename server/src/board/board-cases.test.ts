// The board's cases from a study's SRs: a report and the signed copies replacing it are one case with the latest
// decision; an SR from another tool is listed apart with the reason; the filters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DicomJson } from '@heron/dicom/core';
import { classifierResult, phantomFiles, radiomicsGroups, sourceOf, survivalGroup } from '@heron/dicom/testing';
import { COMPREHENSIVE_3D_SR, rejectedSr, verifiedSr, writeSr } from '@heron/dicom/sr';
import type { WrittenObject } from '@heron/dicom/seg';
import { dicomJsonOf } from '../report/report-object';
import { type BoardCase, casesOf, matches } from './board-cases';
import { listPage } from './board-pages';

const dir = mkdtempSync(join(tmpdir(), 'heron-board-cases-'));
const device = { manufacturer: 'Heron project', modelName: 'Heron', softwareVersion: '0.1.0', serialNumber: 't' };
let report: WrittenObject;
let other: WrittenObject;

beforeAll(async () => {
  const phantom = await phantomFiles(dir, 24);
  const dce = phantom.series.get('dce');
  if (!dce) throw new Error('phantom without DCE');
  const source = sourceOf(dce.seriesInstanceUID, dce.instances);
  const seg = {
    sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4',
    sopInstanceUID: '1.2.3.4.5',
    seriesInstanceUID: '1.2.3.4',
  };
  const write = (at: Date) =>
    writeSr({
      reference: source.reference,
      evidence: source.slices.map((s) => ({ ...s, seriesInstanceUID: source.seriesInstanceUID })),
      seg,
      radiomics: radiomicsGroups(source.seriesInstanceUID),
      classifier: classifierResult(source.seriesInstanceUID),
      algorithm: { name: 'Heron', version: '0.1.0', parameters: '{}' },
      device,
      createdAt: at,
    });
  report = write(new Date(2026, 2, 1, 10));
  other = write(new Date(2026, 2, 5, 10));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (o: WrittenObject) => ({ ds: dicomJsonOf(o.bytes), series: o.seriesInstanceUID });

describe('casesOf', () => {
  it('makes one case of a report and the decisions on it, with the latest decision as its status', () => {
    const signoff = { readerName: 'Curie^Marie', organization: 'H', at: new Date(2026, 2, 2, 9) };
    const accepted = verifiedSr(report.bytes as ArrayBuffer, signoff);
    const amends = {
      sopClassUID: COMPREHENSIVE_3D_SR,
      sopInstanceUID: accepted.sopInstanceUID,
      seriesInstanceUID: accepted.seriesInstanceUID,
    };
    const amended = rejectedSr(report.bytes as ArrayBuffer, { ...signoff, amends, reason: 'Wrong lesion.' });
    const { cases, foreign } = casesOf('1.2.3', [entry(report), entry(accepted), entry(amended), entry(other)]);
    expect(foreign).toEqual([]);
    expect(cases).toHaveLength(2);
    const decided = cases.find((c) => c.reportSopInstanceUID === report.sopInstanceUID) as BoardCase;
    expect(decided).toMatchObject({
      status: 'rejected',
      decidedBy: 'Marie Curie',
      srSopInstanceUID: amended.sopInstanceUID,
      analysedOn: '2026-03-01',
      model: 'her2-onnx-classifier 1.3.0',
    });
    expect(cases.find((c) => c.reportSopInstanceUID === other.sopInstanceUID)?.status).toBe('awaiting review');
  });

  it('lists an SR that is not a Heron report apart, with the reason, instead of failing', () => {
    const ds = { ...dicomJsonOf(other.bytes) } as DicomJson;
    ds['0040A043'] = {
      vr: 'SQ',
      Value: [
        {
          '00080100': { vr: 'SH', Value: ['11528-7'] },
          '00080102': { vr: 'SH', Value: ['LN'] },
          '00080104': { vr: 'LO', Value: ['Radiology Report'] },
        },
      ],
    };
    const { cases, foreign } = casesOf('1.2.3', [{ ds, series: '1.2' }]);
    expect(cases).toEqual([]);
    expect(foreign).toEqual([
      expect.objectContaining({ title: 'Radiology Report', why: expect.stringMatching(/not a TID 1500/) }),
    ]);
  });
});

describe('matches', () => {
  const c = { analysedOn: '2026-03-01', question: 'Q', model: 'M 1', status: 'accepted' } as BoardCase;
  it('filters by inclusive dates, question, model and status', () => {
    expect(matches(c, { from: '2026-03-01', to: '2026-03-01' })).toBe(true);
    expect(matches(c, { from: '2026-03-02' })).toBe(false);
    expect(matches(c, { to: '2026-02-28' })).toBe(false);
    expect(matches(c, { question: 'Q', model: 'M 1', status: 'accepted' })).toBe(true);
    expect(matches(c, { status: 'awaiting review' })).toBe(false);
    expect(matches(c, { model: 'M 2' })).toBe(false);
    expect(matches({ ...c, analysedOn: undefined } as BoardCase, { from: '2026-01-01' })).toBe(false);
  });
});

describe('a survival report on the board', () => {
  it('is a case whose answer is its risk group and score, shown instead of a probability', async () => {
    const phantom = await phantomFiles(dir, 25);
    const dce = phantom.series.get('dce')!;
    const source = sourceOf(dce.seriesInstanceUID, dce.instances);
    const g = survivalGroup(source.seriesInstanceUID);
    const sr = writeSr({
      reference: source.reference,
      evidence: source.slices.map((s) => ({ ...s, seriesInstanceUID: source.seriesInstanceUID })),
      seg: { sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUID: '1.2.3.4.7', seriesInstanceUID: '1.2.3.4' },
      radiomics: radiomicsGroups(source.seriesInstanceUID),
      survival: g,
      algorithm: { name: 'Heron', version: '0.1.0', parameters: '{}' },
      device,
    });
    const { cases } = casesOf('1.2.3', [entry(sr)]);
    expect(cases[0].survival).toEqual({ groupName: 'high risk', riskScore: g.riskScore });
    const html = listPage({ cases, foreign: [], questions: [], models: [], truncated: false }, {});
    expect(html).toContain(`high risk (risk score ${g.riskScore.toFixed(3)})`);
    expect(html).not.toMatch(/\d+\.\d% \(positive\)/);
  }, 60_000);
});
