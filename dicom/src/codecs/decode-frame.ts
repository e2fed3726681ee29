/**
 * One compressed frame into native little-endian bytes, the form WADO-RS answers for Explicit VR Little Endian, so
 * everything after (pixel-frame.ts) reads decoded and uncompressed frames alike.
 */
import { decodeJpegLossless } from './jpeg-lossless';
import { decodeRle } from './rle';
import type { TransferSyntax } from './transfer-syntax';
import { decodeWithWasm, type FrameInfo } from './wasm-codecs';

/** What the image's Image Pixel module says a frame is (PS3.3 C.7.6.3). */
export interface FrameLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
}

/** Widens or copies decoded samples to `bitsAllocated` little-endian bytes each. */
function toAllocated(pixels: Uint8Array, decodedBytes: number, layout: FrameLayout): Uint8Array {
  const allocated = layout.bitsAllocated / 8;
  if (decodedBytes === allocated) return pixels;
  const count = layout.rows * layout.columns * layout.samplesPerPixel;
  const out = new Uint8Array(count * allocated);
  for (let p = 0; p < count; p++)
    for (let b = 0; b < Math.min(decodedBytes, allocated); b++) out[p * allocated + b] = pixels[p * decodedBytes + b];
  return out;
}

function checkInfo(info: FrameInfo, layout: FrameLayout, name: string): number {
  if (info.width !== layout.columns || info.height !== layout.rows || info.componentCount !== layout.samplesPerPixel)
    throw new Error(
      `${name}: the compressed frame is ${info.width}x${info.height} with ${info.componentCount} component(s), ` +
        `but the header says ${layout.columns}x${layout.rows} with ${layout.samplesPerPixel}`,
    );
  return info.bitsPerSample <= 8 ? 1 : info.bitsPerSample <= 16 ? 2 : 4;
}

export async function decodeFrame(
  frame: Uint8Array,
  syntax: TransferSyntax,
  layout: FrameLayout,
  name: string,
): Promise<Uint8Array> {
  if (![8, 16, 32].includes(layout.bitsAllocated))
    throw new Error(`${name}: ${syntax.name} frames of ${layout.bitsAllocated}-bit pixels are not decoded`);
  if (layout.samplesPerPixel !== 1)
    throw new Error(`${name} is a colour image compressed as ${syntax.name}; Heron decodes greyscale images only`);
  const pixels = layout.rows * layout.columns;
  const bytesPerSample = layout.bitsAllocated / 8;
  switch (syntax.encoding) {
    case 'rle':
      return decodeRle(frame, pixels, bytesPerSample, name);
    case 'jpeg-lossless':
      if (bytesPerSample > 2) throw new Error(`${name}: JPEG Lossless holds at most 16 bits per pixel`);
      return decodeJpegLossless(frame, bytesPerSample, name);
    case 'jpeg-ls':
    case 'jpeg-2000':
    case 'jpeg-baseline': {
      if (syntax.encoding === 'jpeg-baseline' && frame[0] === 0xff && frame[1] === 0xd8 && twelveBit(frame))
        throw new Error(
          `${name} is 12-bit ${syntax.name}, which Heron does not decode (only 8-bit JPEG); ` +
            'ask the sender for a lossless syntax or decompress it first (e.g. dcmdjpeg)',
        );
      const { pixels: decoded, info } = await decodeWithWasm(syntax.encoding, frame, name);
      const decodedBytes = checkInfo(info, layout, name);
      if (decoded.length !== pixels * decodedBytes)
        throw new Error(
          `${name}: ${syntax.name} decoding gave ${decoded.length} bytes, ${pixels * decodedBytes} expected`,
        );
      return toAllocated(decoded, decodedBytes, layout);
    }
    default:
      throw new Error(`${name}: ${syntax.name} pixel data is not compressed and needs no decoder`);
  }
}

/** True when the JPEG's first start-of-frame marker declares 12-bit samples (T.81 B.2.2). */
function twelveBit(jpeg: Uint8Array): boolean {
  let i = 2;
  while (i + 4 < jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    const length = (jpeg[i + 2] << 8) | jpeg[i + 3];
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return jpeg[i + 4] > 8;
    i += 2 + length;
  }
  return false;
}
