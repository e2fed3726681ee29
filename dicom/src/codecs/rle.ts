/**
 * RLE Lossless decoding (PS3.5 Annex G). A frame is a 64-byte header — the number of segments and the offset of each,
 * as 16 little-endian 32-bit integers (G.5) — then the segments. Each segment holds one byte plane of one sample,
 * most significant byte first (G.2), packed with the PackBits scheme (G.3.1): a header byte n in 0..127 copies the
 * next n + 1 bytes, n in -127..-1 repeats the next byte 1 - n times, -128 is nothing.
 */

/** Unpacks one segment into `out` (which has the length of one byte plane). */
function unpackSegment(bytes: Uint8Array, start: number, end: number, out: Uint8Array, name: string): void {
  let i = start;
  let o = 0;
  while (i < end && o < out.length) {
    const n = (bytes[i++] << 24) >> 24;
    if (n >= 0) {
      const count = Math.min(n + 1, out.length - o, end - i);
      out.set(bytes.subarray(i, i + count), o);
      i += n + 1;
      o += count;
    } else if (n !== -128) {
      const count = Math.min(1 - n, out.length - o);
      out.fill(bytes[i++], o, o + count);
      o += count;
    }
  }
  if (o < out.length) throw new Error(`${name}: an RLE segment ends after ${o} of ${out.length} pixels`);
}

/**
 * Decodes one greyscale RLE frame of `pixels` samples of `bytesPerSample` bytes into native little-endian bytes.
 * Only one sample per pixel: Heron reads greyscale images.
 */
export function decodeRle(frame: Uint8Array, pixels: number, bytesPerSample: number, name: string): Uint8Array {
  if (frame.length < 64) throw new Error(`${name}: the RLE frame is shorter than its 64-byte header`);
  const header = new DataView(frame.buffer, frame.byteOffset, 64);
  const segments = header.getUint32(0, true);
  if (segments !== bytesPerSample)
    throw new Error(
      `${name}: the RLE frame has ${segments} segments; a greyscale image of ${bytesPerSample * 8} bits needs ${bytesPerSample}`,
    );
  const out = new Uint8Array(pixels * bytesPerSample);
  const plane = new Uint8Array(pixels);
  for (let s = 0; s < segments; s++) {
    const start = header.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? header.getUint32(8 + 4 * s, true) : frame.length;
    if (start < 64 || end > frame.length || end < start)
      throw new Error(`${name}: RLE segment ${s + 1} lies outside the frame`);
    unpackSegment(frame, start, end, plane, name);
    // Segment 0 is the most significant byte, which is the last byte of a little-endian sample.
    const byte = bytesPerSample - 1 - s;
    for (let p = 0; p < pixels; p++) out[p * bytesPerSample + byte] = plane[p];
  }
  return out;
}
