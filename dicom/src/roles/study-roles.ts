/**
 * The contract of the series classification: what the Heron panel shows and the analysis pipeline reads.
 * Implemented by classifyStudy in series-roles.ts.
 */
import type { DicomJson } from '../core/dicom-json';

/** One series as instance-level DICOM JSON metadata (WADO-RS series metadata or QIDO with includefield=all). */
export interface SeriesInput {
  seriesInstanceUID: string;
  instances: DicomJson[];
}

export type SeriesRole = 'dce' | 't2' | 'dwi' | 'adc' | 'other';

export const SERIES_ROLES: readonly SeriesRole[] = ['dce', 't2', 'dwi', 'adc', 'other'];

export interface DcePhase {
  /** The series holding this phase (several phases may share one series). */
  seriesInstanceUID: string;
  /** 0 = pre-contrast, 1..n = post-contrast, in time order (earlier extra pre-contrast phases: -1, -2, ...). */
  phaseIndex: number;
  /** 'pre-contrast', 'post-contrast 1', ... */
  label: string;
  temporalPositionIdentifier?: number;
  /** Null when no usable time; negative for pre-contrast. */
  secondsAfterFirstPost: number | null;
  /** The instances of this phase, sorted along the slice normal. */
  sopInstanceUIDs: string[];
}

export interface DwiBValue {
  seriesInstanceUID: string;
  bValue: number;
  sopInstanceUIDs: string[];
}

export interface SeriesSummary {
  seriesInstanceUID: string;
  seriesNumber?: number;
  seriesDescription?: string;
  modality?: string;
  /** Images in the series, counting every frame of a multi-frame (Enhanced MR) instance as one. */
  instanceCount: number;
  role: SeriesRole;
  /** Why this role, in words a PACS administrator understands. */
  reason: string;
  overridden: boolean;
}

export interface StudyRoles {
  /** Every input series, in series-number order. */
  series: SeriesSummary[];
  /** Across all DCE series, in time order. */
  dcePhases: DcePhase[];
  t2: string[];
  /** Per b-value, ascending. */
  dwi: DwiBValue[];
  adc: string[];
  other: string[];
  /** What the reader should check before trusting the roles, e.g. phases ordered without timing information. */
  warnings: string[];
}
