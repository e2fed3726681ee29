/**
 * Writes a binary DICOM Segmentation (PS3.3 A.51) of the tumour and its peritumoral shells on the grid of the
 * source series: one frame per segment and slice that holds any voxel, each frame referencing its source
 * image, so a viewer can overlay it without resampling. Built as a plain naturalized dataset and written with
 * dcmjs (docs/dicom-sr-seg.md §2 lists why not dcmjs' Segmentation derivation: copied MR frame types, fixed content
 * label and qualification, frame order tied to its normalizer).
 */
import type { Volume } from '@heron/radiomics';
import { type DicomJson, items, text } from '../core/dicom-json';
import { dicomDateTime } from '../core/dicom-datetime';
import { datasetToDict } from '../core/dcmjs';
import { decimalString } from '../core/decimal-string';
import { type DeviceIdentity, equipment, patientAndStudy } from '../core/derived-header';
import { SEGMENTATION_STORAGE, newUid, type ObjectUids } from '../core/uids';
import {
  ABNORMAL_STRUCTURE,
  BREAST,
  type Code,
  code,
  HERON_SCHEME,
  LEFT,
  MASS,
  RIGHT,
  shellCode,
  TISSUE,
} from '../core/codes';
import type { SliceSource } from '../volumes/volume-from-dicomweb';

export type SegmentRegion = { kind: 'tumour' } | { kind: 'shell'; widthMm: number };

export interface SegmentInput {
  region: SegmentRegion;
  /** What the caller calls the region (a model's 'intra', 'peri3mm'), to find its segment number by; the segment label when not given. */
  name?: string;
  /** 1 inside, 0 outside; same layout and size as the source grid. */
  mask: Uint8Array;
  /** PS3.3 C.8.20.2.3: MANUAL (drawn), SEMIAUTOMATIC (proposed and edited), AUTOMATIC (derived, e.g. a shell). */
  algorithmType: 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';
  /** Required unless MANUAL, e.g. 'heron-shell 0.1.0 (3 mm dilation minus tumour)'. */
  algorithmName?: string;
}

/** The source series the masks are drawn on: its grid, the image of each slice and its metadata. */
export interface SegSource {
  seriesInstanceUID: string;
  frameOfReferenceUID?: string;
  volume: Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'>;
  slices: SliceSource[];
  reference: DicomJson;
}

export interface SegInput {
  /** The object's UIDs when they must be known in advance (an analysis's objects); new ones otherwise. */
  uids?: ObjectUids;
  source: SegSource;
  segments: SegmentInput[];
  /** The tumour's side, as a modifier of each segment's anatomic region (the source's side is Image Laterality). */
  laterality?: 'L' | 'R';
  device: DeviceIdentity;
  /** Who drew or accepted the outline, DICOM PN form 'Family^Given'. */
  contentCreatorName?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  /** Defaults to now. */
  createdAt?: Date;
}

export interface WrittenObject {
  /** The Part 10 file. */
  bytes: ArrayBuffer;
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  studyInstanceUID: string;
}

export interface WrittenSeg extends WrittenObject {
  /** The SEG segment number of each region, by the name of its input segment. */
  segmentNumbers: Map<string, number>;
}

const segmentLabel = (region: SegmentRegion) =>
  region.kind === 'tumour' ? 'Tumour' : shellCode(region.widthMm).CodeMeaning;
const segmentName = (s: SegmentInput) => s.name ?? segmentLabel(s.region);

/** Segment Sequence item (PS3.3 C.8.20.2, Segment Description Macro C.8.20.4). */
function segmentItem(s: SegmentInput, number: number, laterality: 'L' | 'R' | undefined): Record<string, unknown> {
  const tumour = s.region.kind === 'tumour';
  const type: Code = s.region.kind === 'tumour' ? MASS : shellCode(s.region.widthMm);
  return {
    SegmentNumber: number,
    SegmentLabel: segmentLabel(s.region),
    SegmentAlgorithmType: s.algorithmType,
    ...(s.algorithmType !== 'MANUAL' ? { SegmentAlgorithmName: s.algorithmName } : {}),
    SegmentedPropertyCategoryCodeSequence: [tumour ? ABNORMAL_STRUCTURE : TISSUE],
    SegmentedPropertyTypeCodeSequence: [type],
    AnatomicRegionSequence: [
      { ...BREAST, ...(laterality ? { AnatomicRegionModifierSequence: [laterality === 'L' ? LEFT : RIGHT] } : {}) },
    ],
    // CIELab of red for the tumour and of blues for shells, scaled to 0..65535 (PS3.3 C.10.7.1.1).
    RecommendedDisplayCIELabValue: tumour ? [34885, 53485, 50171] : [21169 + 6000 * number, 32768, 14000],
  };
}

function validate(input: SegInput): void {
  const { source, segments } = input;
  const [nx, ny, nz] = source.volume.size;
  if (source.slices.length !== nz)
    throw new Error(`SEG source ${source.seriesInstanceUID}: ${source.slices.length} slice sources for ${nz} slices`);
  if (segments.length === 0) throw new Error('A SEG needs at least one segment');
  if (segments.filter((s) => s.region.kind === 'tumour').length > 1) throw new Error('A SEG holds one tumour segment');
  const names = segments.map(segmentName);
  const repeated = names.find((name, n) => names.indexOf(name) !== n);
  if (repeated !== undefined) throw new Error(`Two segments are named '${repeated}'`);
  segments.forEach((s, n) => {
    if (!(s.mask instanceof Uint8Array) || s.mask.length !== nx * ny * nz) {
      throw new Error(
        `Segment ${n + 1}: mask must be a Uint8Array of ${nx}x${ny}x${nz} voxels on the source grid of ${source.seriesInstanceUID}`,
      );
    }
    if (!s.mask.some((v) => v !== 0)) throw new Error(`Segment ${n + 1} (${s.region.kind}) is empty`);
    if (s.algorithmType !== 'MANUAL' && !s.algorithmName)
      throw new Error(`Segment ${n + 1}: an ${s.algorithmType} segment needs its algorithm name`);
  });
}

/**
 * The side of the body part the source images show, for the SEG's Image Laterality: the images' own Image Laterality
 * (B on bilateral breast MRI), else the Frame Laterality of an enhanced source's shared Frame Anatomy, else the
 * series Laterality of a unilateral series (R or L, values Image Laterality also takes).
 */
function sourceLaterality(reference: DicomJson): string | undefined {
  const image = text(reference, '00200062');
  if (image) return image;
  for (const shared of items(reference, '52009229'))
    for (const anatomy of items(shared, '00209071')) {
      const frame = text(anatomy, '00209072');
      if (frame) return frame;
    }
  return text(reference, '00200060');
}

/** Writes the SEG with new Series and SOP Instance UIDs, or those the input names. */
export function writeSeg(input: SegInput): WrittenSeg {
  validate(input);
  const { source, segments } = input;
  const { size, spacing, origin, direction } = source.volume;
  const [nx, ny, nz] = size;
  const perFrame = nx * ny;
  const sopInstanceUID = input.uids?.sopInstanceUID ?? newUid();
  const seriesInstanceUID = input.uids?.seriesInstanceUID ?? newUid();
  const dimensionOrganizationUID = newUid();
  const now = dicomDateTime(input.createdAt ?? new Date());
  const study = patientAndStudy(source.reference);

  // Frames ordered by segment, then slice (ascending along the normal); empty frames are omitted
  // (PS3.3 C.8.20.2: a frame is only needed where the segment is present).
  const frames: { segment: number; k: number; offset: number }[] = [];
  segments.forEach((s, n) => {
    for (let k = 0; k < nz; k++) {
      const offset = k * perFrame;
      if (s.mask.subarray(offset, offset + perFrame).some((v) => v !== 0)) frames.push({ segment: n, k, offset });
    }
  });
  // 1-bit pixels packed contiguously across frames, least significant bit first (PS3.5 8.1.1, 8.2).
  const packed = new Uint8Array(Math.ceil((frames.length * perFrame) / 8));
  frames.forEach((f, i) => {
    const mask = segments[f.segment].mask;
    const base = i * perFrame;
    for (let p = 0; p < perFrame; p++) if (mask[f.offset + p]) packed[(base + p) >> 3] |= 1 << ((base + p) & 7);
  });

  const positionOf = (k: number) =>
    [0, 1, 2].map((r) => decimalString(origin[r] + direction[r * 3 + 2] * spacing[2] * k));
  const sourceRef = (k: number) => {
    const s = source.slices[k];
    return {
      ReferencedSOPClassUID: s.sopClassUID,
      ReferencedSOPInstanceUID: s.sopInstanceUID,
      ...(s.multiFrame ? { ReferencedFrameNumber: s.frameNumber } : {}),
    };
  };
  // Every image of the source volume is referenced, not only those under a frame, so a reader can rebuild
  // the whole grid the masks were drawn on (one DCE phase may be a part of its series).
  const referenced = new Map<string, Record<string, unknown>>();
  for (const s of source.slices)
    referenced.set(s.sopInstanceUID, {
      ReferencedSOPClassUID: s.sopClassUID,
      ReferencedSOPInstanceUID: s.sopInstanceUID,
    });
  const laterality = input.laterality;
  const usesPrivateCodes = segments.some((s) => s.region.kind === 'shell');
  // The body part and its side as the source gives them. The side is written as Image Laterality (General Image,
  // Type 3, R/L/U/B), never as General Series Laterality: dciodvfy refuses series Laterality on a SEG whatever its
  // value, body part or other laterality attributes, and with Image Laterality present neither PS3.3 C.7.3.1 nor
  // PixelMed requires it (PixelMed also refuses both together). Measured in docs/dicom-sr-seg.md §8.
  const bodyPart = text(source.reference, '00180015');
  const side = sourceLaterality(source.reference);

  const dataset: Record<string, unknown> = {
    _meta: {},
    _vrMap: { PixelData: 'OB' },
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopInstanceUID,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    ...study,
    Modality: 'SEG',
    SeriesInstanceUID: seriesInstanceUID,
    ...(bodyPart ? { BodyPartExamined: bodyPart } : {}),
    SeriesNumber: input.seriesNumber ?? 900,
    SeriesDescription: input.seriesDescription ?? 'Heron tumour and peritumoral regions',
    SeriesDate: now.date,
    SeriesTime: now.time,
    FrameOfReferenceUID: source.frameOfReferenceUID ?? newUid(),
    PositionReferenceIndicator: '',
    ...equipment(input.device),
    InstanceNumber: 1,
    ContentDate: now.date,
    ContentTime: now.time,
    ImageType: ['DERIVED', 'PRIMARY'],
    ...(side ? { ImageLaterality: side } : {}),
    ContentLabel: 'HERON_ROI',
    ContentDescription: 'Tumour and peritumoral shells for radiomics',
    ContentCreatorName: input.contentCreatorName ?? '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ny,
    Columns: nx,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    SegmentSequence: segments.map((s, n) => segmentItem(s, n + 1, laterality)),
    ...(usesPrivateCodes ? { CodingSchemeIdentificationSequence: [HERON_SCHEME] } : {}),
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUID }],
    // Frames are indexed by segment, then position (PS3.3 C.7.6.17, the SEG's usual dimensions).
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: '0062000B',
        FunctionalGroupPointer: '0062000A',
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: '00200032',
        FunctionalGroupPointer: '00209113',
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    NumberOfFrames: frames.length,
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [
          { ImageOrientationPatient: [0, 3, 6, 1, 4, 7].map((i) => decimalString(direction[i])) },
        ],
        // PixelSpacing is (between rows, between columns) = (y, x) spacing (PS3.3 10.7.1.3).
        PixelMeasuresSequence: [
          {
            PixelSpacing: [decimalString(spacing[1]), decimalString(spacing[0])],
            SliceThickness: decimalString(spacing[2]),
            SpacingBetweenSlices: decimalString(spacing[2]),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((f) => ({
      DerivationImageSequence: [
        {
          SourceImageSequence: [
            {
              ...sourceRef(f.k),
              PurposeOfReferenceCodeSequence: [code('121322', 'DCM', 'Source image for image processing operation')],
            },
          ],
          DerivationCodeSequence: [code('113076', 'DCM', 'Segmentation')],
        },
      ],
      FrameContentSequence: [{ DimensionIndexValues: [f.segment + 1, f.k + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: positionOf(f.k) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment + 1 }],
    })),
    ReferencedSeriesSequence: [
      { SeriesInstanceUID: source.seriesInstanceUID, ReferencedInstanceSequence: [...referenced.values()] },
    ],
    ContentQualification: 'RESEARCH',
    PixelData: [packed.buffer],
  };
  dataset._meta = { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'], vr: 'UI' } };
  return {
    bytes: datasetToDict(dataset).write(),
    sopClassUID: SEGMENTATION_STORAGE,
    sopInstanceUID,
    seriesInstanceUID,
    studyInstanceUID: String(study.StudyInstanceUID),
    segmentNumbers: new Map(segments.map((s, n) => [segmentName(s), n + 1])),
  };
}
