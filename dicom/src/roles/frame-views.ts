/**
 * Each frame of a multi-frame (Enhanced MR) instance seen as the classic image it stands for, so that role
 * assignment splits phases and b-values inside one instance as it does across instances. A view is the instance's
 * top-level attributes plus what a classic image carries at top level and the Enhanced MR image keeps in its
 * functional groups (PS3.3 C.7.6.16.2, C.8.13.5): position, orientation, spacing, temporal position, b-value,
 * acquisition date-time and the contrast agent and its start time (Enhanced Contrast/Bolus, C.7.6.4b, with the
 * frame's Contrast/Bolus Usage). Views keep the instance's SOP Instance UID: the images of a phase are still named by instance.
 */
import { type DicomJson, items, numberOf, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { imageFrames } from '../volumes/image-frames';
import type { SeriesInput } from './study-roles';

const FRAME_ACQUISITION_DATE_TIME = '00189074';
const CONTRAST_BOLUS_AGENT_SEQUENCE = '00180012';
const CONTRAST_BOLUS_USAGE_SEQUENCE = '00189341';
const CONTRAST_BOLUS_AGENT_ADMINISTERED = '00189343';
const CODE_MEANING = '00080104';
const CONTRAST_ADMINISTRATION_PROFILE_SEQUENCE = '00189340';
const CONTRAST_BOLUS_START_TIME = '00181042';

function frameGroup(ds: DicomJson, frame: number, tag: string): DicomJson | undefined {
  const own = items(ds, Tag.PerFrameFunctionalGroupsSequence)[frame];
  const shared = items(ds, Tag.SharedFunctionalGroupsSequence)[0];
  return (own && items(own, tag)[0]) ?? (shared && items(shared, tag)[0]);
}

function views(ds: DicomJson): DicomJson[] {
  const count = numberOf(ds, Tag.NumberOfFrames);
  if (count === undefined || (count <= 1 && items(ds, Tag.PerFrameFunctionalGroupsSequence).length === 0)) return [ds];
  const agents = items(ds, CONTRAST_BOLUS_AGENT_SEQUENCE);
  const agent = agents.length ? (text(agents[0], CODE_MEANING) ?? 'contrast agent') : undefined;
  // When the injection started: in the agent's administration profile rather than at top level.
  const profile = agents.length ? items(agents[0], CONTRAST_ADMINISTRATION_PROFILE_SEQUENCE)[0] : undefined;
  const bolusStart = profile && text(profile, CONTRAST_BOLUS_START_TIME);
  return imageFrames([ds]).map((f, k) => {
    const view: DicomJson = { ...ds };
    // One image: no Number of Frames. The functional groups stay, for what is read from them (mr-parameters.ts).
    delete view[Tag.NumberOfFrames];
    if (f.position) view[Tag.ImagePositionPatient] = { vr: 'DS', Value: f.position };
    if (f.orientation) view[Tag.ImageOrientationPatient] = { vr: 'DS', Value: f.orientation };
    if (f.pixelSpacing) view[Tag.PixelSpacing] = { vr: 'DS', Value: f.pixelSpacing };
    if (f.sliceThickness !== undefined) view[Tag.SliceThickness] = { vr: 'DS', Value: [f.sliceThickness] };
    if (f.temporalPosition !== undefined)
      view[Tag.TemporalPositionIdentifier] = { vr: 'IS', Value: [f.temporalPosition] };
    if (f.bValue !== undefined) view[Tag.DiffusionBValue] = { vr: 'FD', Value: [f.bValue] };
    const content = frameGroup(ds, k, Tag.FrameContentSequence);
    const acquired = content && text(content, FRAME_ACQUISITION_DATE_TIME);
    if (acquired) view[Tag.AcquisitionDateTime] = { vr: 'DT', Value: [acquired] };
    // A frame acquired before the injection says so in its Contrast/Bolus Usage, though the instance names the agent.
    const usage = frameGroup(ds, k, CONTRAST_BOLUS_USAGE_SEQUENCE);
    if (agent && (!usage || text(usage, CONTRAST_BOLUS_AGENT_ADMINISTERED) !== 'NO'))
      view[Tag.ContrastBolusAgent] = { vr: 'LO', Value: [agent] };
    if (bolusStart && view[CONTRAST_BOLUS_START_TIME] === undefined)
      view[CONTRAST_BOLUS_START_TIME] = { vr: 'TM', Value: [bolusStart] };
    return view;
  });
}

/** The series with every multi-frame instance replaced by one view per frame; classic images are kept as they are. */
export function asFrameViews(series: SeriesInput): SeriesInput {
  return { ...series, instances: series.instances.flatMap(views) };
}
