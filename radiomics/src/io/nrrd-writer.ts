// NRRD (Teem format 4) bytes of a volume in LPS patient space: a text header that carries the grid ("space
// directions" = direction columns times spacing, "space origin"), then the raw little-endian voxels. Compression is
// left to the caller (node.ts gzips), so this stays free of Node-only modules.
import type { Volume } from '../volume';

const TYPES: Record<string, string> = {
  Int8Array: 'int8',
  Uint8Array: 'uint8',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Int32Array: 'int32',
  Uint32Array: 'uint32',
  Float32Array: 'float',
  Float64Array: 'double',
};

const vector = (v: readonly number[]): string => `(${v.map((x) => String(Number(x.toFixed(9)))).join(',')})`;

/** The NRRD header for `volume` with the given encoding ('raw' or 'gzip'), ending with the blank line. */
export function nrrdHeader(volume: Volume, encoding: 'raw' | 'gzip'): string {
  const type = TYPES[volume.data.constructor.name];
  if (!type) throw new Error(`cannot write ${volume.data.constructor.name} voxels to NRRD`);
  const d = volume.direction;
  const s = volume.spacing;
  const directions = [0, 1, 2].map((c) => vector([d[c] * s[c], d[3 + c] * s[c], d[6 + c] * s[c]]));
  return [
    'NRRD0004',
    `type: ${type}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${volume.size.join(' ')}`,
    `space directions: ${directions.join(' ')}`,
    'kinds: domain domain domain',
    'endian: little',
    `encoding: ${encoding}`,
    `space origin: ${vector(volume.origin)}`,
    '',
    '',
  ].join('\n');
}
