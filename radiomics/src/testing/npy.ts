// Reads numpy .npy files (version 1-3, little-endian float64/int, C or Fortran order) for matrix comparisons.

export interface NpyArray {
  shape: number[];
  /** Values in C order (last axis fastest). */
  data: Float64Array;
}

export function parseNpy(bytes: Uint8Array): NpyArray {
  if (bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') throw new Error('not a .npy file');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const body = bytes.slice(start + headerLength);
  const typed: Record<string, () => ArrayLike<number>> = {
    '<f8': () => new Float64Array(body.buffer, 0, count),
    '<f4': () => new Float32Array(body.buffer, 0, count),
    '<i8': () => Float64Array.from(new BigInt64Array(body.buffer, 0, count), Number),
    '<i4': () => new Int32Array(body.buffer, 0, count),
  };
  if (!descr || !typed[descr]) throw new Error(`.npy dtype ${descr} is not supported`);
  const raw = Float64Array.from(typed[descr]());
  return { shape, data: fortran ? toCOrder(raw, shape) : raw };
}

function toCOrder(data: Float64Array, shape: number[]): Float64Array {
  const out = new Float64Array(data.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    let stride = 1;
    for (let a = 0; a < shape.length; a++) {
      f += index[a] * stride;
      stride *= shape[a];
    }
    out[c] = data[f];
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++index[a] < shape[a]) break;
      index[a] = 0;
    }
  }
  return out;
}
