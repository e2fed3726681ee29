/**
 * Typed reading of the DICOM JSON model (PS3.18 F.2) as Orthanc's QIDO-RS / WADO-RS metadata and dcmjs
 * return it. Every accessor tolerates the variants seen in practice: an empty attribute without `Value`
 * (F.2.5), IS/DS values as JSON numbers or as strings, multi-valued strings still joined by backslashes,
 * PN values as `{ Alphabetic }` objects (F.2.2), and private attributes that arrive as raw bytes when the
 * sender had no private dictionary for them: `UN` with `InlineBinary` from Orthanc, `UN` with an ArrayBuffer
 * in `Value` from dcmjs reading an implicit-VR file.
 */

/** One attribute of the DICOM JSON model. */
export interface DicomJsonAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}

/** A data set in the DICOM JSON model, keyed by tag (`"00080060"`). */
export type DicomJson = Record<string, DicomJsonAttribute>;

/** How the bytes of a private attribute received as `UN`/`InlineBinary` are to be read. */
export type BinaryEncoding = 'text' | 'float32' | 'float64';

function attribute(ds: DicomJson, tag: string): DicomJsonAttribute | undefined {
  const a = ds[tag];
  return a && typeof a === 'object' ? a : undefined;
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') {
    // Values are padded to even length with a space (or NUL for UI) in Part 10 files (PS3.5 6.2).
    const t = v.replace(/[\s\0]+$/, '').replace(/^\s+/, '');
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (v && typeof v === 'object' && 'Alphabetic' in v) return asText((v as { Alphabetic: unknown }).Alphabetic);
  return undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** All values of an attribute as strings; a backslash-joined string counts as several values (PS3.5 6.4). */
export function texts(ds: DicomJson, tag: string): string[] {
  const out: string[] = [];
  for (const v of attribute(ds, tag)?.Value ?? []) {
    const pieces = typeof v === 'string' ? v.split('\\') : [v];
    for (const p of pieces) {
      const t = asText(p);
      if (t !== undefined) out.push(t);
    }
  }
  return out;
}

/** The first value of an attribute as a string, or undefined when absent or empty. */
export function text(ds: DicomJson, tag: string): string | undefined {
  return texts(ds, tag)[0];
}

/** All values of a numeric attribute (IS, DS, US, FL, FD...), whether sent as numbers or strings. */
export function numbers(ds: DicomJson, tag: string): number[] {
  const out: number[] = [];
  for (const v of attribute(ds, tag)?.Value ?? []) {
    const pieces = typeof v === 'string' ? v.split('\\') : [v];
    for (const p of pieces) {
      const n = asNumber(p);
      if (n !== undefined) out.push(n);
    }
  }
  return out;
}

/** The first value of a numeric attribute, or undefined when absent, empty or not a number. */
export function numberOf(ds: DicomJson, tag: string): number | undefined {
  return numbers(ds, tag)[0];
}

/** The items of a sequence attribute (SQ); empty when the attribute is absent or has no items. */
export function items(ds: DicomJson, tag: string): DicomJson[] {
  return (attribute(ds, tag)?.Value ?? []).filter(
    (v): v is DicomJson => !!v && typeof v === 'object' && !Array.isArray(v),
  );
}

/** Builds a DICOM JSON key from a group and an element given as hexadecimal strings. */
export function tagKey(group: string, element: string): string {
  const key = `${group}${element}`.toUpperCase();
  if (!/^[0-9A-F]{8}$/.test(key)) throw new Error(`'${group},${element}' is not a DICOM tag (need 4 + 4 hex digits)`);
  return key;
}

/**
 * The key under which a private creator's element lives in this data set, or undefined if the creator has
 * no block here. A private creator element (gggg,00xx) reserves the block (gggg,xx00-xxFF) for the creator
 * named in its value (PS3.5 7.8.1), so the same vendor element sits at different tags in different files;
 * only the creator tells which block it is in.
 *
 * @param group private (odd) group, 4 hex digits, e.g. '0019'
 * @param creator the private creator string, e.g. 'SIEMENS MR HEADER'
 * @param element the element's offset within the block, 2 hex digits, e.g. '0C'
 */
export function privateTagKey(ds: DicomJson, group: string, creator: string, element: string): string | undefined {
  if (!/^[0-9A-Fa-f]{3}[13579BDFbdf]$/.test(group))
    throw new Error(`private group '${group}' must be 4 hex digits and odd`);
  if (!/^[0-9A-Fa-f]{2}$/.test(element)) throw new Error(`private element offset '${element}' must be 2 hex digits`);
  const wanted = creator.trim().toUpperCase();
  for (let block = 0x10; block <= 0xff; block++) {
    const xx = block.toString(16).toUpperCase().padStart(2, '0');
    const name = text(ds, tagKey(group, `00${xx}`));
    if (name !== undefined && name.toUpperCase() === wanted) return tagKey(group, `${xx}${element}`);
  }
  return undefined;
}

function decodeBase64(b64: string): Uint8Array {
  // atob is in browsers and Node >= 16, so this module stays usable in the viewer as well as the server.
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function decodeBinary(bytes: Uint8Array, encoding: BinaryEncoding): number[] {
  if (encoding === 'text') {
    const s = String.fromCharCode(...bytes);
    return s
      .split('\\')
      .map((p) => asNumber(p.replace(/\0/g, '')))
      .filter((n): n is number => n !== undefined);
  }
  // Binary VRs are little endian in every transfer syntax Orthanc and scanners use (PS3.5 7.3).
  const size = encoding === 'float32' ? 4 : 8;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let o = 0; o + size <= bytes.byteLength; o += size) {
    const n = size === 4 ? view.getFloat32(o, true) : view.getFloat64(o, true);
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

/** The bytes of an attribute that arrived undecoded: base64 InlineBinary, or an ArrayBuffer (view) in Value. */
function rawBytes(a: DicomJsonAttribute): Uint8Array | undefined {
  if (typeof a.InlineBinary === 'string') return decodeBase64(a.InlineBinary);
  const v = a.Value?.[0];
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return undefined;
}

type PrivateAt = { group: string; creator: string; element: string };

/**
 * The numeric values of a private element found through its creator (see privateTagKey). When the element
 * arrived as raw bytes, `binary` says how to read them: 'text' for IS/DS, 'float32' for FL, 'float64' for FD.
 */
export function privateNumbers(ds: DicomJson, at: PrivateAt, binary: BinaryEncoding): number[] {
  const key = privateTagKey(ds, at.group, at.creator, at.element);
  const a = key === undefined ? undefined : attribute(ds, key);
  if (!a || key === undefined) return [];
  const bytes = rawBytes(a);
  return bytes ? decodeBinary(bytes, binary) : numbers(ds, key);
}

/** The text values of a private element found through its creator; raw bytes are read as ASCII. */
export function privateTexts(ds: DicomJson, at: PrivateAt): string[] {
  const key = privateTagKey(ds, at.group, at.creator, at.element);
  const a = key === undefined ? undefined : attribute(ds, key);
  if (!a || key === undefined) return [];
  const bytes = rawBytes(a);
  if (!bytes) return texts(ds, key);
  return String.fromCharCode(...bytes)
    .split('\\')
    .map((p) => asText(p.replace(/\0/g, '')))
    .filter((t): t is string => t !== undefined);
}
