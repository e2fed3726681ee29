// Turns stored samples into the engine's typed arrays. 64-bit integers become Float64Array (exact up to 2^53, which
// every image and label map we meet stays far below; larger values are refused rather than rounded).
import type { VoxelArray } from '../volume';

export type SampleType =
  'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float32' | 'float64';

const CONSTRUCTORS = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

const WIDTH: Record<SampleType, number> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float32: 4,
  float64: 8,
};

export function sampleWidth(type: SampleType): number {
  return WIDTH[type];
}

/** Decodes `count` samples from raw bytes (any alignment, either byte order) or from already parsed numbers. */
export function decodeSamples(
  source: Uint8Array | number[],
  type: SampleType,
  littleEndian: boolean,
  count: number,
  what: string,
): VoxelArray {
  if (Array.isArray(source)) {
    if (type === 'int64' || type === 'uint64') return Float64Array.from(source);
    return CONSTRUCTORS[type].from(source);
  }
  const width = WIDTH[type];
  const bytes = source.slice(0, count * width);
  if (!littleEndian && width > 1) {
    for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  }
  if (type === 'int64' || type === 'uint64') {
    const wide = type === 'int64' ? new BigInt64Array(bytes.buffer) : new BigUint64Array(bytes.buffer);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const value = Number(wide[i]);
      if (!Number.isSafeInteger(value)) throw new Error(`${what}: 64-bit sample ${wide[i]} at index ${i} exceeds 2^53`);
      out[i] = value;
    }
    return out;
  }
  return new CONSTRUCTORS[type](bytes.buffer, 0, count);
}
