// The Heron report inside OHIF. OHIF 3.13 shows a TID 1500 SR without spatial coordinates as a black viewport
// (OHIF issue #3390), so Heron's own SRs get their own SOP class handler and viewport: the display set names the SR,
// and the viewport frames the board's report page for it (the same layout as the board and the PDF). SRs from other
// tools are left to OHIF's SR handler (an empty answer passes them on to the next handler in the mode's list).
import { createElement } from 'react';

export const REPORT_HANDLER_NAME = 'heron-sr';
export const REPORT_VIEWPORT_NAME = 'heron-report';

/** The SR storage classes Heron writes (Comprehensive 3D) and those a copy through another system may become. */
export const SR_SOP_CLASS_UIDS = [
  '1.2.840.10008.5.1.4.1.1.88.34', // Comprehensive 3D SR
  '1.2.840.10008.5.1.4.1.1.88.33', // Comprehensive SR
  '1.2.840.10008.5.1.4.1.1.88.22', // Enhanced SR
];

/** The part of OHIF's naturalized instance metadata the handler reads. */
export interface SrInstance {
  SOPInstanceUID: string;
  SOPClassUID: string;
  SeriesInstanceUID: string;
  StudyInstanceUID: string;
  Modality?: string;
  SeriesDescription?: string;
  SeriesNumber?: number;
  SeriesDate?: string;
  Manufacturer?: string;
  ConceptNameCodeSequence?: ConceptCode | ConceptCode[];
}

type ConceptCode = { CodeValue?: string; CodingSchemeDesignator?: string };

/** Equipment name every Heron SR carries (server/src/version.ts, heronDevice). */
const HERON_MANUFACTURER = 'Heron project';

/** A Heron report: a TID 1500 Imaging Measurement Report (DCM 126000) that Heron's equipment wrote. */
export function isHeronReport(instance: SrInstance): boolean {
  const concept = Array.isArray(instance.ConceptNameCodeSequence)
    ? instance.ConceptNameCodeSequence[0]
    : instance.ConceptNameCodeSequence;
  return instance.Manufacturer === HERON_MANUFACTURER && concept?.CodeValue === '126000';
}

/** The board's report page for one SR, in its embedded form (no board navigation). */
export function reportPageUrl(boardBase: string, studyInstanceUID: string, sopInstanceUID: string): string {
  return `${boardBase.replace(/\/+$/, '')}/reports/${encodeURIComponent(studyInstanceUID)}/${encodeURIComponent(sopInstanceUID)}?embed=1`;
}

export interface ReportDisplaySet {
  displaySetInstanceUID: string;
  SOPClassHandlerId: string;
  SOPInstanceUID: string;
  SeriesInstanceUID: string;
  StudyInstanceUID: string;
  SOPClassUID: string;
  Modality: string;
  SeriesDescription: string;
  SeriesNumber?: number;
  SeriesDate?: string;
  label: string;
  instances: SrInstance[];
  instance: SrInstance;
  isDerivedDisplaySet: true;
  isLoaded: true;
  numImageFrames: 0;
  numInstances: 1;
  thumbnailSrc: null;
  sopClassUids: string[];
  reportUrl: string;
}

let counter = 0;
/** A display set id unique in this page; OHIF only compares them. */
const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `heron-report-${++counter}`;

/** One display set per Heron report of the series; none for a series of other SRs (OHIF's handler takes those). */
export function reportDisplaySets(instances: SrInstance[], handlerId: string, boardBase: string): ReportDisplaySet[] {
  return instances.filter(isHeronReport).map((instance) => ({
    displaySetInstanceUID: newId(),
    SOPClassHandlerId: handlerId,
    SOPInstanceUID: instance.SOPInstanceUID,
    SeriesInstanceUID: instance.SeriesInstanceUID,
    StudyInstanceUID: instance.StudyInstanceUID,
    SOPClassUID: instance.SOPClassUID,
    Modality: instance.Modality ?? 'SR',
    SeriesDescription: instance.SeriesDescription ?? 'Heron report',
    ...(instance.SeriesNumber !== undefined ? { SeriesNumber: instance.SeriesNumber } : {}),
    ...(instance.SeriesDate ? { SeriesDate: instance.SeriesDate } : {}),
    label: instance.SeriesDescription ?? 'Heron report',
    instances: [instance],
    instance,
    isDerivedDisplaySet: true,
    isLoaded: true,
    numImageFrames: 0,
    numInstances: 1,
    thumbnailSrc: null,
    sopClassUids: SR_SOP_CLASS_UIDS,
    reportUrl: reportPageUrl(boardBase, instance.StudyInstanceUID, instance.SOPInstanceUID),
  }));
}

/**
 * The viewport: the report page in a same-origin frame. No hooks, so the host's React can render it although it
 * comes from the extension's own React copy (docs/ohif-integration.md §5).
 */
export function ReportViewport(props: { displaySets?: ReportDisplaySet[] }) {
  const ds = props.displaySets?.[0];
  if (!ds?.reportUrl)
    return createElement('div', { style: { color: '#ccc', padding: 16 } }, 'No Heron report in this viewport.');
  return createElement('iframe', {
    src: ds.reportUrl,
    title: `Heron report ${ds.SOPInstanceUID}`,
    'data-testid': 'heron-report-viewport',
    style: { width: '100%', height: '100%', border: 0, background: '#fff' },
  });
}
