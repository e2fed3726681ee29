// An outline another tool already made (a SEG segment, an RTSTRUCT ROI) as a mask on the series it references. The
// SOP class decides how the object is read, whatever the caller expected it to be; an image is not an outline.
import type { Grid } from '@heron/radiomics';
import { type DicomJson, text, Tag } from '@heron/dicom/core';
import type { DicomwebClient } from '@heron/dicom/dicomweb';
import { loadRtstructMask, outlineObjectKind, readRtstruct } from '@heron/dicom/rtstruct';
import { loadSegMasks } from '@heron/dicom/seg';

export interface OutlineChoice {
  /** An RTSTRUCT ROI name, or a SEG segment label. */
  roi?: string;
  /** A SEG segment number, or an RTSTRUCT ROI number. */
  segment?: number;
}

export interface ExistingOutlineMask {
  kind: 'rtstruct' | 'seg';
  /** The ROI name or segment label. */
  name: string;
  seriesInstanceUID: string;
  /** The image of each slice of `grid`, in slice order. */
  sopInstanceUIDs: string[];
  grid: Grid;
  /** 1 inside, 0 outside, on `grid`. */
  mask: Uint8Array;
}

/** `object` must already be in the study `client` serves (stored in the PACS, or added to a folder client). */
export async function existingOutlineMask(
  client: DicomwebClient,
  studyInstanceUID: string,
  object: DicomJson,
  choice: OutlineChoice,
  name: string,
): Promise<ExistingOutlineMask> {
  const kind = outlineObjectKind(object, name);
  if (kind === 'rtstruct') {
    let roiName = choice.roi;
    if (roiName === undefined && choice.segment !== undefined) {
      const roi = readRtstruct(object).rois.find((r) => r.number === choice.segment);
      if (!roi) throw new Error(`${name} is an RTSTRUCT and has no ROI number ${choice.segment}.`);
      roiName = roi.name;
    }
    const r = await loadRtstructMask(client, studyInstanceUID, object, roiName);
    return {
      kind,
      name: r.roi.name,
      seriesInstanceUID: r.target.seriesInstanceUID,
      sopInstanceUIDs: r.target.slices.map((s) => s.sopInstanceUID),
      grid: r.target.volume,
      mask: r.mask,
    };
  }
  const { target, segments } = await loadSegMasks(client, {
    studyInstanceUID,
    seriesInstanceUID: text(object, Tag.SeriesInstanceUID) as string,
    sopInstanceUID: text(object, Tag.SOPInstanceUID) as string,
  });
  const list = segments.map((s) => `${s.segmentNumber} "${s.label}"`).join(', ');
  let chosen = segments;
  if (choice.segment !== undefined) chosen = segments.filter((s) => s.segmentNumber === choice.segment);
  else if (choice.roi !== undefined)
    chosen = segments.filter((s) => s.label.toLowerCase() === choice.roi!.toLowerCase());
  if (chosen.length === 0) {
    const asked = choice.segment !== undefined ? `segment ${choice.segment}` : `segment "${choice.roi}"`;
    throw new Error(`${name} has no ${asked}; its segments: ${list || '(none)'}.`);
  }
  if (chosen.length > 1) {
    throw new Error(
      `${name} is a SEG with ${segments.length} segments (${list}) and none was chosen: choose the outline by its segment number.`,
    );
  }
  const [segment] = chosen;
  return {
    kind,
    name: segment.label,
    seriesInstanceUID: target.seriesInstanceUID,
    sopInstanceUIDs: target.slices.map((s) => s.sopInstanceUID),
    grid: target.volume,
    mask: segment.mask,
  };
}
