/**
 * A DICOM Part 10 file read with dcmjs, in words a reader understands when it cannot be, and with its text in the
 * character sets DICOM defines, ISO 2022 code extensions included (./character-sets.ts), which dcmjs refuses.
 *
 * dcmjs decodes text as it reads, with one decoder per data set. To keep the bytes, the Specific Character Set value
 * is blanked in a copy of the file before dcmjs reads it: dcmjs then decodes every byte as windows-1252, which maps
 * each byte to one character, so the bytes are recovered from the strings and decoded again in the file's own
 * character sets. The data set comes back in Unicode with Specific Character Set ISO_IR 192, as dcmjs returns it.
 */
import { characterSets, decodeText } from './character-sets';
import { DicomMessage, type ReadOptions } from './dcmjs';
import type { DicomJson } from './dicom-json';

export interface Part10 {
  meta: DicomJson;
  dict: DicomJson;
}

const TEXT_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'UC', 'PN']);

/** Each windows-1252 character back to its byte (the decoder dcmjs uses for a data set without a character set). */
const BYTE_OF = (() => {
  const map = new Map<number, number>();
  const chars = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (let i = 0; i < 256; i++) map.set(chars.charCodeAt(i), i);
  return map;
})();

function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = BYTE_OF.get(s.charCodeAt(i)) ?? 0x3f;
  return out;
}

/**
 * Where the value of the top-level Specific Character Set (0008,0005) lies, found by its tag and VR (explicit VR) or
 * length (implicit VR) right after the file meta information; undefined when the data set has none.
 */
/**
 * The length of the file meta information from its group length (0002,0000), the first element after 'DICM'
 * (PS3.10 7.1); undefined for the files that leave it out, whose meta group is then not measured here.
 */
function metaGroupLength(bytes: Uint8Array): number | undefined {
  const g = bytes.subarray(132, 138);
  const present = bytes.length >= 144 && g[0] === 0x02 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0x55;
  return present ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(140, true) : undefined;
}

function characterSetValue(bytes: Uint8Array): { at: number; length: number } | undefined {
  if (metaGroupLength(bytes) === undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metaLength = view.getUint32(140, true);
  // The meta group length element is 12 bytes from 132; the data set starts after the group.
  const start = 144 + metaLength;
  // Group 0008's elements before (0008,0005) are at most (0008,0001) and (0008,0000): a short window suffices.
  // Values have even lengths, so elements start at even offsets; odd ones would find tags across two elements.
  for (let i = start; i < Math.min(start + 64, bytes.length - 10); i += 2) {
    const le = bytes[i] === 0x08 && bytes[i + 1] === 0x00 && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x00;
    const be = bytes[i] === 0x00 && bytes[i + 1] === 0x08 && bytes[i + 2] === 0x00 && bytes[i + 3] === 0x05;
    if (!le && !be) continue;
    if (bytes[i + 4] === 0x43 && bytes[i + 5] === 0x53)
      return { at: i + 8, length: le ? view.getUint16(i + 6, true) : view.getUint16(i + 6, false) };
    return { at: i + 8, length: view.getUint32(i + 4, true) };
  }
  return undefined;
}

/** Whether the file meta information (group 0002, always explicit VR little endian) holds (0002,0010). */
function hasTransferSyntax(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - 4, 144 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(140, true));
  for (let i = 132; i < end; i += 2)
    if (bytes[i] === 0x02 && bytes[i + 1] === 0x00 && bytes[i + 2] === 0x10 && bytes[i + 3] === 0x00) return true;
  return false;
}

function redecode(ds: DicomJson, labels: string[]): void {
  for (const element of Object.values(ds)) {
    const values = element.Value as unknown[] | undefined;
    if (!values) continue;
    if (element.vr === 'SQ') {
      for (const item of values) redecode(item as DicomJson, labels);
    } else if (TEXT_VRS.has(element.vr)) {
      element.Value = values.map((v) => {
        if (typeof v === 'string') return decodeText(bytesOf(v), labels);
        if (v && typeof v === 'object')
          return Object.fromEntries(
            Object.entries(v).map(([k, c]) => [k, typeof c === 'string' ? decodeText(bytesOf(c), labels) : c]),
          );
        return v;
      });
    }
  }
}

/** dcmjs's messages, which name its internals, as what they mean for the file. */
function explain(message: string): string {
  if (/outside the bounds of the DataView|out of range|beyond|past end|more than currently allocated/i.test(message))
    return 'the file ends in the middle of a data element: it is truncated or damaged';
  if (/multiple character sets/i.test(message))
    return (
      `an item of one of its sequences declares character sets of its own (${message.replace(/.*: /, '')}), ` +
      'which Heron does not read'
    );
  if (/expected header is missing/i.test(message)) return "it has no DICOM file header ('DICM' after 128 bytes)";
  if (/Unsupported character set: (.*)/.test(message))
    return `its Specific Character Set (${message.replace(/.*: /, '')}) is not one DICOM defines`;
  // Anything else is a parser that lost its way, whose message (a JavaScript TypeError) would mean nothing.
  return 'its structure is not valid DICOM';
}

/** Reads `bytes`; a file dcmjs cannot read is an error that starts with `name` and says why in plain words. */
export function readPart10(bytes: ArrayBuffer, name: string, options: ReadOptions = {}): Part10 {
  const view = new Uint8Array(bytes);
  const found = characterSetValue(view);
  let labels = ['windows-1252'];
  let input = bytes;
  let original = '';
  if (found && found.at + found.length <= view.length) {
    const term = new TextDecoder('latin1').decode(view.subarray(found.at, found.at + found.length));
    original = term;
    try {
      labels = characterSets(term.split('\\').map((t) => t.trim()));
    } catch (err) {
      throw new Error(`${name} cannot be read: ${(err as Error).message}`);
    }
    const copy = view.slice();
    copy.fill(0x20, found.at, found.at + found.length);
    input = copy.buffer;
  }
  const metaLength = metaGroupLength(view);
  if (metaLength !== undefined && 144 + metaLength > view.length)
    throw new Error(`${name} cannot be read: ${explain('past end')}`);
  if (metaLength !== undefined && !hasTransferSyntax(view))
    throw new Error(`${name} cannot be read: its file meta information has no Transfer Syntax UID (0002,0010)`);
  let read: Part10;
  try {
    read = DicomMessage.readFile(input, options);
  } catch (err) {
    throw new Error(`${name} cannot be read: ${explain(err instanceof Error ? err.message : String(err))}`);
  }
  if (found) {
    redecode(read.dict, labels);
    const element = read.dict['00080005'] as { _rawValue?: unknown } | undefined;
    if (element?._rawValue) element._rawValue = original.split('\\');
  }
  return read;
}
