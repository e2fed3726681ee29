/**
 * JPEG Lossless, Non-Hierarchical, Huffman-coded (process 14, and SV1 which is process 14 with predictor 1), for one
 * greyscale component: the DICOM transfer syntaxes 1.2.840.10008.1.2.4.57 and .70. Written from ITU-T T.81:
 * markers (Annex B), Huffman tables (Annex C, and the decoding tables of F.2.2.3), the predictors and the
 * difference coding of lossless mode (Annex H), byte stuffing and restart markers (B.1.1.5, F.1.2.3, F.2.2.5).
 * Our own decoder because the JavaScript one on npm corrupted the last pixel of real frames.
 */

interface HuffmanTable {
  /** Largest code of each length 1..16, -1 when there is none (F.2.2.3, MAXCODE). */
  maxCode: Int32Array;
  /** Smallest code of each length (MINCODE). */
  minCode: Int32Array;
  /** Index into `values` of the first value of each length (VALPTR). */
  valuePointer: Int32Array;
  values: Uint8Array;
}

/** The decoding tables from the 16 counts of codes per length and the values (C.2, F.15). */
function huffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const minCode = new Int32Array(17);
  const valuePointer = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1];
    valuePointer[length] = k;
    minCode[length] = code;
    code += n;
    k += n;
    maxCode[length] = n > 0 ? code - 1 : -1;
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { maxCode, minCode, valuePointer, values };
}

/** Reads the entropy-coded data bit by bit, undoing byte stuffing and stopping at markers. */
class BitReader {
  private bits = 0;
  private count = 0;
  /** The marker that ended the data, once reached (e.g. 0xd0 for RST0); 0 while in data. */
  marker = 0;

  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
  ) {}

  private nextByte(): number {
    if (this.marker !== 0 || this.at >= this.bytes.length) return 0;
    const b = this.bytes[this.at];
    if (b === 0xff) {
      const next = this.bytes[this.at + 1];
      if (next === 0x00) {
        this.at += 2;
        return 0xff;
      }
      // A marker inside the data: the segment ends here; decoding goes on with zero bits (F.2.2.5).
      this.marker = next;
      return 0;
    }
    this.at++;
    return b;
  }

  bit(): number {
    if (this.count === 0) {
      this.bits = this.nextByte();
      this.count = 8;
    }
    this.count--;
    return (this.bits >> this.count) & 1;
  }

  receive(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | this.bit();
    return v;
  }

  /** At a restart: drop the bits left in the byte and step over the RSTn marker (B.2.1, F.2.2.5). */
  restart(): void {
    this.count = 0;
    if (this.marker === 0) {
      while (this.at + 1 < this.bytes.length && !(this.bytes[this.at] === 0xff && this.bytes[this.at + 1] >= 0xd0))
        this.at++;
      this.marker = this.bytes[this.at + 1] ?? 0;
    }
    if (this.marker >= 0xd0 && this.marker <= 0xd7) {
      this.at += 2;
      this.marker = 0;
    }
  }

  decode(table: HuffmanTable, name: string): number {
    let code = this.bit();
    let length = 1;
    while (code > table.maxCode[length]) {
      code = (code << 1) | this.bit();
      length++;
      if (length > 16) throw new Error(`${name}: the JPEG Lossless data holds a Huffman code that is in no table`);
    }
    return table.values[table.valuePointer[length] + code - table.minCode[length]];
  }
}

interface Frame {
  precision: number;
  lines: number;
  samplesPerLine: number;
}

/** Decodes one frame into native little-endian bytes of `bytesPerSample` per sample. */
export function decodeJpegLossless(jpeg: Uint8Array, bytesPerSample: number, name: string): Uint8Array {
  const fail = (why: string): never => {
    throw new Error(`${name}: the JPEG Lossless frame cannot be decoded: ${why}`);
  };
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) fail('it does not start with a JPEG start-of-image marker');
  const tables = new Map<number, HuffmanTable>();
  let frame: Frame | undefined;
  let restartInterval = 0;
  let at = 2;
  for (;;) {
    if (at + 4 > jpeg.length) fail('it ends before its scan');
    if (jpeg[at] !== 0xff) fail(`a marker was expected at byte ${at}`);
    const marker = jpeg[at + 1];
    if (marker === 0xff) {
      at++; // fill bytes before a marker (B.1.1.2)
      continue;
    }
    const length = (jpeg[at + 2] << 8) | jpeg[at + 3];
    const segment = jpeg.subarray(at + 4, at + 2 + length);
    if (marker === 0xc3) {
      if (segment[5] !== 1) fail(`it has ${segment[5]} components; a greyscale image has one`);
      frame = {
        precision: segment[0],
        lines: (segment[1] << 8) | segment[2],
        samplesPerLine: (segment[3] << 8) | segment[4],
      };
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      fail(`it is coded with SOF${marker - 0xc0}, not the lossless Huffman process (SOF3)`);
    } else if (marker === 0xc4) {
      // One or more tables: class and id, 16 counts, then the values (B.2.4.2).
      let p = 0;
      while (p < segment.length) {
        const id = segment[p];
        const counts = segment.subarray(p + 1, p + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        tables.set(id & 0x0f, huffmanTable(counts, segment.subarray(p + 17, p + 17 + total)));
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = (segment[0] << 8) | segment[1];
    } else if (marker === 0xda) {
      // Ns, then a selector and table pair per component, then Ss (the predictor), Se and Ah/Al (B.2.3, H.2.2).
      if (!frame) return fail('its scan comes before the frame header');
      const table = tables.get(segment[2] >> 4);
      if (!table) return fail('its scan names a Huffman table it does not define');
      const predictor = segment[1 + 2 * segment[0]];
      const pointTransform = segment[3 + 2 * segment[0]] & 0x0f;
      return decodeScan(
        new BitReader(jpeg, at + 2 + length),
        frame,
        table,
        predictor,
        pointTransform,
        restartInterval,
        bytesPerSample,
        name,
      );
    } else if (marker === 0xd9) {
      fail('it ends before its scan');
    }
    at += 2 + length;
  }
}

function decodeScan(
  reader: BitReader,
  frame: Frame,
  table: HuffmanTable,
  predictor: number,
  pointTransform: number,
  restartInterval: number,
  bytesPerSample: number,
  name: string,
): Uint8Array {
  const { lines, samplesPerLine: width, precision } = frame;
  if (precision > bytesPerSample * 8)
    throw new Error(`${name}: the JPEG Lossless frame has ${precision}-bit samples, more than the image's pixels hold`);
  if (predictor < 1 || predictor > 7) throw new Error(`${name}: JPEG Lossless predictor ${predictor} does not exist`);
  const samples = new Int32Array(lines * width);
  const initial = 1 << (precision - pointTransform - 1);
  // H.1.2.1: the first sample of the scan and of each restart interval is predicted by 2^(P-Pt-1), the rest of
  // that first line by the sample to the left (Ra), the first sample of every other line by the one above (Rb).
  let intervalStart = 0;
  for (let i = 0; i < samples.length; i++) {
    if (restartInterval > 0 && i > 0 && i % restartInterval === 0) {
      reader.restart();
      intervalStart = i;
    }
    const x = i % width;
    let prediction: number;
    if (i === intervalStart) prediction = initial;
    else if (i - intervalStart < width) prediction = samples[i - 1];
    else if (x === 0) prediction = samples[i - width];
    else {
      const a = samples[i - 1];
      const b = samples[i - width];
      const c = samples[i - width - 1];
      switch (predictor) {
        case 1:
          prediction = a;
          break;
        case 2:
          prediction = b;
          break;
        case 3:
          prediction = c;
          break;
        case 4:
          prediction = a + b - c;
          break;
        case 5:
          prediction = a + ((b - c) >> 1);
          break;
        case 6:
          prediction = b + ((a - c) >> 1);
          break;
        default:
          prediction = (a + b) >> 1;
      }
    }
    // H.1.2.2 and F.1.2.1.1: the category, then that many bits of the difference (EXTEND, F.2.2.1);
    // category 16 is the difference 32768 with no bits following.
    const category = reader.decode(table, name);
    let difference = 0;
    if (category === 16) difference = 32768;
    else if (category > 0) {
      const v = reader.receive(category);
      difference = v < 1 << (category - 1) ? v - (1 << category) + 1 : v;
    }
    // Reconstruction is modulo 2^16 (H.2.1).
    samples[i] = (prediction + difference) & 0xffff;
  }
  const out = new Uint8Array(samples.length * bytesPerSample);
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] << pointTransform;
    out[i * bytesPerSample] = v & 0xff;
    if (bytesPerSample === 2) out[i * bytesPerSample + 1] = (v >> 8) & 0xff;
  }
  return out;
}
