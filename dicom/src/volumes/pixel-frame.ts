/**
 * Native (uncompressed, little-endian) pixel frames into voxel arrays, with the Modality LUT applied as
 * RescaleSlope/RescaleIntercept (PS3.3 C.11.1.1.2). Frames arrive from WADO-RS in Explicit VR Little Endian
 * because we ask Orthanc to transcode to it, or from ../codecs, which decodes what a server or a file holds compressed.
 */
import type { VoxelArray } from '@heron/radiomics';
import { type DicomJson, numberOf, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import type { ImageFrame } from './image-frames';

export interface PixelFormat {
  rows: number;
  columns: number;
  bitsAllocated: 8 | 16 | 32;
  bitsStored: number;
  signed: boolean;
}

/** The Image Pixel module of one image (PS3.3 C.7.6.3), restricted to what an MR volume can be. */
export function pixelFormat(ds: DicomJson, name: string): PixelFormat {
  // Orthanc leaves encapsulated (compressed) Pixel Data out of WADO-RS metadata altogether, where it lists native
  // pixel data as bulk data: an image whose Image Pixel module is there has pixels to ask for.
  const describesPixels = [Tag.Rows, Tag.Columns, Tag.BitsAllocated].every((t) => ds[t] !== undefined);
  if (!ds[Tag.PixelData] && (!describesPixels || ds[Tag.FloatPixelData] || ds[Tag.DoubleFloatPixelData])) {
    const other =
      ds[Tag.FloatPixelData] || ds[Tag.DoubleFloatPixelData]
        ? ' (it has float pixel data, which Heron does not read)'
        : '';
    throw new Error(`${name} has no PixelData (7FE0,0010)${other}`);
  }
  const rows = numberOf(ds, Tag.Rows);
  const columns = numberOf(ds, Tag.Columns);
  const bitsAllocated = numberOf(ds, Tag.BitsAllocated);
  const samples = numberOf(ds, Tag.SamplesPerPixel) ?? 1;
  const photometric = text(ds, Tag.PhotometricInterpretation) ?? 'MONOCHROME2';
  if (!rows || !columns) throw new Error(`${name} has no Rows/Columns (0028,0010/0011)`);
  if (samples !== 1 || !photometric.startsWith('MONOCHROME')) {
    throw new Error(
      `${name} is a colour image (${photometric}, ${samples} samples per pixel); MR volumes must be greyscale`,
    );
  }
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new Error(`${name} has BitsAllocated ${String(bitsAllocated)}; only 8, 16 and 32 are supported`);
  }
  return {
    rows,
    columns,
    bitsAllocated,
    bitsStored: numberOf(ds, Tag.BitsStored) ?? bitsAllocated,
    signed: numberOf(ds, Tag.PixelRepresentation) === 1,
  };
}

export function frameBytes(f: PixelFormat): number {
  return (f.rows * f.columns * f.bitsAllocated) / 8;
}

/**
 * The array type that holds the real-world values exactly: the stored integer type when every frame has the
 * identity rescale (no copy of meaning, no rounding), Float32 otherwise.
 */
export function voxelArray(format: PixelFormat, frames: ImageFrame[], voxels: number): VoxelArray {
  const identity = frames.every((f) => f.rescaleSlope === 1 && f.rescaleIntercept === 0);
  if (!identity) return new Float32Array(voxels);
  if (format.bitsAllocated === 8) return format.signed ? new Int8Array(voxels) : new Uint8Array(voxels);
  if (format.bitsAllocated === 16) return format.signed ? new Int16Array(voxels) : new Uint16Array(voxels);
  return format.signed ? new Int32Array(voxels) : new Uint32Array(voxels);
}

function stored(
  bytes: Uint8Array,
  format: PixelFormat,
): Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array {
  const n = format.rows * format.columns;
  // Copy to an aligned buffer when the multipart part does not start on an element boundary.
  const aligned = bytes.byteOffset % (format.bitsAllocated / 8) === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset } = aligned;
  if (format.bitsAllocated === 8)
    return format.signed ? new Int8Array(buffer, byteOffset, n) : new Uint8Array(buffer, byteOffset, n);
  if (format.bitsAllocated === 16)
    return format.signed ? new Int16Array(buffer, byteOffset, n) : new Uint16Array(buffer, byteOffset, n);
  return format.signed ? new Int32Array(buffer, byteOffset, n) : new Uint32Array(buffer, byteOffset, n);
}

/**
 * Writes one frame into `out` at `offset`. Bits above BitsStored are not pixel data (PS3.5 8.1.1) and are
 * masked off; signed values are sign-extended from their high bit.
 */
export function writeFrame(
  bytes: Uint8Array,
  format: PixelFormat,
  frame: ImageFrame,
  out: VoxelArray,
  offset: number,
  name: string,
): void {
  const expected = frameBytes(format);
  if (bytes.byteLength !== expected) {
    throw new Error(
      `${name}: the PACS sent ${bytes.byteLength} bytes for a ${format.columns}x${format.rows} ${format.bitsAllocated}-bit frame ` +
        `(${expected} expected); it was not delivered uncompressed`,
    );
  }
  const values = stored(bytes, format);
  const spare = format.bitsAllocated - format.bitsStored;
  const slope = frame.rescaleSlope;
  const intercept = frame.rescaleIntercept;
  const plain = spare === 0 || (!format.signed && values.every((v) => v >>> format.bitsStored === 0));
  if (plain && out.constructor === values.constructor) {
    out.set(values, offset);
    return;
  }
  for (let p = 0; p < values.length; p++) {
    let v = values[p];
    if (spare > 0)
      v = format.signed
        ? (v << (32 - format.bitsStored)) >> (32 - format.bitsStored)
        : v & ((1 << format.bitsStored) - 1);
    out[offset + p] = v * slope + intercept;
  }
}
