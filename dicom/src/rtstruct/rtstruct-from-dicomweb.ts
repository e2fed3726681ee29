/**
 * An RTSTRUCT ROI as a mask on the series its contours were drawn on: the structure set gives the series (or the
 * images, whose series is looked up), the series' metadata gives the grid (no pixel data is needed), and the
 * frame of reference is checked before any contour is placed.
 */
import { type DicomJson, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { type DicomwebClient, dicomwebFailure } from '../dicomweb/dicomweb';
import { seriesLabel } from '../roles/series-evidence';
import type { SegTarget } from '../seg/seg-reader';
import { imageFrames } from '../volumes/image-frames';
import { buildStack } from '../volumes/stack-geometry';
import { rasteriseContours } from './contour-raster';
import { chooseRoi, readRtstruct, type RtRoi, type RtStructureSet } from './rtstruct-reader';

export interface RtstructMask {
  target: SegTarget;
  roi: RtRoi;
  /** 1 inside, 0 outside, on the target grid. */
  mask: Uint8Array;
  /** How messages name the series. */
  seriesLabel: string;
}

/** The series of the study that the structure set's contours were drawn on. */
async function referencedSeries(
  client: DicomwebClient,
  studyInstanceUID: string,
  set: RtStructureSet,
): Promise<{ uid: string; instances: DicomJson[] }> {
  let series: DicomJson[];
  try {
    series = await client.searchForSeries({ studyInstanceUID });
  } catch (err) {
    throw dicomwebFailure(err, `Listing the series of study ${studyInstanceUID}`);
  }
  const inStudy = new Set(series.map((s) => text(s, Tag.SeriesInstanceUID)).filter((u): u is string => !!u));
  const named = set.referencedSeriesUIDs.find((uid) => inStudy.has(uid));
  const metadata = async (uid: string): Promise<DicomJson[]> => {
    try {
      return await client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID: uid });
    } catch (err) {
      throw dicomwebFailure(err, `Reading the metadata of series ${uid}`);
    }
  };
  if (named) return { uid: named, instances: await metadata(named) };
  // No usable series reference: find the series that holds the contours' images.
  const images = new Set(set.referencedImageUIDs);
  if (images.size > 0) {
    for (const uid of inStudy) {
      const instances = await metadata(uid);
      if (instances.some((ds) => images.has(text(ds, Tag.SOPInstanceUID) ?? ''))) return { uid, instances };
    }
  }
  throw new Error(
    'The structure set does not reference a series of this study: the images it was drawn on are not here.',
  );
}

export async function loadRtstructMask(
  client: DicomwebClient,
  studyInstanceUID: string,
  rtstruct: DicomJson,
  roiName: string | undefined,
): Promise<RtstructMask> {
  const set = readRtstruct(rtstruct);
  const roi = chooseRoi(set, roiName);
  const { uid, instances } = await referencedSeries(client, studyInstanceUID, set);
  const label = seriesLabel({ seriesInstanceUID: uid, instances });
  // The contours of a multi-phase series belong to the images they name; otherwise the whole series is one stack.
  const named = new Set(roi.contours.flatMap((c) => c.imageSopInstanceUIDs));
  let frames = imageFrames(instances);
  if (named.size > 0) {
    const first = frames.find((f) => named.has(f.sopInstanceUID));
    if (first?.temporalPosition !== undefined)
      frames = frames.filter((f) => f.temporalPosition === first.temporalPosition);
  }
  const stack = buildStack(frames, label);
  const seriesFrame = text(instances[0], Tag.FrameOfReferenceUID);
  const roiFrame = roi.frameOfReferenceUID;
  if (roiFrame && seriesFrame && roiFrame !== seriesFrame) {
    throw new Error(
      `The ROI "${roi.name}" is on another frame of reference (${roiFrame}) than ${label} (${seriesFrame}): ` +
        'its coordinates do not describe these images, so it cannot be placed on them.',
    );
  }
  const mask = rasteriseContours(roi.contours, stack.grid, roi.name);
  const target: SegTarget = {
    seriesInstanceUID: uid,
    volume: stack.grid,
    slices: stack.frames.map((f) => ({
      sopClassUID: text(f.instance, Tag.SOPClassUID) ?? '',
      sopInstanceUID: f.sopInstanceUID,
      frameNumber: f.frameNumber,
      multiFrame: f.instance[Tag.PerFrameFunctionalGroupsSequence] !== undefined,
    })),
  };
  return { target, roi, mask, seriesLabel: label };
}
