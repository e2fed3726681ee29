/**
 * The 2D frames of MR images as one list, whether each frame is its own instance (MR Image Storage) or a
 * frame of an Enhanced / Legacy Converted multi-frame object. For multi-frame objects every frame's geometry,
 * rescale, temporal position and b-value come from its Per-Frame Functional Groups item, falling back to the
 * Shared Functional Groups (PS3.3 C.7.6.16.1: a functional group is in one of the two, never in both).
 */
import { type DicomJson, items, numberOf, numbers, text, texts } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { readBValue } from '../roles/diffusion-b-value';

export interface ImageFrame {
  instance: DicomJson;
  sopInstanceUID: string;
  /** 1-based frame number within its instance (1 for single-frame images), as WADO-RS /frames/{n} wants. */
  frameNumber: number;
  /** ImagePositionPatient of the first transmitted pixel, mm, LPS. */
  position?: [number, number, number];
  /** ImageOrientationPatient: row direction cosines, then column direction cosines. */
  orientation?: number[];
  /** PixelSpacing: between rows, then between columns (PS3.3 10.7.1.3). */
  pixelSpacing?: [number, number];
  sliceThickness?: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** TemporalPositionIdentifier (classic) or TemporalPositionIndex (multi-frame FrameContentSequence). */
  temporalPosition?: number;
  bValue?: number;
  /**
   * What kind of image a frame of a multi-frame object is: its Frame Type (0008,9007) and Complex Image Component
   * (0008,9208) from the MR Image Frame Type macro (PS3.3 C.8.13.5.1), e.g. 'ORIGINAL\\PRIMARY\\M_FFE\\NONE|MAGNITUDE'
   * or a field map's '…\\B0\\…|REAL'. Frames at one position are told apart by it.
   */
  frameType?: string;
}

const MR_IMAGE_FRAME_TYPE = '00189226';
const FRAME_TYPE = '00089007';
const COMPLEX_IMAGE_COMPONENT = '00089208';

function group(perFrame: DicomJson | undefined, shared: DicomJson | undefined, tag: string): DicomJson | undefined {
  return (perFrame && items(perFrame, tag)[0]) ?? (shared && items(shared, tag)[0]);
}

function vec3(v: number[]): [number, number, number] | undefined {
  return v.length === 3 ? [v[0], v[1], v[2]] : undefined;
}

function pair(v: number[]): [number, number] | undefined {
  return v.length === 2 ? [v[0], v[1]] : undefined;
}

function classicFrame(ds: DicomJson, sopInstanceUID: string): ImageFrame {
  const orientation = numbers(ds, Tag.ImageOrientationPatient);
  const temporal = numberOf(ds, Tag.TemporalPositionIdentifier);
  const b = readBValue(ds);
  const frame: ImageFrame = {
    instance: ds,
    sopInstanceUID,
    frameNumber: 1,
    // Absent RescaleSlope/Intercept mean stored values are the real values (PS3.3 C.11.1.1.2).
    rescaleSlope: numberOf(ds, Tag.RescaleSlope) ?? 1,
    rescaleIntercept: numberOf(ds, Tag.RescaleIntercept) ?? 0,
  };
  const position = vec3(numbers(ds, Tag.ImagePositionPatient));
  const spacing = pair(numbers(ds, Tag.PixelSpacing));
  const thickness = numberOf(ds, Tag.SliceThickness);
  if (position) frame.position = position;
  if (orientation.length === 6) frame.orientation = orientation;
  if (spacing) frame.pixelSpacing = spacing;
  if (thickness !== undefined) frame.sliceThickness = thickness;
  if (temporal !== undefined) frame.temporalPosition = temporal;
  if (b) frame.bValue = b.bValue;
  return frame;
}

function multiFrames(ds: DicomJson, sopInstanceUID: string, count: number): ImageFrame[] {
  const shared = items(ds, Tag.SharedFunctionalGroupsSequence)[0];
  const perFrame = items(ds, Tag.PerFrameFunctionalGroupsSequence);
  const out: ImageFrame[] = [];
  for (let f = 0; f < count; f++) {
    const own = perFrame[f];
    const position = group(own, shared, Tag.PlanePositionSequence);
    const orientation = group(own, shared, Tag.PlaneOrientationSequence);
    const measures = group(own, shared, Tag.PixelMeasuresSequence);
    const transform = group(own, shared, Tag.PixelValueTransformationSequence);
    const content = group(own, shared, Tag.FrameContentSequence);
    const diffusion = group(own, shared, Tag.MRDiffusionSequence);
    const type = group(own, shared, MR_IMAGE_FRAME_TYPE);
    const frame: ImageFrame = {
      instance: ds,
      sopInstanceUID,
      frameNumber: f + 1,
      rescaleSlope: (transform && numberOf(transform, Tag.RescaleSlope)) ?? numberOf(ds, Tag.RescaleSlope) ?? 1,
      rescaleIntercept:
        (transform && numberOf(transform, Tag.RescaleIntercept)) ?? numberOf(ds, Tag.RescaleIntercept) ?? 0,
    };
    const ipp = position && vec3(numbers(position, Tag.ImagePositionPatient));
    const iop = orientation ? numbers(orientation, Tag.ImageOrientationPatient) : [];
    const spacing = measures && pair(numbers(measures, Tag.PixelSpacing));
    const thickness = measures && numberOf(measures, Tag.SliceThickness);
    const temporal = content && numberOf(content, Tag.TemporalPositionIndex);
    const b = diffusion && numberOf(diffusion, Tag.DiffusionBValue);
    if (ipp) frame.position = ipp;
    if (iop.length === 6) frame.orientation = iop;
    if (spacing) frame.pixelSpacing = spacing;
    if (thickness !== undefined) frame.sliceThickness = thickness;
    if (temporal !== undefined) frame.temporalPosition = temporal;
    if (b !== undefined) frame.bValue = Math.round(b);
    if (type) frame.frameType = `${texts(type, FRAME_TYPE).join('\\')}|${text(type, COMPLEX_IMAGE_COMPONENT) ?? ''}`;
    out.push(frame);
  }
  return out;
}

/** Every frame of the given instances, in instance order then frame order. */
export function imageFrames(instances: DicomJson[]): ImageFrame[] {
  return instances.flatMap((ds) => {
    const sop = text(ds, Tag.SOPInstanceUID);
    if (sop === undefined) throw new Error('An image has no SOPInstanceUID (0008,0018)');
    const count = numberOf(ds, Tag.NumberOfFrames);
    const isMultiFrame =
      count !== undefined && (count > 1 || items(ds, Tag.PerFrameFunctionalGroupsSequence).length > 0);
    return isMultiFrame ? multiFrames(ds, sop, count) : [classicFrame(ds, sop)];
  });
}
