// The ROIs of an RT Structure Set (PS3.3 A.19, C.8.8.5-C.8.8.6): names, frames of reference, and the contours of
// each ROI as points in patient coordinates (LPS, mm).
import { type DicomJson, items, numbers, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';

const RT = {
  ReferencedFrameOfReferenceSequence: '30060010',
  RTReferencedStudySequence: '30060012',
  RTReferencedSeriesSequence: '30060014',
  ContourImageSequence: '30060016',
  StructureSetROISequence: '30060020',
  ROINumber: '30060022',
  ReferencedFrameOfReferenceUID: '30060024',
  ROIName: '30060026',
  ROIContourSequence: '30060039',
  ContourSequence: '30060040',
  ContourGeometricType: '30060042',
  ContourData: '30060050',
  ReferencedROINumber: '30060084',
  ReferencedSOPInstanceUID: '00081155',
} as const;

export interface RtContour {
  /** CLOSED_PLANAR, OPEN_PLANAR, OPEN_NONPLANAR or POINT. */
  geometricType: string;
  /** x0, y0, z0, x1, ... in LPS mm. */
  points: number[];
  /** The images the contour was drawn on (ContourImageSequence), when given. */
  imageSopInstanceUIDs: string[];
}

export interface RtRoi {
  number: number;
  name: string;
  frameOfReferenceUID?: string;
  contours: RtContour[];
}

export interface RtStructureSet {
  sopInstanceUID?: string;
  /** Series named in the Referenced Frame of Reference Sequence. */
  referencedSeriesUIDs: string[];
  /** Every image any contour or the structure set references. */
  referencedImageUIDs: string[];
  rois: RtRoi[];
}

export function readRtstruct(ds: DicomJson): RtStructureSet {
  const referencedSeriesUIDs: string[] = [];
  const referencedImageUIDs = new Set<string>();
  for (const frame of items(ds, RT.ReferencedFrameOfReferenceSequence)) {
    for (const study of items(frame, RT.RTReferencedStudySequence)) {
      for (const series of items(study, RT.RTReferencedSeriesSequence)) {
        const uid = text(series, Tag.SeriesInstanceUID);
        if (uid) referencedSeriesUIDs.push(uid);
        for (const image of items(series, RT.ContourImageSequence)) {
          const sop = text(image, RT.ReferencedSOPInstanceUID);
          if (sop) referencedImageUIDs.add(sop);
        }
      }
    }
  }
  const contoursByRoi = new Map<number, RtContour[]>();
  for (const roiContour of items(ds, RT.ROIContourSequence)) {
    const number = numbers(roiContour, RT.ReferencedROINumber)[0];
    if (number === undefined) throw new Error('The RTSTRUCT has contours that do not say which ROI they belong to.');
    const contours = items(roiContour, RT.ContourSequence).map((c) => {
      const imageSopInstanceUIDs = items(c, RT.ContourImageSequence)
        .map((image) => text(image, RT.ReferencedSOPInstanceUID))
        .filter((u): u is string => u !== undefined);
      imageSopInstanceUIDs.forEach((u) => referencedImageUIDs.add(u));
      return {
        geometricType: text(c, RT.ContourGeometricType) ?? '',
        points: numbers(c, RT.ContourData),
        imageSopInstanceUIDs,
      };
    });
    contoursByRoi.set(number, contours);
  }
  const rois = items(ds, RT.StructureSetROISequence).map((roi) => {
    const number = numbers(roi, RT.ROINumber)[0];
    if (number === undefined)
      throw new Error(`The RTSTRUCT lists an ROI without a number (${text(roi, RT.ROIName) ?? 'no name'}).`);
    return {
      number,
      name: text(roi, RT.ROIName) ?? `ROI ${number}`,
      frameOfReferenceUID: text(roi, RT.ReferencedFrameOfReferenceUID),
      contours: contoursByRoi.get(number) ?? [],
    };
  });
  return {
    sopInstanceUID: text(ds, Tag.SOPInstanceUID),
    referencedSeriesUIDs,
    referencedImageUIDs: [...referencedImageUIDs],
    rois,
  };
}

/** The ROI called `name` (exact, then case-insensitive); without a name, the only ROI with contours. */
export function chooseRoi(set: RtStructureSet, name: string | undefined): RtRoi {
  const withContours = set.rois.filter((r) => r.contours.length > 0);
  const names = set.rois.map((r) => `"${r.name}"`).join(', ') || '(none)';
  if (name === undefined) {
    if (withContours.length === 1) return withContours[0];
    throw new Error(
      withContours.length === 0
        ? 'This structure set has no ROI with contours.'
        : `This structure set has ${withContours.length} ROIs with contours (${names}); choose one by name.`,
    );
  }
  const roi =
    set.rois.find((r) => r.name === name) ?? set.rois.find((r) => r.name.toLowerCase() === name.toLowerCase());
  if (!roi) throw new Error(`There is no ROI "${name}" in this structure set; its ROIs: ${names}.`);
  if (roi.contours.length === 0) throw new Error(`The ROI "${roi.name}" has no contours.`);
  return roi;
}
