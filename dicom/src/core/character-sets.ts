/**
 * Text values in the character sets DICOM defines (PS3.3 C.12.1.1.2), including ISO 2022 code extensions: escape
 * sequences that switch between ASCII and Japanese (IR 13, 87, 159), Korean (IR 149), Chinese (IR 58) or the ISO 8859
 * parts within one value (PS3.5 §6.1.2.5). Each run of bytes between escape sequences is decoded with the WHATWG
 * decoder of the character set in force (Node and browsers both ship them).
 */

/** Single-byte or multi-byte sets named by a Specific Character Set term, by the decoder that reads them. */
const DECODER_OF_TERM: Record<string, string> = {
  ISO_IR_6: 'utf-8', // ASCII, of which UTF-8 is a superset
  ISO_IR_100: 'iso-8859-1',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'iso-8859-9',
  ISO_IR_203: 'iso-8859-15',
  ISO_IR_166: 'windows-874',
  ISO_IR_13: 'shift_jis',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  ISO_2022_IR_6: 'utf-8',
  ISO_2022_IR_100: 'iso-8859-1',
  ISO_2022_IR_101: 'iso-8859-2',
  ISO_2022_IR_109: 'iso-8859-3',
  ISO_2022_IR_110: 'iso-8859-4',
  ISO_2022_IR_144: 'iso-8859-5',
  ISO_2022_IR_127: 'iso-8859-6',
  ISO_2022_IR_126: 'iso-8859-7',
  ISO_2022_IR_138: 'iso-8859-8',
  ISO_2022_IR_148: 'iso-8859-9',
  ISO_2022_IR_203: 'iso-8859-15',
  ISO_2022_IR_166: 'windows-874',
  ISO_2022_IR_13: 'shift_jis',
  ISO_2022_IR_87: 'iso-2022-jp',
  ISO_2022_IR_159: 'jis-x-0212',
  ISO_2022_IR_149: 'euc-kr',
  ISO_2022_IR_58: 'gbk',
};

/**
 * The escape sequences of PS3.3 Tables C.12-3 to C.12-5, by the bytes after ESC: which of the two code elements they
 * designate (G0, the 7-bit half; G1, the half with bit 8 set) and the set. In G0, 'ascii' covers both ASCII and JIS X
 * 0201 Romaji (which differ in two symbols only); the 8-bit sets are decoded whole, their lower half being ASCII.
 */
const ESCAPES: [number[], 'g0' | 'g1', string][] = [
  [[0x28, 0x42], 'g0', 'ascii'], // ESC ( B
  [[0x28, 0x4a], 'g0', 'ascii'], // ESC ( J: JIS X 0201 Romaji
  [[0x24, 0x42], 'g0', 'iso-2022-jp'], // ESC $ B: JIS X 0208
  [[0x24, 0x28, 0x44], 'g0', 'jis-x-0212'], // ESC $ ( D
  [[0x29, 0x49], 'g1', 'shift_jis'], // ESC ) I: JIS X 0201 Katakana, as Shift-JIS has it in 0xA1..0xDF
  [[0x24, 0x29, 0x43], 'g1', 'euc-kr'], // ESC $ ) C: KS X 1001
  [[0x24, 0x29, 0x41], 'g1', 'gbk'], // ESC $ ) A: GB 2312
  [[0x2d, 0x41], 'g1', 'iso-8859-1'],
  [[0x2d, 0x42], 'g1', 'iso-8859-2'],
  [[0x2d, 0x43], 'g1', 'iso-8859-3'],
  [[0x2d, 0x44], 'g1', 'iso-8859-4'],
  [[0x2d, 0x4c], 'g1', 'iso-8859-5'],
  [[0x2d, 0x47], 'g1', 'iso-8859-6'],
  [[0x2d, 0x46], 'g1', 'iso-8859-7'],
  [[0x2d, 0x48], 'g1', 'iso-8859-8'],
  [[0x2d, 0x4d], 'g1', 'iso-8859-9'],
  [[0x2d, 0x62], 'g1', 'iso-8859-15'],
  [[0x2d, 0x54], 'g1', 'windows-874'],
];

/** Bytes that end a component and restore the initial character set (PS3.5 6.1.2.5.3): ^ = \ CR LF TAB FF. */
const DELIMITERS = new Set([0x5e, 0x3d, 0x5c, 0x0d, 0x0a, 0x09, 0x0c]);

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();
function decoder(label: string): InstanceType<typeof TextDecoder> {
  let d = decoders.get(label);
  if (!d) decoders.set(label, (d = new TextDecoder(label)));
  return d;
}

/** The decoder label of each value of Specific Character Set; unknown terms are refused with their name. */
export function characterSets(specificCharacterSet: string[]): string[] {
  const terms = specificCharacterSet.length > 0 ? specificCharacterSet : [''];
  return terms.map((term, i) => {
    const key = term.trim().replace(/[ -]/g, '_').toUpperCase();
    // An empty first value means the default repertoire (ASCII) with code extensions after it.
    if (key === '') return 'utf-8';
    const label = DECODER_OF_TERM[key];
    if (!label)
      throw new Error(
        `its Specific Character Set value ${i + 1} '${term.trim()}' is not a character set DICOM defines (PS3.3 C.12.1.1.2)`,
      );
    return label;
  });
}

function decodeRun(bytes: Uint8Array, label: string): string {
  if (bytes.length === 0) return '';
  if (label === 'iso-2022-jp') {
    // The WHATWG ISO-2022-JP decoder starts in ASCII: it is given the designation back.
    const withEscape = new Uint8Array(bytes.length + 3);
    withEscape.set([0x1b, 0x24, 0x42]);
    withEscape.set(bytes, 3);
    return decoder('iso-2022-jp').decode(withEscape);
  }
  if (label === 'jis-x-0212') {
    // JIS X 0212 has no WHATWG decoder of its own, but EUC-JP carries it as 0x8F then the two bytes with bit 8 set.
    const euc: number[] = [];
    for (let i = 0; i + 1 < bytes.length; i += 2) euc.push(0x8f, bytes[i] | 0x80, bytes[i + 1] | 0x80);
    return decoder('euc-jp').decode(new Uint8Array(euc));
  }
  return decoder(label).decode(bytes);
}

/**
 * A text value's bytes as a string. With one character set and no escape sequences this is one decode; with ISO 2022
 * code extensions, each run between escape sequences is decoded in the sets designated for it, and a delimiter
 * returns to the sets of the first value (PS3.5 6.1.2.5.3).
 */
export function decodeText(bytes: Uint8Array, labels: string[]): string {
  const first = labels[0];
  const initial = {
    g0: first === 'iso-2022-jp' || first === 'jis-x-0212' ? first : 'ascii',
    g1: first === 'iso-2022-jp' || first === 'jis-x-0212' ? 'utf-8' : first,
  };
  let state = { ...initial };
  const runLabel = () => (state.g0 === 'ascii' ? state.g1 : state.g0);
  let out = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0x1b) {
      out += decodeRun(bytes.subarray(start, i), runLabel());
      const found = ESCAPES.find(([seq]) => seq.every((s, k) => bytes[i + 1 + k] === s));
      if (found) {
        state = { ...state, [found[1]]: found[2] };
        i += 1 + found[0].length;
      } else {
        // An escape DICOM does not define: ESC, intermediate bytes 0x20..0x2F, one final byte (ISO/IEC 2022 §13.2),
        // dropped rather than shown as control characters.
        i++;
        while (i < bytes.length && bytes[i] >= 0x20 && bytes[i] <= 0x2f) i++;
        i++;
      }
      start = i;
      continue;
    }
    if (state.g0 === 'ascii' && DELIMITERS.has(b) && (state.g0 !== initial.g0 || state.g1 !== initial.g1)) {
      out += decodeRun(bytes.subarray(start, i), runLabel());
      state = { ...initial };
      start = i;
    }
    i++;
  }
  return out + decodeRun(bytes.subarray(start), runLabel());
}
