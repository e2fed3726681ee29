// NRRD writer for masks (Teem NRRD format, version 4): a text header with the grid in patient space, then the
// voxels gzip-compressed. 3D Slicer, ITK and pynrrd read the geometry from "space directions"/"space origin".
import { gzipSync } from 'node:zlib';
import type { Volume } from './volume';

const TYPES: Record<string, string> = {
  Uint8Array: 'uint8',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Float32Array: 'float',
};

function vector(v: number[]): string {
  return `(${v.map((x) => String(Number(x.toFixed(9)))).join(',')})`;
}

/** NRRD file bytes of a volume in LPS patient space (gzip encoding). */
export function encodeNrrd(volume: Volume): Buffer {
  const type = TYPES[volume.data.constructor.name];
  if (!type) throw new Error(`cannot write ${volume.data.constructor.name} voxels to NRRD`);
  const d = volume.direction;
  const directions = [0, 1, 2].map((c) =>
    vector([d[c] * volume.spacing[c], d[3 + c] * volume.spacing[c], d[6 + c] * volume.spacing[c]]),
  );
  const header = [
    'NRRD0004',
    `type: ${type}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${volume.size.join(' ')}`,
    `space directions: ${directions.join(' ')}`,
    'kinds: domain domain domain',
    'endian: little',
    'encoding: gzip',
    `space origin: ${vector(volume.origin)}`,
    '',
    '',
  ].join('\n');
  const bytes = Buffer.from(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
  return Buffer.concat([Buffer.from(header, 'ascii'), gzipSync(bytes)]);
}
