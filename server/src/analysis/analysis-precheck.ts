/**
 * The checks an analysis request must pass before it is accepted with 202. Everything that can be told from the
 * request and a few PACS look-ups is checked here, so that a wrong or oversized outline is answered at once
 * instead of occupying the server (an outline's grid decides how much memory and time the analysis takes) and
 * failing later in a job.
 */
import { type DicomJson, SEGMENTATION_STORAGE } from '@heron/dicom/core';
import { type DicomwebClient, dicomwebFailure } from '@heron/dicom/dicomweb';
import type { SeriesMetadataCache } from '@heron/dicom/roles';
import { JobRefused } from './analysis-jobs';
import type { AnalysisRequest } from '../contract';

/** Plenty for a breast MRI (512 x 512 x 200 is 52 M); a larger outline cannot come from a real series. */
export const MAX_OUTLINE_VOXELS = 64 * 1024 * 1024;

const str = (ds: DicomJson, tag: string): string | undefined => {
  const v = ds[tag]?.Value?.[0];
  return typeof v === 'string' ? v : undefined;
};
const num = (ds: DicomJson, tag: string): number | undefined => {
  const v = ds[tag]?.Value?.[0];
  return typeof v === 'number' ? v : undefined;
};

/** (0020,1209) Number of Series Related Instances, in QIDO-RS series answers. */
const SERIES_INSTANCES = '00201209';

const refused = (message: string, status = 400) => new JobRefused(message, status);

/** What the outline's own numbers must agree on, checked before anything is asked of the PACS. */
function checkOutlineNumbers(req: AnalysisRequest): void {
  const o = req.outline;
  if (o.kind !== 'mask') return;
  const [nx, ny, nz] = o.size;
  const voxels = nx * ny * nz;
  if (voxels > MAX_OUTLINE_VOXELS) {
    throw refused(
      `The outline's grid (${nx} x ${ny} x ${nz}) is larger than any breast MRI series; draw it again on the series in the viewer.`,
    );
  }
  if (o.sopInstanceUIDs.length !== nz)
    throw refused(`The outline has ${nz} slices but names ${o.sopInstanceUIDs.length} images.`);
  const covered = o.runs.reduce((a, b) => a + b, 0);
  if (covered !== voxels) {
    throw refused(
      `The outline is malformed: its runs cover ${covered} voxels but its grid has ${voxels}. Draw it again in the viewer.`,
    );
  }
}

/**
 * Refuses, with the status to answer, a request the study in the PACS cannot satisfy. With the metadata cache, the
 * outline's series is taken from it when the PACS still counts as many instances in it (as an analysis takes it),
 * instead of being searched again: the images' UIDs, SOP classes, rows and columns are the same attributes.
 */
export async function precheckAnalysis(
  pacs: DicomwebClient,
  req: AnalysisRequest,
  metadata?: SeriesMetadataCache,
): Promise<void> {
  checkOutlineNumbers(req);
  const study = req.studyInstanceUID;
  let series: DicomJson[];
  try {
    series = await pacs.searchForSeries({ studyInstanceUID: study });
  } catch (err) {
    throw dicomwebFailure(err, `Looking for study ${study}`);
  }
  if (series.length === 0) throw refused(`Study ${study} is not in the PACS.`, 404);
  const inStudy = new Set(series.map((s) => str(s, '0020000E')));
  for (const uid of Object.keys(req.overrides ?? {})) {
    if (!inStudy.has(uid)) throw refused(`Series ${uid} given a role is not in this study.`);
  }
  const o = req.outline;
  if (!inStudy.has(o.seriesInstanceUID))
    throw refused(`The outline was drawn on series ${o.seriesInstanceUID}, which is not in this study.`);

  const count = num(series.find((s) => str(s, '0020000E') === o.seriesInstanceUID) ?? {}, SERIES_INSTANCES);
  let instances = count !== undefined ? metadata?.get(o.seriesInstanceUID, count) : undefined;
  if (!instances) {
    try {
      instances = await pacs.searchForInstances({ studyInstanceUID: study, seriesInstanceUID: o.seriesInstanceUID });
    } catch (err) {
      throw dicomwebFailure(err, `Looking for the images of series ${o.seriesInstanceUID}`);
    }
  }
  const byUid = new Map(instances.map((i) => [str(i, '00080018'), i]));

  if (o.kind === 'seg') {
    const seg = byUid.get(o.sopInstanceUID);
    if (!seg) throw refused(`The outline ${o.sopInstanceUID} is not in series ${o.seriesInstanceUID} of this study.`);
    if (str(seg, '00080016') !== SEGMENTATION_STORAGE)
      throw refused(`Object ${o.sopInstanceUID} is not a SEG; choose a segmentation as the outline.`);
    return;
  }
  const [nx, ny] = o.size;
  for (const uid of o.sopInstanceUIDs) {
    const image = byUid.get(uid);
    if (!image) throw refused(`The outline names image ${uid}, which is not in series ${o.seriesInstanceUID}.`);
    const rows = num(image, '00280010');
    const columns = num(image, '00280011');
    if (rows !== undefined && columns !== undefined && (rows !== ny || columns !== nx)) {
      throw refused(
        `The outline's grid (${nx} x ${ny}) does not match the images it names (${columns} x ${rows}); draw it again on that series.`,
      );
    }
  }
}
