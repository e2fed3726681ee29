// The pre-contrast phase and one post-contrast phase of a study's DCE, as volumes on one grid: what a one-click
// proposal segments. Read from any DICOMweb client (Orthanc, or a folder of files for the CLI).
import { classifyStudy, type DcePhase, type SeriesInput } from '@heron/dicom/roles';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { loadVolume, type SeriesVolume } from '@heron/dicom/volumes';

export interface DcePair {
  pre: SeriesVolume;
  post: SeriesVolume;
  /** The post-contrast phase read, for messages: 'post-contrast 1'. */
  phase: DcePhase;
}

/** Loads phase 0 (pre-contrast) and post-contrast phase `phaseIndex` (1 = first after injection). */
export async function loadDcePair(
  client: DicomwebClient,
  studyInstanceUID: string,
  series: SeriesInput[],
  phaseIndex: number,
): Promise<DcePair> {
  const phases = classifyStudy(series).dcePhases;
  if (phases.length === 0)
    throw new Error('This study has no DCE series: a proposal needs a pre- and a post-contrast phase.');
  const pre = phases.find((p) => p.phaseIndex === 0);
  if (!pre)
    throw new Error('This study has no pre-contrast DCE phase: a proposal segments the subtraction post − pre.');
  const post = phases.find((p) => p.phaseIndex === phaseIndex);
  if (!post || phaseIndex < 1) {
    const posts = phases.filter((p) => p.phaseIndex >= 1).map((p) => p.phaseIndex);
    throw new Error(
      `There is no post-contrast phase ${phaseIndex}; this study has phases ${posts.join(', ') || '(none)'}.`,
    );
  }
  const load = (p: DcePhase): Promise<SeriesVolume> =>
    loadVolume(client, {
      studyInstanceUID,
      seriesInstanceUID: p.seriesInstanceUID,
      select: { sopInstanceUIDs: p.sopInstanceUIDs },
    });
  const [preVolume, postVolume] = await Promise.all([load(pre), load(post)]);
  return { pre: preVolume, post: postVolume, phase: post };
}
