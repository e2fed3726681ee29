/**
 * Reads a SEG from the PACS into masks on its referenced series: the SEG's metadata and frames over WADO-RS,
 * and the referenced series' geometry from its metadata alone (no pixel data is needed to place the masks).
 */
import { type DicomJson, numberOf, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { type DicomwebClient, dicomwebFailure } from '../dicomweb/dicomweb';
import { imageFrames } from '../volumes/image-frames';
import {
  readSeg,
  referencedInstancesOf,
  referencedSeriesOf,
  type SegmentMask,
  type SegTarget,
  unpackFrames,
} from './seg-reader';
import { buildStack } from '../volumes/stack-geometry';
import { seriesLabel } from '../roles/series-evidence';

export interface SegLocation {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

export async function loadSegMasks(
  client: DicomwebClient,
  at: SegLocation,
): Promise<{ target: SegTarget; segments: SegmentMask[] }> {
  const name = `SEG ${at.sopInstanceUID}`;
  let seg: DicomJson | undefined;
  try {
    seg = (
      await client.retrieveSeriesMetadata({
        studyInstanceUID: at.studyInstanceUID,
        seriesInstanceUID: at.seriesInstanceUID,
      })
    ).find((ds) => text(ds, Tag.SOPInstanceUID) === at.sopInstanceUID);
  } catch (err) {
    throw dicomwebFailure(err, `Reading ${name}`);
  }
  if (!seg) throw new Error(`${name} is not in series ${at.seriesInstanceUID} of study ${at.studyInstanceUID}`);
  const [referenced] = referencedSeriesOf(seg);
  if (!referenced)
    throw new Error(`${name} does not say which series it was drawn on (ReferencedSeriesSequence is empty)`);
  let studySeries: DicomJson[];
  try {
    studySeries = await client.searchForSeries({ studyInstanceUID: at.studyInstanceUID });
  } catch (err) {
    throw dicomwebFailure(err, `Listing the series of study ${at.studyInstanceUID}`);
  }
  if (!studySeries.some((s) => text(s, Tag.SeriesInstanceUID) === referenced)) {
    throw new Error(`${name} references series ${referenced}, which is not in study ${at.studyInstanceUID}`);
  }
  let instances: DicomJson[];
  try {
    instances = await client.retrieveSeriesMetadata({
      studyInstanceUID: at.studyInstanceUID,
      seriesInstanceUID: referenced,
    });
  } catch (err) {
    throw dicomwebFailure(err, `Reading the metadata of series ${referenced}`);
  }
  // The SEG may cover only one phase of a series; its referenced instances say which.
  const wanted = new Set(referencedInstancesOf(seg, referenced));
  const chosen = wanted.size > 0 ? instances.filter((ds) => wanted.has(text(ds, Tag.SOPInstanceUID) ?? '')) : instances;
  const stack = buildStack(imageFrames(chosen), seriesLabel({ seriesInstanceUID: referenced, instances }));
  const target: SegTarget = {
    seriesInstanceUID: referenced,
    volume: stack.grid,
    slices: stack.frames.map((f) => ({
      sopClassUID: text(f.instance, Tag.SOPClassUID) ?? '',
      sopInstanceUID: f.sopInstanceUID,
      frameNumber: f.frameNumber,
      multiFrame: f.instance[Tag.PerFrameFunctionalGroupsSequence] !== undefined,
    })),
  };
  const count = numberOf(seg, Tag.NumberOfFrames) ?? 0;
  if (!(count > 0)) throw new Error(`${name} has no frames (NumberOfFrames is missing or 0), so it holds no outline.`);
  let parts: ArrayBuffer[];
  try {
    parts = await client.retrieveInstanceFrames({
      ...at,
      frameNumbers: Array.from({ length: count }, (_, i) => i + 1),
    });
  } catch (err) {
    throw dicomwebFailure(err, `Reading the frames of ${name}`);
  }
  const pixels = (numberOf(seg, Tag.Rows) ?? 0) * (numberOf(seg, Tag.Columns) ?? 0);
  const bits = numberOf(seg, Tag.BitsAllocated) ?? 1;
  // WADO-RS sends each frame on its own, starting at its first pixel.
  const frames = parts.map((p) => unpackFrames(new Uint8Array(p), 1, pixels, bits)[0]);
  return { target, segments: readSeg(seg, frames, target) };
}
