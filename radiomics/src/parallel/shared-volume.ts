// Volumes handed to worker threads without copying them per thread: the voxels go into one SharedArrayBuffer that
// every worker reads (no worker writes into it).
import type { Vec3, Volume, VoxelArray } from '../volume';

const ARRAY_TYPES = {
  Float32Array,
  Float64Array,
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
};
type ArrayTypeName = keyof typeof ARRAY_TYPES;

export interface SharedVolume {
  type: ArrayTypeName;
  buffer: SharedArrayBuffer;
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}

export function shareVolume(volume: Volume): SharedVolume {
  const type = volume.data.constructor.name as ArrayTypeName;
  if (!(type in ARRAY_TYPES)) throw new Error(`cannot share voxels held in a ${type}`);
  let buffer = volume.data.buffer;
  if (
    !(buffer instanceof SharedArrayBuffer) ||
    volume.data.byteOffset !== 0 ||
    volume.data.byteLength !== buffer.byteLength
  ) {
    buffer = new SharedArrayBuffer(volume.data.byteLength);
    // (The DOM typings of typed-array constructors predate SharedArrayBuffer views.)
    new ARRAY_TYPES[type](buffer as unknown as ArrayBuffer).set(volume.data as never);
  }
  const { size, spacing, origin, direction } = volume;
  return { type, buffer: buffer as SharedArrayBuffer, size, spacing, origin, direction };
}

export function sharedToVolume(shared: SharedVolume): Volume {
  const data = new ARRAY_TYPES[shared.type](shared.buffer as unknown as ArrayBuffer) as VoxelArray;
  return { data, size: shared.size, spacing: shared.spacing, origin: shared.origin, direction: shared.direction };
}
