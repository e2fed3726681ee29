/**
 * The tumour board's list of cases, read from the PACS (Heron keeps no database): every SR series of every study by
 * QIDO, each SR read back; a Heron report and the signed copies that replace it are one case, whose status is its
 * latest decision. SRs that are not Heron reports are listed apart, never dropped silently.
 */
import { type DicomJson, text } from '@heron/dicom/core';
import { type DicomwebClient, dicomwebFailure } from '@heron/dicom/dicomweb';
import { readSr, type ReadReport } from '@heron/dicom/sr';
import { personName } from '../report/board-report';

import type { BOARD_STATUSES } from '../contract';

export type CaseStatus = (typeof BOARD_STATUSES)[number];

export interface BoardCase {
  studyInstanceUID: string;
  patient: string;
  patientId: string;
  studyDate?: string;
  /** YYYY-MM-DD the report was written (the SR's Content Date). */
  analysedOn?: string;
  question: string;
  model: string;
  probability: number;
  predictedPositive: boolean;
  /** A survival report's answer, shown instead of the probability: its risk group and risk score. */
  survival?: { groupName: string; riskScore: number };
  status: CaseStatus;
  decidedBy?: string;
  /** The SR to show: the latest version (the decision when there is one, else the report itself). */
  srSopInstanceUID: string;
  srSeriesInstanceUID: string;
  /** The report as the analysis stored it. */
  reportSopInstanceUID: string;
}

export interface ForeignSr {
  studyInstanceUID: string;
  sopInstanceUID: string;
  patient: string;
  title: string;
  why: string;
}

export interface BoardFilter {
  /** Inclusive YYYY-MM-DD bounds on the analysis date. */
  from?: string;
  to?: string;
  question?: string;
  model?: string;
  status?: CaseStatus;
  studyInstanceUID?: string;
}

const Tag = {
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  PatientName: '00100010',
  PatientID: '00100020',
  StudyDate: '00080020',
  ContentDate: '00080023',
  ConceptNameCodeSequence: '0040A043',
  CodeMeaning: '00080104',
  SeriesDescription: '0008103E',
} as const;

/** At most this many SR series are read for one board page; more means the date range should be narrower. */
export const MAX_SR_SERIES = 500;

const isoDate = (da: string | undefined) =>
  da && /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : undefined;

interface Entry {
  ds: DicomJson;
  series: string;
  sop: string;
  report: ReadReport;
}

function titleOf(ds: DicomJson): string {
  const concept = ds[Tag.ConceptNameCodeSequence]?.Value?.[0] as DicomJson | undefined;
  return (concept && text(concept, Tag.CodeMeaning)) ?? text(ds, Tag.SeriesDescription) ?? 'Structured report';
}

const statusOf = (r: ReadReport): CaseStatus =>
  r.signoff.state === 'VERIFIED' ? 'accepted' : r.signoff.state === 'REJECTED' ? 'rejected' : 'awaiting review';

/** The cases of one study's SRs, and the SRs that are not Heron reports. */
export function casesOf(studyInstanceUID: string, srs: { ds: DicomJson; series: string }[]) {
  const heron: Entry[] = [];
  const foreign: ForeignSr[] = [];
  for (const { ds, series } of srs) {
    const sop = text(ds, Tag.SOPInstanceUID) ?? '';
    try {
      heron.push({ ds, series, sop, report: readSr(ds) });
    } catch (err) {
      foreign.push({
        studyInstanceUID,
        sopInstanceUID: sop,
        patient: personName(text(ds, Tag.PatientName) ?? ''),
        title: titleOf(ds),
        why: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const replacedBy = (sop: string) => heron.filter((e) => e.report.predecessorSopInstanceUIDs.includes(sop));
  // The latest version of a report: follow the copies that replace it to the one nothing replaces (an amendment
  // names both the report and the decision it changes, so it is the end of either path).
  const latest = (e: Entry): Entry => {
    const next = replacedBy(e.sop);
    if (next.length === 0) return e;
    return latest(next.find((n) => replacedBy(n.sop).length === 0) ?? next[0]);
  };
  const cases: BoardCase[] = heron
    .filter((e) => e.report.predecessorSopInstanceUIDs.length === 0)
    .map((original) => {
      const last = latest(original);
      const c = original.report.classifier;
      const signoff = last.report.signoff;
      return {
        studyInstanceUID,
        patient: personName(text(original.ds, Tag.PatientName) ?? '') || '(no name)',
        patientId: text(original.ds, Tag.PatientID) ?? '',
        ...(isoDate(text(original.ds, Tag.StudyDate)) ? { studyDate: isoDate(text(original.ds, Tag.StudyDate)) } : {}),
        ...(isoDate(text(original.ds, Tag.ContentDate))
          ? { analysedOn: isoDate(text(original.ds, Tag.ContentDate)) }
          : {}),
        question: c.question,
        model: `${c.algorithmName} ${c.algorithmVersion}`,
        probability: c.probability,
        predictedPositive: c.predictedClass === 'positive',
        ...(original.report.survival
          ? {
              survival: {
                groupName: original.report.survival.groupNames[original.report.survival.group === 'high' ? 1 : 0],
                riskScore: original.report.survival.riskScore,
              },
            }
          : {}),
        status: statusOf(last.report),
        ...(signoff.state !== 'UNVERIFIED' ? { decidedBy: personName(signoff.reader) } : {}),
        srSopInstanceUID: last.sop,
        srSeriesInstanceUID: last.series,
        reportSopInstanceUID: original.sop,
      };
    });
  return { cases, foreign };
}

export function matches(c: BoardCase, f: BoardFilter): boolean {
  if (f.from && (!c.analysedOn || c.analysedOn < f.from)) return false;
  if (f.to && (!c.analysedOn || c.analysedOn > f.to)) return false;
  if (f.question && c.question !== f.question) return false;
  if (f.model && c.model !== f.model) return false;
  if (f.status && c.status !== f.status) return false;
  return true;
}

export interface BoardList {
  cases: BoardCase[];
  /** Every question and model seen before filtering, for the filter menus. */
  questions: string[];
  models: string[];
  foreign: ForeignSr[];
  /** True when more SR series exist than were read. */
  truncated: boolean;
}

/** The board's cases matching `f`, newest analysis first. */
export async function boardCases(pacs: DicomwebClient, f: BoardFilter): Promise<BoardList> {
  let series: DicomJson[];
  try {
    series = await pacs.searchForSeries({
      ...(f.studyInstanceUID ? { studyInstanceUID: f.studyInstanceUID } : {}),
      queryParams: { Modality: 'SR' },
    });
  } catch (err) {
    throw dicomwebFailure(err, 'Listing the reports in the PACS');
  }
  const truncated = series.length > MAX_SR_SERIES;
  const byStudy = new Map<string, { ds: DicomJson; series: string }[]>();
  for (const s of series.slice(0, MAX_SR_SERIES)) {
    const study = text(s, Tag.StudyInstanceUID) ?? f.studyInstanceUID;
    const seriesUid = text(s, Tag.SeriesInstanceUID);
    if (!study || !seriesUid) continue;
    let instances: DicomJson[];
    try {
      instances = await pacs.retrieveSeriesMetadata({ studyInstanceUID: study, seriesInstanceUID: seriesUid });
    } catch (err) {
      throw dicomwebFailure(err, `Reading the reports of series ${seriesUid}`);
    }
    const list = byStudy.get(study) ?? [];
    list.push(...instances.map((ds) => ({ ds, series: seriesUid })));
    byStudy.set(study, list);
  }
  const all: BoardCase[] = [];
  const foreign: ForeignSr[] = [];
  for (const [study, srs] of byStudy) {
    const found = casesOf(study, srs);
    all.push(...found.cases);
    foreign.push(...found.foreign);
  }
  const sorted = all.sort((a, b) => (b.analysedOn ?? '').localeCompare(a.analysedOn ?? ''));
  return {
    cases: sorted.filter((c) => matches(c, f)),
    questions: [...new Set(all.map((c) => c.question))].sort(),
    models: [...new Set(all.map((c) => c.model))].sort(),
    foreign,
    truncated,
  };
}
