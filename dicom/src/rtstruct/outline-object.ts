// What kind of object a file or instance offered as an outline is, decided by its SOP Class UID first (PS3.4 B.5),
// not by its modality or file name: an RTSTRUCT handed over where a SEG was expected is read as an RTSTRUCT, and an
// image is refused as "not an outline".
import { type DicomJson, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { RT_STRUCTURE_SET_STORAGE, SEGMENTATION_STORAGE } from '../core/uids';

export type OutlineObjectKind = 'rtstruct' | 'seg';

/** 'rtstruct' or 'seg'; throws with a message for a reader for anything else. */
export function outlineObjectKind(ds: DicomJson, name: string): OutlineObjectKind {
  const sopClass = text(ds, Tag.SOPClassUID);
  if (sopClass === RT_STRUCTURE_SET_STORAGE) return 'rtstruct';
  if (sopClass === SEGMENTATION_STORAGE) return 'seg';
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
