/**
 * Reads a DICOM Segmentation (ours, one drawn in OHIF, or any conformant binary or fractional SEG) back into
 * one mask per segment on the grid of its referenced series. Each frame is placed by its
 * PlanePositionSequence (PS3.3 C.7.6.16.2.3) projected on the target grid, or, when a SEG lacks positions,
 * by the source image it was derived from (DerivationImageSequence). SEGs on another grid would need
 * resampling and are refused.
 */
import type { Volume } from '@heron/radiomics';
import { type DicomJson, items, numberOf, numbers, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import type { SliceSource } from '../volumes/volume-from-dicomweb';
import { SEGMENTATION_STORAGE } from '../core/uids';

const SEG = {
  SegmentSequence: '00620002',
  SegmentNumber: '00620004',
  SegmentLabel: '00620005',
  SegmentationType: '00620001',
  MaximumFractionalValue: '00620010',
  SegmentIdentificationSequence: '0062000A',
  ReferencedSegmentNumber: '0062000B',
  ReferencedSeriesSequence: '00081115',
  DerivationImageSequence: '00089124',
  SourceImageSequence: '00082112',
  ReferencedSOPInstanceUID: '00081155',
  ReferencedFrameNumber: '00081160',
} as const;

export interface SegTarget {
  seriesInstanceUID: string;
  volume: Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'>;
  slices: SliceSource[];
}

export interface SegmentMask {
  segmentNumber: number;
  label: string;
  /** 1 inside, 0 outside, on the target grid. */
  mask: Uint8Array;
}

/** The series a SEG says it was drawn on (Common Instance Reference module, PS3.3 C.12.2). */
export function referencedSeriesOf(seg: DicomJson): string[] {
  return items(seg, SEG.ReferencedSeriesSequence)
    .map((it) => text(it, Tag.SeriesInstanceUID))
    .filter((u): u is string => u !== undefined);
}

/** The SOP Instance UIDs a SEG references in one series. */
export function referencedInstancesOf(seg: DicomJson, seriesInstanceUID: string): string[] {
  const series = items(seg, SEG.ReferencedSeriesSequence).find(
    (it) => text(it, Tag.SeriesInstanceUID) === seriesInstanceUID,
  );
  return series
    ? items(series, '0008114A')
        .map((it) => text(it, SEG.ReferencedSOPInstanceUID))
        .filter((u): u is string => u !== undefined)
    : [];
}

/**
 * Unpacks frame pixel data into one 0/1-or-value byte per pixel. 1-bit data is a bit stream, least
 * significant bit first (PS3.5 8.1.1), contiguous across frames in a Part 10 file; WADO-RS sends each frame
 * on its own, starting at bit 0.
 */
export function unpackFrames(
  bytes: Uint8Array,
  frameCount: number,
  pixelsPerFrame: number,
  bitsAllocated: number,
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let f = 0; f < frameCount; f++) {
    const frame = new Uint8Array(pixelsPerFrame);
    if (bitsAllocated === 1) {
      const base = f * pixelsPerFrame;
      for (let p = 0; p < pixelsPerFrame; p++) frame[p] = (bytes[(base + p) >> 3] >> ((base + p) & 7)) & 1;
    } else if (bitsAllocated === 8) {
      frame.set(bytes.subarray(f * pixelsPerFrame, (f + 1) * pixelsPerFrame));
    } else {
      throw new Error(`SEG pixel data with BitsAllocated ${bitsAllocated} is not supported (1 or 8 expected)`);
    }
    out.push(frame);
  }
  return out;
}

function segName(seg: DicomJson): string {
  return `SEG ${text(seg, Tag.SOPInstanceUID) ?? '(no SOP Instance UID)'}`;
}

function sliceByPosition(position: number[], target: SegTarget, name: string, frame: number): number {
  const { origin, direction, spacing, size } = target.volume;
  const d = [0, 1, 2].map((r) => position[r] - origin[r]);
  const along = (axis: number) =>
    (d[0] * direction[axis] + d[1] * direction[3 + axis] + d[2] * direction[6 + axis]) / spacing[axis];
  const [i, j, k] = [along(0), along(1), along(2)];
  const kr = Math.round(k);
  if (Math.abs(i) > 0.05 || Math.abs(j) > 0.05 || Math.abs(k - kr) > 0.05 || kr < 0 || kr >= size[2]) {
    throw new Error(
      `${name}: frame ${frame} lies at (${position.map((v) => v.toFixed(2)).join(', ')}) mm, not on a slice of series ${target.seriesInstanceUID}; the SEG is on another grid`,
    );
  }
  return kr;
}

function sliceBySource(perFrame: DicomJson, target: SegTarget, name: string, frame: number): number {
  const source = items(items(perFrame, SEG.DerivationImageSequence)[0] ?? {}, SEG.SourceImageSequence)[0];
  const sop = source && text(source, SEG.ReferencedSOPInstanceUID);
  const number = (source && numberOf(source, SEG.ReferencedFrameNumber)) ?? 1;
  const k = target.slices.findIndex((s) => s.sopInstanceUID === sop && s.frameNumber === number);
  if (k < 0)
    throw new Error(
      `${name}: frame ${frame} has no plane position and its source image is not a slice of series ${target.seriesInstanceUID}`,
    );
  return k;
}

function checkGrid(seg: DicomJson, target: SegTarget, name: string): void {
  const [nx, ny] = target.volume.size;
  if (numberOf(seg, Tag.Rows) !== ny || numberOf(seg, Tag.Columns) !== nx) {
    throw new Error(
      `${name} is ${numberOf(seg, Tag.Columns)}x${numberOf(seg, Tag.Rows)} pixels, series ${target.seriesInstanceUID} is ${nx}x${ny}; the SEG is on another grid`,
    );
  }
  const shared = items(seg, Tag.SharedFunctionalGroupsSequence)[0] ?? {};
  const plane = items(shared, Tag.PlaneOrientationSequence)[0];
  const iop = plane ? numbers(plane, Tag.ImageOrientationPatient) : [];
  const d = target.volume.direction;
  const expected = [d[0], d[3], d[6], d[1], d[4], d[7]];
  if (iop.length === 6 && iop.some((v, i) => Math.abs(v - expected[i]) > 1e-3)) {
    throw new Error(
      `${name} is oriented ${iop.join('\\')}, series ${target.seriesInstanceUID} ${expected.map((v) => v.toFixed(4)).join('\\')}; the SEG is on another grid`,
    );
  }
}

/**
 * One mask per segment on the target grid. `frames` are the SEG's frames unpacked (unpackFrames), in frame
 * order. Throws when the SEG references another series or lies on another grid.
 */
export function readSeg(seg: DicomJson, frames: Uint8Array[], target: SegTarget): SegmentMask[] {
  const name = segName(seg);
  if (text(seg, Tag.SOPClassUID) !== SEGMENTATION_STORAGE)
    throw new Error(`${name} is not a Segmentation (SOP class ${text(seg, Tag.SOPClassUID) ?? 'missing'})`);
  const refs = referencedSeriesOf(seg);
  if (refs.length > 0 && !refs.includes(target.seriesInstanceUID)) {
    throw new Error(`${name} references series ${refs.join(', ')}, not series ${target.seriesInstanceUID}`);
  }
  checkGrid(seg, target, name);
  const perFrameGroups = items(seg, Tag.PerFrameFunctionalGroupsSequence);
  const count = numberOf(seg, Tag.NumberOfFrames) ?? 0;
  if (frames.length !== count || perFrameGroups.length !== count) {
    throw new Error(
      `${name}: NumberOfFrames is ${count} but ${frames.length} frames and ${perFrameGroups.length} per-frame groups were given`,
    );
  }
  const fractional = text(seg, SEG.SegmentationType) === 'FRACTIONAL';
  // A fractional value above half of MaximumFractionalValue counts as inside (PS3.3 C.8.20.2.4).
  const threshold = fractional ? (numberOf(seg, SEG.MaximumFractionalValue) ?? 255) / 2 : 0;
  const [nx, ny, nz] = target.volume.size;
  const perSlice = nx * ny;
  const shared = items(seg, Tag.SharedFunctionalGroupsSequence)[0] ?? {};
  const segments = new Map<number, SegmentMask>();
  for (const it of items(seg, SEG.SegmentSequence)) {
    const number = numberOf(it, SEG.SegmentNumber);
    if (number !== undefined)
      segments.set(number, {
        segmentNumber: number,
        label: text(it, SEG.SegmentLabel) ?? `Segment ${number}`,
        mask: new Uint8Array(perSlice * nz),
      });
  }
  perFrameGroups.forEach((group, f) => {
    const identification =
      items(group, SEG.SegmentIdentificationSequence)[0] ?? items(shared, SEG.SegmentIdentificationSequence)[0];
    const number = identification && numberOf(identification, SEG.ReferencedSegmentNumber);
    const segment = number === undefined ? undefined : segments.get(number);
    if (!segment)
      throw new Error(
        `${name}: frame ${f + 1} belongs to segment ${String(number)}, which the SegmentSequence does not describe`,
      );
    const plane = items(group, Tag.PlanePositionSequence)[0];
    const position = plane ? numbers(plane, Tag.ImagePositionPatient) : [];
    const k =
      position.length === 3
        ? sliceByPosition(position, target, name, f + 1)
        : sliceBySource(group, target, name, f + 1);
    const pixels = frames[f];
    const offset = k * perSlice;
    for (let p = 0; p < perSlice; p++) if (pixels[p] > threshold) segment.mask[offset + p] = 1;
  });
  return [...segments.values()].sort((a, b) => a.segmentNumber - b.segmentNumber);
}
