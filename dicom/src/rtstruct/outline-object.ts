// What kind of object a file or instance offered as an outline is, decided by its SOP Class UID first (PS3.4 B.5),
// not by its modality or file name: an RTSTRUCT handed over where a SEG was expected is read as an RTSTRUCT, and an
// image is refused as "not an outline".
import { type DicomJson, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';

export const RT_STRUCTURE_SET_STORAGE = '1.2.840.10008.5.1.4.1.1.481.3';
export const SEGMENTATION_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';

export type OutlineObjectKind = 'rtstruct' | 'seg';

/** 'rtstruct' or 'seg'; throws with a message for a reader for anything else. */
export function outlineObjectKind(ds: DicomJson, name: string): OutlineObjectKind {
  const sopClass = text(ds, Tag.SOPClassUID);
  if (sopClass === RT_STRUCTURE_SET_STORAGE) return 'rtstruct';
  if (sopClass === SEGMENTATION_SOP_CLASS) return 'seg';
  const modality = text(ds, Tag.Modality);
  const what =
    ds[Tag.PixelData] || ds[Tag.FloatPixelData]
      ? `an image (${modality ?? 'no modality'})`
      : `a ${modality ?? 'DICOM'} object`;
  throw new Error(
    `${name} is not an outline: it is ${what}, SOP class ${sopClass ?? '(none)'}. ` +
      'An outline is a DICOM SEG or an RT Structure Set (RTSTRUCT).',
  );
}
