// The phases of a study's DCE as volumes on one grid, each with its time after the start of the injection:
// what kinetic analysis reads. From any DICOMweb client (Orthanc, or a folder of files for the CLI).
import { numberOf, parseTime, Tag, text, instanceClock, type DicomJson } from '@heron/dicom/core';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { asFrameViews, classifyStudy, type DcePhase, type SeriesInput, type SeriesRole } from '@heron/dicom/roles';
import { loadVolume, type SeriesVolume, type Slab } from '@heron/dicom/volumes';

const DAY = 86400;
/** (0018,1042) Contrast/Bolus Start Time: when the injection started (PS3.3 C.7.6.4). */
const CONTRAST_BOLUS_START_TIME = '00181042';

export interface DceSeries {
  phases: DcePhase[];
  volumes: SeriesVolume[];
  /** Time of each phase after the start of the injection (s): AcquisitionTime - ContrastBolusStartTime. */
  timeS: number[];
}

/** Why a study's DCE cannot give kinetics, in words a researcher understands. */
export class KineticsUnavailable extends Error {}

/** The images of a phase; the frames of a multi-frame instance as the images they stand for (frame-views.ts). */
function phaseInstances(series: SeriesInput[], phase: DcePhase): DicomJson[] {
  const uids = new Set(phase.sopInstanceUIDs);
  const s = series.find((x) => x.seriesInstanceUID === phase.seriesInstanceUID);
  const tpi = phase.temporalPositionIdentifier;
  return (s ? asFrameViews(s).instances : []).filter(
    (ds) =>
      uids.has(text(ds, Tag.SOPInstanceUID) as string) &&
      (tpi === undefined || numberOf(ds, Tag.TemporalPositionIdentifier) === tpi),
  );
}

/**
 * Times after injection from the phase times the role detection found (seconds after the first post-contrast
 * phase) and the gap between that phase's earliest acquisition clock and ContrastBolusStartTime.
 */
export function timesAfterInjection(series: SeriesInput[], phases: DcePhase[]): number[] {
  if (phases.length < 2)
    throw new KineticsUnavailable(
      `The DCE has ${phases.length} phase${phases.length === 1 ? '' : 's'}: kinetics needs a pre-contrast and at least two post-contrast phases.`,
    );
  if (phases.some((p) => p.secondsAfterFirstPost === null))
    throw new KineticsUnavailable(
      'The DCE phases have no usable acquisition times (AcquisitionTime, AcquisitionDateTime or ContentTime, or distinct TriggerTime in one series), so no time-intensity curve can be drawn.',
    );
  const firstPost = phases.find((p) => p.phaseIndex === 1);
  if (!phases.some((p) => p.phaseIndex <= 0) || !firstPost)
    throw new KineticsUnavailable(
      'The DCE has no pre-contrast phase: enhancement is measured against the signal before the injection.',
    );
  const instances = phaseInstances(series, firstPost);
  const bolus = instances.map((ds) => text(ds, CONTRAST_BOLUS_START_TIME)).find((v) => v !== undefined);
  const injection = bolus === undefined ? undefined : parseTime(bolus);
  if (injection === undefined)
    throw new KineticsUnavailable(
      `The post-contrast images carry no ContrastBolusStartTime (0018,1042): the time after injection, which the BI-RADS initial phase is defined by, is unknown.`,
    );
  const clocks = instances.map(instanceClock).filter((c) => c !== undefined);
  if (clocks.length === 0)
    throw new KineticsUnavailable('The first post-contrast phase has no acquisition time to relate to the injection.');
  const acquired = Math.min(...clocks.map((c) => ((c.seconds % DAY) + DAY) % DAY));
  let offset = acquired - injection;
  if (offset < -DAY / 2) offset += DAY;
  if (offset > DAY / 2) offset -= DAY;
  return phases.map((p) => Math.round(((p.secondsAfterFirstPost as number) + offset) * 1000) / 1000);
}

/**
 * Loads the images of one phase, or only a slab of its slices; the analysis passes its own loader so that phases it
 * read already are reused.
 */
export type PhaseLoader = (
  seriesInstanceUID: string,
  sopInstanceUIDs: string[],
  frames?: { temporalPosition?: number },
  slab?: Slab,
) => Promise<SeriesVolume>;

/** The frames of a phase inside a multi-frame instance are named by its temporal position; classic phases need none. */
export const phaseFrames = (p: DcePhase) =>
  p.temporalPositionIdentifier !== undefined ? { temporalPosition: p.temporalPositionIdentifier } : undefined;

export interface DceSeriesOptions {
  /** Series role overrides, as the reader set them. */
  overrides?: Record<string, SeriesRole>;
  load?: PhaseLoader;
}

/** Loads every DCE phase (time order) and its time after injection; throws KineticsUnavailable with the reason. */
export async function loadDceSeries(
  client: DicomwebClient,
  studyInstanceUID: string,
  series: SeriesInput[],
  options: DceSeriesOptions = {},
): Promise<DceSeries> {
  const phases = classifyStudy(series, options.overrides ?? {}).dcePhases;
  if (phases.length === 0) throw new KineticsUnavailable('This study has no DCE series.');
  const timeS = timesAfterInjection(series, phases);
  const load: PhaseLoader =
    options.load ??
    ((seriesInstanceUID, sopInstanceUIDs, frames) =>
      loadVolume(client, { studyInstanceUID, seriesInstanceUID, select: { sopInstanceUIDs, ...frames } }));
  const volumes: SeriesVolume[] = [];
  // One phase at a time: a standard breast DCE phase is ~35 MB of voxels.
  // The temporal position names the phase's frames inside one multi-frame instance (classic phases: all their images).
  for (const p of phases) volumes.push(await load(p.seriesInstanceUID, p.sopInstanceUIDs, phaseFrames(p)));
  return { phases, volumes, timeS };
}
