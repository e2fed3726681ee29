// NRRD reader (http://teem.sourceforge.net/nrrd/format.html): attached data, raw/gzip/ascii encoding, every scalar
// type, LPS/RAS/LAS spaces. Geometry follows SimpleITK: spacing = length of each space direction, direction =
// the normalised space directions as columns, converted to LPS.
import type { Vec3, Volume } from '../volume';
import { assertVolume } from '../volume';
import { gunzip } from './gzip';
import { decodeSamples, sampleWidth, type SampleType } from './samples';

const TYPE_NAMES: Record<string, SampleType> = {
  'signed char': 'int8',
  int8: 'int8',
  int8_t: 'int8',
  uchar: 'uint8',
  'unsigned char': 'uint8',
  uint8: 'uint8',
  uint8_t: 'uint8',
  short: 'int16',
  'short int': 'int16',
  'signed short': 'int16',
  'signed short int': 'int16',
  int16: 'int16',
  int16_t: 'int16',
  ushort: 'uint16',
  'unsigned short': 'uint16',
  'unsigned short int': 'uint16',
  uint16: 'uint16',
  uint16_t: 'uint16',
  int: 'int32',
  'signed int': 'int32',
  int32: 'int32',
  int32_t: 'int32',
  uint: 'uint32',
  'unsigned int': 'uint32',
  uint32: 'uint32',
  uint32_t: 'uint32',
  longlong: 'int64',
  'long long': 'int64',
  'long long int': 'int64',
  'signed long long': 'int64',
  'signed long long int': 'int64',
  int64: 'int64',
  int64_t: 'int64',
  ulonglong: 'uint64',
  'unsigned long long': 'uint64',
  'unsigned long long int': 'uint64',
  uint64: 'uint64',
  uint64_t: 'uint64',
  float: 'float32',
  double: 'float64',
};

/** Sign flips of the first two axes that bring each supported NRRD space to LPS. */
const SPACE_TO_LPS: Record<string, [number, number]> = {
  'left-posterior-superior': [1, 1],
  lps: [1, 1],
  'right-anterior-superior': [-1, -1],
  ras: [-1, -1],
  'left-anterior-superior': [1, -1],
  las: [1, -1],
};

interface Header {
  fields: Map<string, string>;
  dataOffset: number;
}

export function isNrrd(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) === 'NRRD';
}

export async function parseNrrd(bytes: Uint8Array, what = 'NRRD'): Promise<Volume> {
  const header = readHeader(bytes, what);
  const field = (name: string): string | undefined => header.fields.get(name);
  const required = (name: string): string => {
    const value = field(name);
    if (value === undefined) throw new Error(`${what}: NRRD header has no "${name}" field`);
    return value;
  };

  if (field('data file') !== undefined || field('datafile') !== undefined) {
    throw new Error(`${what}: detached NRRD data ("data file") is not supported; save the image as a single .nrrd`);
  }
  const typeName = required('type').toLowerCase();
  const type = TYPE_NAMES[typeName];
  if (!type) throw new Error(`${what}: NRRD type "${typeName}" is not supported (scalar numeric types only)`);
  const dimension = Number(required('dimension'));
  if (dimension !== 3)
    throw new Error(`${what}: only 3D NRRD images are supported, this one has dimension ${dimension}`);
  const size = parseNumbers(required('sizes'), what, 'sizes');
  if (size.length !== 3 || size.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`${what}: NRRD sizes must be three positive integers, got "${field('sizes')}"`);
  }
  const geometry = readGeometry(header.fields, what);

  const encoding = (field('encoding') ?? 'raw').toLowerCase();
  const endian = (field('endian') ?? 'little').toLowerCase();
  if (endian !== 'little' && endian !== 'big') throw new Error(`${what}: NRRD endian "${endian}" is not little or big`);
  const count = size[0] * size[1] * size[2];
  let payload = bytes.subarray(header.dataOffset);
  let data;
  if (encoding === 'raw' || encoding === 'gzip' || encoding === 'gz') {
    if (encoding !== 'raw') payload = await gunzip(payload, what);
    const byteSkip = Number(field('byte skip') ?? field('byteskip') ?? 0);
    const needed = count * sampleWidth(type);
    const start = byteSkip === -1 ? payload.length - needed : byteSkip;
    if (!Number.isInteger(start) || start < 0 || payload.length - start < needed) {
      throw new Error(
        `${what}: NRRD data is truncated: ${needed} bytes needed, ${payload.length - Math.max(start, 0)} present`,
      );
    }
    data = decodeSamples(payload.subarray(start, start + needed), type, endian === 'little', count, what);
  } else if (encoding === 'ascii' || encoding === 'text' || encoding === 'txt') {
    const values = new TextDecoder().decode(payload).trim().split(/\s+/).map(Number);
    if (values.length < count || values.slice(0, count).some((v) => Number.isNaN(v))) {
      throw new Error(`${what}: NRRD ascii data holds fewer than ${count} numbers`);
    }
    data = decodeSamples(values.slice(0, count), type, true, count, what);
  } else {
    throw new Error(`${what}: NRRD encoding "${encoding}" is not supported (raw, gzip, ascii)`);
  }

  const volume: Volume = { data, size: size as Vec3, ...geometry };
  assertVolume(volume, what);
  return volume;
}

function readHeader(bytes: Uint8Array, what: string): Header {
  if (!isNrrd(bytes)) throw new Error(`${what}: not a NRRD file (no "NRRD" magic)`);
  // The header ends at the first empty line; it is ASCII, so byte offsets equal character offsets.
  const limit = Math.min(bytes.length, 1 << 20);
  let end = -1;
  for (let i = 0; i + 1 < limit; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 10) {
      end = i;
      break;
    }
    if (bytes[i] === 10 && bytes[i + 1] === 13 && bytes[i + 2] === 10) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${what}: NRRD header is not terminated by an empty line (truncated file?)`);
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, end));
  const dataOffset = bytes[end + 1] === 13 ? end + 3 : end + 2;
  const fields = new Map<string, string>();
  for (const rawLine of text.split('\n').slice(1)) {
    const line = rawLine.replace(/\r$/, '');
    if (line === '' || line.startsWith('#') || line.includes(':=')) continue;
    const colon = line.indexOf(': ');
    if (colon < 0) throw new Error(`${what}: malformed NRRD header line "${line}"`);
    fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 2).trim());
  }
  return { fields, dataOffset };
}

function readGeometry(fields: Map<string, string>, what: string): Omit<Volume, 'data' | 'size'> {
  const spaceName = fields.get('space')?.toLowerCase();
  const directionsText = fields.get('space directions');
  if (directionsText === undefined) {
    const spacings = fields.has('spacings') ? parseNumbers(fields.get('spacings')!, what, 'spacings') : [1, 1, 1];
    if (spacings.length !== 3 || spacings.some((s) => !(s > 0))) {
      throw new Error(`${what}: NRRD spacings must be three positive numbers, got "${fields.get('spacings')}"`);
    }
    return { spacing: spacings as Vec3, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  }
  // Without a named space (only "space dimension") the directions are taken as given, as ITK does.
  const flip = spaceName === undefined ? SPACE_TO_LPS.lps : SPACE_TO_LPS[spaceName];
  if (!flip) {
    throw new Error(`${what}: NRRD space "${spaceName}" is not supported (${Object.keys(SPACE_TO_LPS).join(', ')})`);
  }
  const vectors = parseVectors(directionsText, what, 'space directions');
  if (vectors.length !== 3 || vectors.some((v) => v.length !== 3)) {
    throw new Error(`${what}: NRRD space directions must be three 3-vectors, got "${directionsText}"`);
  }
  const originVectors = fields.has('space origin')
    ? parseVectors(fields.get('space origin')!, what, 'space origin')
    : [[0, 0, 0]];
  if (originVectors.length !== 1 || originVectors[0].length !== 3) {
    throw new Error(`${what}: NRRD space origin must be one 3-vector, got "${fields.get('space origin')}"`);
  }
  const signs = [flip[0], flip[1], 1];
  const spacing: Vec3 = [0, 0, 0];
  const direction = new Array<number>(9);
  for (let c = 0; c < 3; c++) {
    const v = vectors[c];
    const length = Math.hypot(v[0], v[1], v[2]);
    if (!(length > 0)) throw new Error(`${what}: NRRD space direction ${c} has zero length`);
    spacing[c] = length;
    for (let r = 0; r < 3; r++) direction[r * 3 + c] = (signs[r] * v[r]) / length;
  }
  const o = originVectors[0];
  return { spacing, origin: [signs[0] * o[0], signs[1] * o[1], o[2]], direction };
}

function parseNumbers(text: string, what: string, name: string): number[] {
  const values = text.trim().split(/\s+/).map(Number);
  if (values.some((v) => Number.isNaN(v)))
    throw new Error(`${what}: NRRD "${name}" is not a list of numbers: "${text}"`);
  return values;
}

function parseVectors(text: string, what: string, name: string): number[][] {
  const vectors = [...text.matchAll(/\(([^)]*)\)|none/g)].map((m) =>
    m[1] === undefined ? [] : m[1].split(',').map(Number),
  );
  if (vectors.some((v) => v.some((x) => Number.isNaN(x)))) {
    throw new Error(`${what}: NRRD "${name}" holds a malformed vector: "${text}"`);
  }
  return vectors;
}
