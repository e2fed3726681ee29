/**
 * The frames of a DICOM Part 10 object as native little-endian bytes, whatever transfer syntax it was stored in:
 * what `heron analyze` reads from a folder, and what a DICOMweb server's whole instance is turned into when it
 * cannot send frames uncompressed.
 */
import { readPart10 } from '../core/read-part10';
import { type DicomJson, numberOf, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { swapToLittleEndian } from './big-endian';
import { decodeFrame, type FrameLayout } from './decode-frame';
import { type TransferSyntax, transferSyntax, unsupportedSyntax } from './transfer-syntax';

const TRANSFER_SYNTAX_UID = '00020010';
const LOSSY_IMAGE_COMPRESSION = '00282110';

export interface DecodedFrames {
  /** The frames asked for, in order, each as Explicit VR Little Endian would carry it. */
  frames: ArrayBuffer[];
  syntax: TransferSyntax;
  /**
   * Set when the pixels may differ from what the scanner produced: a lossy syntax, or an image that says it was
   * lossy-compressed before (LossyImageCompression 01, PS3.3 C.7.6.1.1.5). Says what, in the reader's words.
   */
  lossy?: string;
}

function layoutOf(ds: DicomJson): FrameLayout & { count: number } {
  const layout = {
    rows: numberOf(ds, Tag.Rows) ?? 0,
    columns: numberOf(ds, Tag.Columns) ?? 0,
    samplesPerPixel: numberOf(ds, Tag.SamplesPerPixel) ?? 1,
    bitsAllocated: numberOf(ds, Tag.BitsAllocated) ?? 16,
  };
  return { ...layout, count: numberOf(ds, Tag.NumberOfFrames) ?? 1 };
}

/** One frame of native pixel data, starting at its first pixel (1-bit frames need not start on a byte). */
export function nativeFrame(pixels: Uint8Array, layout: FrameLayout, frame: number): ArrayBuffer {
  const count = layout.rows * layout.columns * layout.samplesPerPixel;
  if (layout.bitsAllocated === 1) {
    const out = new Uint8Array(Math.ceil(count / 8));
    const base = frame * count;
    for (let p = 0; p < count; p++) {
      if ((pixels[(base + p) >> 3] >> ((base + p) & 7)) & 1) out[p >> 3] |= 1 << (p & 7);
    }
    return out.buffer;
  }
  const size = (count * layout.bitsAllocated) / 8;
  return pixels.slice(frame * size, (frame + 1) * size).buffer;
}

/**
 * The compressed bytes of each frame. dcmjs returns one buffer per frame when it can tell frames apart (one fragment
 * each, or the Basic Offset Table); a single-frame image may come split into fragments, which together are its
 * frame (PS3.5 A.4).
 */
function encapsulatedFrames(value: unknown[], count: number, name: string): Uint8Array[] {
  const fragments = value.filter((v): v is ArrayBuffer => v instanceof ArrayBuffer).map((b) => new Uint8Array(b));
  if (fragments.length === count) return fragments;
  if (count === 1) {
    const whole = new Uint8Array(fragments.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of fragments) {
      whole.set(f, at);
      at += f.length;
    }
    return [whole];
  }
  throw new Error(
    `${name}: its compressed pixel data has ${fragments.length} fragments for ${count} frames and no offset table ` +
      'that says which belong to which frame',
  );
}

function lossyNote(ds: DicomJson, syntax: TransferSyntax): string | undefined {
  const before = text(ds, LOSSY_IMAGE_COMPRESSION) === '01';
  if (syntax.lossy && syntax.encoding === 'jpeg-2000' && text(ds, LOSSY_IMAGE_COMPRESSION) === '00') return undefined;
  if (syntax.lossy) return `stored as ${syntax.name}, a lossy compression`;
  if (before) return 'marked as lossy-compressed before it was stored (Lossy Image Compression 01)';
  return undefined;
}

/** Reads `bytes` and returns the frames numbered `frameNumbers` (1-based), decoded. */
export async function part10Frames(bytes: ArrayBuffer, frameNumbers: number[], name: string): Promise<DecodedFrames> {
  const read = readPart10(bytes, name);
  const uid = text(read.meta, TRANSFER_SYNTAX_UID) ?? '';
  const syntax = transferSyntax(uid);
  if (!syntax) throw new Error(unsupportedSyntax(uid, name));
  const element = read.dict[Tag.PixelData];
  const value = element?.Value as unknown[] | undefined;
  if (!element || !value || value.length === 0) throw new Error(`${name} has no pixel data`);
  const layout = layoutOf(read.dict);
  for (const n of frameNumbers)
    if (!Number.isInteger(n) || n < 1 || n > layout.count)
      throw new Error(`${name} has ${layout.count} frame(s), not frame ${n}`);
  let frames: ArrayBuffer[];
  if (syntax.encoding === 'native' || syntax.encoding === 'big-endian') {
    if (!(value[0] instanceof ArrayBuffer)) throw new Error(`${name} has no pixel data`);
    let pixels: Uint8Array = new Uint8Array(value[0]);
    if (syntax.encoding === 'big-endian') pixels = swapToLittleEndian(pixels, layout.bitsAllocated, element.vr ?? 'OW');
    // dcmjs reads what is there of a value cut short; the frames would then be short too.
    const needed = Math.ceil(
      (layout.rows * layout.columns * layout.samplesPerPixel * layout.bitsAllocated * layout.count) / 8,
    );
    if (pixels.length < needed)
      throw new Error(
        `${name} holds ${pixels.length} bytes of pixel data where its ${layout.count} frame(s) of ` +
          `${layout.columns}x${layout.rows} need ${needed}: the file is truncated`,
      );
    frames = frameNumbers.map((n) => nativeFrame(pixels, layout, n - 1));
  } else {
    const encoded = encapsulatedFrames(value, layout.count, name);
    frames = [];
    for (const n of frameNumbers) {
      const decoded = await decodeFrame(encoded[n - 1], syntax, layout, `${name}, frame ${n}`);
      frames.push(decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + decoded.byteLength) as ArrayBuffer);
    }
  }
  const lossy = lossyNote(read.dict, syntax);
  return { frames, syntax, ...(lossy ? { lossy } : {}) };
}
