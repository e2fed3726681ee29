/**
 * A series, or one temporal phase or b-value of it, read over DICOMweb into a Volume in patient coordinates:
 * WADO-RS series metadata, then the frames of the chosen images as uncompressed pixel data (Orthanc
 * transcodes to Explicit VR Little Endian when the stored syntax differs, PS3.18 8.7.3.5), ordered along the
 * slice normal. A server that cannot transcode (Orthanc without a JPEG 2000 decoder, or another PACS) is asked for
 * the instance as stored, and Heron decodes its frames itself (../codecs).
 */
import type { Vec3, Volume } from '@heron/radiomics';
import { type DicomJson, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { part10Frames, transferSyntax } from '../codecs';
import {
  type DicomwebClient,
  dicomwebFailure,
  EXPLICIT_VR_LITTLE_ENDIAN,
  isDicomwebHttpError,
} from '../dicomweb/dicomweb';
import { type ImageFrame, imageFrames } from './image-frames';
import { type PixelFormat, pixelFormat, voxelArray, writeFrame } from './pixel-frame';
import { seriesLabel } from '../roles/series-evidence';
import type { FrameCache, InstanceFrames } from './frame-cache';
import { buildStack, type Stack, type StackGrid } from './stack-geometry';

/** Which images of the series make the volume; without any, the whole series must be one stack. */
export interface VolumeSelection {
  /** The images of one DCE phase or b-value, as classifyStudy lists them. */
  sopInstanceUIDs?: string[];
  /** TemporalPositionIdentifier (single-frame) or TemporalPositionIndex (multi-frame) of the phase. */
  temporalPosition?: number;
  /** b-value in s/mm² of a diffusion series. */
  bValue?: number;
}

export interface VolumeRequest {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  select?: VolumeSelection;
  /** The series' WADO-RS metadata when the caller already has it (saves one request). */
  metadata?: DicomJson[];
  /** Parallel frame requests; 6 keeps Orthanc's default 50 HTTP threads far from busy. */
  concurrency?: number;
  /** Frames read before (a prefetch, an earlier analysis) are taken from here, and frames read now kept in it. */
  cache?: FrameCache;
  /**
   * Only these slices of the selection's stack (indices along the slice normal, as the whole volume numbers them):
   * a slab, for a measure that reads only the slices an outline touches. Without it, every slice.
   */
  slab?: Slab;
}

/** Slices first … first + count - 1 of a stack. */
export interface Slab {
  first: number;
  count: number;
}

/** The image a slice of the volume came from: what a derived SEG or SR references. */
export interface SliceSource {
  sopClassUID: string;
  sopInstanceUID: string;
  /** 1-based frame within a multi-frame instance; 1 for single-frame images. */
  frameNumber: number;
  multiFrame: boolean;
}

export interface SeriesVolume {
  /** The voxels; for a slab, only its slices (origin at its first slice, spacing that of the whole stack). */
  volume: Volume;
  /** For a slab: its first slice's index in the whole stack and the whole stack's grid. */
  slab?: { first: number; whole: StackGrid };
  studyInstanceUID: string;
  seriesInstanceUID: string;
  frameOfReferenceUID?: string;
  /** slices[k] is the source of slice k. */
  slices: SliceSource[];
  /** The first image's metadata, for the patient and study attributes of derived objects. */
  reference: DicomJson;
  /** How messages name the series, e.g. 'series 7 "t1_fl3d_tra_dyn"'. */
  label: string;
  /** What the reader must know about the pixels, e.g. that they were lossy-compressed; empty when nothing. */
  warnings: string[];
}

const AVAILABLE_TRANSFER_SYNTAX_UID = '00083002';
const LOSSY_IMAGE_COMPRESSION = '00282110';

/**
 * Why the pixels of an image may not be the scanner's: the image says it was lossy-compressed (PS3.3 C.7.6.1.1.5),
 * or the server says it holds it in a lossy syntax (Available Transfer Syntax UID, PS3.18 10.4.1.2.3).
 */
function lossyNote(ds: DicomJson): string | undefined {
  if (text(ds, LOSSY_IMAGE_COMPRESSION) === '01') return 'it was lossy-compressed (Lossy Image Compression 01)';
  const syntax = transferSyntax(text(ds, AVAILABLE_TRANSFER_SYNTAX_UID) ?? '');
  if (syntax?.lossy && !(syntax.encoding === 'jpeg-2000' && text(ds, LOSSY_IMAGE_COMPRESSION) === '00'))
    return `it is stored as ${syntax.name}, a lossy compression`;
  return undefined;
}

/** A request the server could not answer as asked, rather than an unreachable or refusing server or a missing image. */
const cannotTranscode = (err: unknown): boolean => isDicomwebHttpError(err) && ![0, 401, 403, 404].includes(err.status);

const MR_SOP_CLASSES = new Set([
  '1.2.840.10008.5.1.4.1.1.4',
  '1.2.840.10008.5.1.4.1.1.4.1',
  '1.2.840.10008.5.1.4.1.1.4.4',
]);

function describeSelection(s: VolumeSelection): string {
  const parts = [
    s.sopInstanceUIDs ? `${s.sopInstanceUIDs.length} chosen images` : undefined,
    s.temporalPosition !== undefined ? `temporal position ${s.temporalPosition}` : undefined,
    s.bValue !== undefined ? `b = ${s.bValue}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.join(', ');
}

/** The frames the selection asks for; an empty result or an unknown image is an error, not an empty volume. */
export function selectFrames(frames: ImageFrame[], select: VolumeSelection, label: string): ImageFrame[] {
  let chosen = frames;
  if (select.sopInstanceUIDs) {
    const wanted = new Set(select.sopInstanceUIDs);
    chosen = chosen.filter((f) => wanted.has(f.sopInstanceUID));
    const found = new Set(chosen.map((f) => f.sopInstanceUID));
    const absent = select.sopInstanceUIDs.filter((uid) => !found.has(uid));
    if (absent.length > 0)
      throw new Error(`${label}: ${absent.length} chosen image(s) are not in the series, e.g. ${absent[0]}`);
  }
  if (select.temporalPosition !== undefined)
    chosen = chosen.filter((f) => f.temporalPosition === select.temporalPosition);
  if (select.bValue !== undefined) chosen = chosen.filter((f) => f.bValue === select.bValue);
  if (chosen.length === 0) throw new Error(`${label}: no image matches ${describeSelection(select)}`);
  return ofOneFrameType(chosen, label);
}

/**
 * Frames of several kinds at the same positions (a Philips magnitude image with its B0 field map or phase image in one
 * Enhanced MR series) make one volume of the magnitude frames with original pixel contrast ('NONE', PS3.3
 * C.8.16.2.1.4): the image a radiomics model reads. Without such frames the kinds are named in the refusal.
 */
export function ofOneFrameType(frames: ImageFrame[], label: string): ImageFrame[] {
  const kinds = new Set(frames.map((f) => f.frameType ?? ''));
  if (kinds.size <= 1) return frames;
  const isImage = (t: string) => {
    const [values, component] = t.split('|');
    return component === 'MAGNITUDE' && (values.split('\\')[3] ?? 'NONE') === 'NONE';
  };
  const images = [...kinds].filter(isImage);
  if (images.length === 1) return frames.filter((f) => (f.frameType ?? '') === images[0]);
  throw new Error(
    `${label} mixes frames of ${kinds.size} kinds (${[...kinds].map((k) => k || 'unstated').join('; ')}) ` +
      'and not one of them is the magnitude image with original contrast; choose the frames to read',
  );
}

function checkMr(instances: DicomJson[], label: string): void {
  for (const ds of instances) {
    const modality = text(ds, Tag.Modality);
    const sopClass = text(ds, Tag.SOPClassUID);
    if (modality !== 'MR' || (sopClass !== undefined && !MR_SOP_CLASSES.has(sopClass))) {
      throw new Error(
        `${label} is not an MR image series (Modality ${modality ?? 'missing'}, SOP class ${sopClass ?? 'missing'}); Heron builds volumes from MR images only`,
      );
    }
  }
}

async function inParallel<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

/**
 * The stack a selection of a series makes, from its metadata alone (no pixels): its grid and its frames in slice
 * order. What loadVolume builds its volume on, so a caller can choose a slab before reading any pixel.
 */
export function planVolume(
  seriesInstanceUID: string,
  metadata: DicomJson[],
  select: VolumeSelection = {},
): Stack & { label: string } {
  if (!Array.isArray(metadata) || metadata.length === 0)
    throw new Error(`Series ${seriesInstanceUID} has no images in the PACS`);
  const label = seriesLabel({ seriesInstanceUID, instances: metadata });
  checkMr(metadata, label);
  const frames = selectFrames(imageFrames(metadata), select, label);
  return { ...buildStack(frames, label), label };
}

/** The slab's frames and grid: the whole stack's spacing and direction, its origin at the slab's first slice. */
function slabOf(stack: Stack, slab: Slab, label: string): Stack {
  const { first, count } = slab;
  const nz = stack.grid.size[2];
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > nz)
    throw new Error(`${label}: slices ${first}–${first + count - 1} are not within its ${nz} slices`);
  const frames = stack.frames.slice(first, first + count);
  const p = frames[0].position as Vec3;
  return {
    grid: { ...stack.grid, size: [stack.grid.size[0], stack.grid.size[1], count], origin: [p[0], p[1], p[2]] },
    frames,
  };
}

/** What a request's volume depends on besides its metadata: the series, the images chosen and the slab. */
function volumeKey({ studyInstanceUID, seriesInstanceUID, select = {}, slab }: VolumeRequest): string {
  // The chosen images are a set: selectFrames orders them along the slice normal whatever order they come in.
  const images = select.sopInstanceUIDs ? [...select.sopInstanceUIDs].sort().join(',') : '*';
  return [
    'volume',
    studyInstanceUID,
    seriesInstanceUID,
    images,
    select.temporalPosition ?? '',
    select.bValue ?? '',
    slab ? `${slab.first}+${slab.count}` : '',
  ].join('|');
}

/**
 * Loads one volume from the PACS. Every failure names the series (and the image when one is at fault).
 *
 * With a cache and the caller's metadata, the volume built for the same request on the same metadata (the array the
 * SeriesMetadataCache gives out while the series' instance count is unchanged) is given again: it was built from the
 * same frames by the same plan, so it holds the same numbers.
 */
export async function loadVolume(client: DicomwebClient, request: VolumeRequest): Promise<SeriesVolume> {
  const { cache, metadata } = request;
  if (cache && metadata)
    return cache.builtFrom(volumeKey(request), metadata, volumeBytes, () => readVolume(client, request));
  return readVolume(client, request);
}

/** The volume the cache holds for this request (on the same metadata) when it holds one; nothing is read. */
export function heldVolume(request: VolumeRequest): Promise<SeriesVolume> | undefined {
  const { cache, metadata } = request;
  return cache && metadata ? cache.heldBuilt<SeriesVolume>(volumeKey(request), metadata) : undefined;
}

/** What a volume holds in memory: its voxels (the metadata it references is held by the metadata cache). */
const volumeBytes = (v: SeriesVolume) => v.volume.data.byteLength;

async function readVolume(client: DicomwebClient, request: VolumeRequest): Promise<SeriesVolume> {
  const { studyInstanceUID, seriesInstanceUID } = request;
  let metadata = request.metadata;
  if (!metadata) {
    try {
      metadata = await client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID });
    } catch (err) {
      throw dicomwebFailure(err, `Reading the metadata of series ${seriesInstanceUID}`);
    }
  }
  const whole = planVolume(seriesInstanceUID, metadata, request.select);
  const label = whole.label;
  const stack = request.slab ? slabOf(whole, request.slab, label) : whole;
  const formats = new Map<DicomJson, PixelFormat>();
  for (const f of stack.frames) {
    if (!formats.has(f.instance))
      formats.set(f.instance, pixelFormat(f.instance, `${label}, instance ${f.sopInstanceUID}`));
  }
  const format = formats.get(stack.frames[0].instance) as PixelFormat;
  for (const [ds, other] of formats) {
    if (other.bitsAllocated !== format.bitsAllocated || other.signed !== format.signed) {
      throw new Error(
        `${label}: instance ${text(ds, Tag.SOPInstanceUID)} stores pixels differently (bits allocated, sign) from the first slice`,
      );
    }
  }
  const [nx, ny, nz] = stack.grid.size;
  const perSlice = nx * ny;
  const data = voxelArray(format, stack.frames, perSlice * nz);

  // One request per instance, asking for all of its frames that are in the volume.
  const byInstance = new Map<string, { ds: DicomJson; slices: number[] }>();
  stack.frames.forEach((f, k) => {
    const entry = byInstance.get(f.sopInstanceUID) ?? { ds: f.instance, slices: [] };
    entry.slices.push(k);
    byInstance.set(f.sopInstanceUID, entry);
  });
  const lossy = new Set<string>();
  for (const { ds } of byInstance.values()) {
    const note = lossyNote(ds);
    if (note) lossy.add(note);
  }
  const tasks = [...byInstance.entries()].map(([sopInstanceUID, { ds, slices }]) => async () => {
    const name = `${label}, instance ${sopInstanceUID}`;
    const frameNumbers = slices.map((k) => stack.frames[k].frameNumber);
    const read = async (wanted: number[]): Promise<InstanceFrames> => {
      try {
        const frames = await client.retrieveInstanceFrames({
          studyInstanceUID,
          seriesInstanceUID,
          sopInstanceUID,
          frameNumbers: wanted,
          mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN }],
        });
        return { frames };
      } catch (err) {
        if (!cannotTranscode(err))
          throw dicomwebFailure(err, `Reading the pixel data of ${name} uncompressed (Explicit VR Little Endian)`);
        // The server holds a syntax it cannot decode: take the instance as stored and decode it here.
        let whole: ArrayBuffer;
        try {
          // transfer-syntax=* asks for the stored syntax (PS3.18 8.7.3.5.2); without it Orthanc transcodes, and fails again.
          whole = await client.retrieveInstance({
            studyInstanceUID,
            seriesInstanceUID,
            sopInstanceUID,
            mediaTypes: [{ mediaType: 'application/dicom', transferSyntaxUID: '*' }],
          });
        } catch (err2) {
          throw dicomwebFailure(err2, `Reading ${name} as stored (the PACS could not send it uncompressed)`);
        }
        const decoded = await part10Frames(whole, wanted, name);
        return { frames: decoded.frames, ...(decoded.lossy ? { lossy: `it is ${decoded.lossy}` } : {}) };
      }
    };
    const got = request.cache
      ? await request.cache.frames(`${studyInstanceUID}|${seriesInstanceUID}|${sopInstanceUID}`, frameNumbers, read)
      : await read(frameNumbers);
    if (got.lossy) lossy.add(got.lossy);
    const parts = got.frames;
    if (parts.length !== slices.length)
      throw new Error(`${name}: the PACS sent ${parts.length} frames for ${slices.length} requested`);
    const fmt = formats.get(ds) as PixelFormat;
    slices.forEach((k, i) => writeFrame(new Uint8Array(parts[i]), fmt, stack.frames[k], data, k * perSlice, name));
  });
  await inParallel(tasks, request.concurrency ?? 6);

  const reference = stack.frames[0].instance;
  const frameOfReferenceUID = text(reference, Tag.FrameOfReferenceUID);
  return {
    volume: { data, ...stack.grid },
    studyInstanceUID,
    seriesInstanceUID,
    ...(frameOfReferenceUID ? { frameOfReferenceUID } : {}),
    ...(request.slab ? { slab: { first: request.slab.first, whole: whole.grid } } : {}),
    slices: stack.frames.map((f) => ({
      sopClassUID: text(f.instance, Tag.SOPClassUID) ?? '',
      sopInstanceUID: f.sopInstanceUID,
      frameNumber: f.frameNumber,
      multiFrame: f.instance[Tag.PerFrameFunctionalGroupsSequence] !== undefined,
    })),
    reference,
    label,
    warnings: [...lossy].map(
      (why) =>
        `${label}: its pixels are not the scanner's originals, ${why}; features computed on it may differ from ` +
        'those on the original images the model was made with',
    ),
  };
}

/**
 * A slab cut out of a volume already read whole: the same voxels a slab read gives (no copy), its origin one slice
 * step per slice along the normal from the whole volume's.
 */
export function cutSlab(v: SeriesVolume, slab: Slab): SeriesVolume {
  const { size, spacing, origin, direction } = v.volume;
  const { first, count } = slab;
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > size[2])
    throw new Error(`${v.label}: slices ${first}–${first + count - 1} are not within its ${size[2]} slices`);
  const perSlice = size[0] * size[1];
  // Column 2 of the row-major direction matrix is the slice normal.
  const at = (r: number) => origin[r] + direction[r * 3 + 2] * spacing[2] * first;
  return {
    ...v,
    volume: {
      data: v.volume.data.subarray(first * perSlice, (first + count) * perSlice),
      size: [size[0], size[1], count],
      spacing,
      origin: [at(0), at(1), at(2)],
      direction,
    },
    slab: { first, whole: { size, spacing, origin, direction } },
    slices: v.slices.slice(first, first + count),
  };
}
