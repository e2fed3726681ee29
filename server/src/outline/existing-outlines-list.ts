// The outlines already in a study, whatever tool made them: every SEG with its segments and every RTSTRUCT with
// its ROIs, found by SOP class (a SEG stored with an unusual modality is still a SEG).
import { type DicomJson, items, numbers, text, Tag } from '@heron/dicom/core';
import { type DicomwebClient, dicomwebFailure } from '@heron/dicom/dicomweb';
import { RT_STRUCTURE_SET_STORAGE, SEGMENTATION_STORAGE } from '@heron/dicom/core';
import type { ExistingOutline } from '../contract';

const SegmentSequence = '00620002';
const SegmentNumber = '00620004';
const SegmentLabel = '00620005';
const StructureSetROISequence = '30060020';
const ROINumber = '30060022';
const ROIName = '30060026';
const Manufacturer = '00080070';
/** Modalities that may hold outlines; other series (images, SR, PDF) are not read. */
const OUTLINE_MODALITIES = new Set(['SEG', 'RTSTRUCT']);

function outlineOf(ds: DicomJson): ExistingOutline | null {
  const sopClass = text(ds, Tag.SOPClassUID);
  const base = {
    seriesInstanceUID: text(ds, Tag.SeriesInstanceUID) ?? '',
    sopInstanceUID: text(ds, Tag.SOPInstanceUID) ?? '',
    seriesDescription: text(ds, Tag.SeriesDescription),
    manufacturer: text(ds, Manufacturer),
  };
  if (sopClass === SEGMENTATION_STORAGE) {
    const list = items(ds, SegmentSequence).map((s) => {
      const number = numbers(s, SegmentNumber)[0];
      return { number, name: text(s, SegmentLabel) ?? `Segment ${number}` };
    });
    return { kind: 'seg', ...base, items: list };
  }
  if (sopClass === RT_STRUCTURE_SET_STORAGE) {
    const list = items(ds, StructureSetROISequence).map((r) => {
      const number = numbers(r, ROINumber)[0];
      return { number, name: text(r, ROIName) ?? `ROI ${number}` };
    });
    return { kind: 'rtstruct', ...base, items: list };
  }
  return null;
}

export async function listExistingOutlines(
  client: DicomwebClient,
  studyInstanceUID: string,
): Promise<ExistingOutline[]> {
  let series: DicomJson[];
  try {
    series = await client.searchForSeries({ studyInstanceUID });
  } catch (err) {
    throw dicomwebFailure(err, `Listing the series of study ${studyInstanceUID}`);
  }
  const candidates = series.filter((s) => OUTLINE_MODALITIES.has(text(s, Tag.Modality) ?? ''));
  const out: ExistingOutline[] = [];
  for (const s of candidates) {
    const seriesInstanceUID = text(s, Tag.SeriesInstanceUID) as string;
    let instances: DicomJson[];
    try {
      instances = await client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID });
    } catch (err) {
      throw dicomwebFailure(err, `Reading the metadata of series ${seriesInstanceUID}`);
    }
    for (const ds of instances) {
      const outline = outlineOf(ds);
      if (outline) out.push(outline);
    }
  }
  return out;
}
