// NIfTI-1 and NIfTI-2 single-file reader (.nii; .nii.gz after inflation). Geometry as ITK reads it: spacing from
// pixdim, orientation from the sform when its code is set, else from the qform quaternion, else identity; NIfTI's RAS
// world is flipped to LPS. scl_slope/scl_inter are applied (the result is then floating point), as ITK does.
import type { Vec3, Volume, VoxelArray } from '../volume';
import { assertVolume } from '../volume';
import { decodeSamples, sampleWidth, type SampleType } from './samples';

const DATATYPES: Record<number, SampleType> = {
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  64: 'float64',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
  1024: 'int64',
  1280: 'uint64',
};

interface Layout {
  version: 1 | 2;
  little: boolean;
}

/** Recognises a NIfTI header by its size field (348 or 540, either byte order). */
export function niftiLayout(bytes: Uint8Array): Layout | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const little of [true, false]) {
    const headerSize = view.getInt32(0, little);
    if (headerSize === 348) return { version: 1, little };
    if (headerSize === 540) return { version: 2, little };
  }
  return undefined;
}

export function parseNifti(bytes: Uint8Array, what = 'NIfTI'): Volume {
  const layout = niftiLayout(bytes);
  if (!layout) throw new Error(`${what}: not a NIfTI file (header size is neither 348 nor 540)`);
  const headerBytes = layout.version === 1 ? 348 : 540;
  if (bytes.length < headerBytes) throw new Error(`${what}: NIfTI header is truncated (${bytes.length} bytes)`);
  const h = layout.version === 1 ? readHeader1(bytes, layout.little) : readHeader2(bytes, layout.little);
  if (h.magic !== 'n+1' && h.magic !== 'n+2') {
    throw new Error(`${what}: NIfTI magic "${h.magic}" is not a single-file image (.hdr/.img pairs are not supported)`);
  }
  const rank = h.dim[0];
  const extraAxes = h.dim.slice(4, 1 + Math.max(rank, 3));
  if (rank < 3 || rank > 7 || extraAxes.some((n) => n > 1)) {
    throw new Error(`${what}: only 3D NIfTI images are supported (dim = [${h.dim.join(', ')}])`);
  }
  const size: Vec3 = [h.dim[1], h.dim[2], h.dim[3]];
  const type = DATATYPES[h.datatype];
  if (!type) throw new Error(`${what}: NIfTI datatype ${h.datatype} is not supported (scalar numeric types only)`);
  const count = size[0] * size[1] * size[2];
  const offset = Math.max(Math.trunc(h.voxOffset), headerBytes);
  const needed = count * sampleWidth(type);
  if (bytes.length - offset < needed) {
    throw new Error(
      `${what}: NIfTI data is truncated: ${needed} bytes needed, ${Math.max(bytes.length - offset, 0)} present`,
    );
  }
  let data: VoxelArray = decodeSamples(bytes.subarray(offset, offset + needed), type, layout.little, count, what);
  if (h.sclSlope !== 0 && Number.isFinite(h.sclSlope) && (h.sclSlope !== 1 || h.sclInter !== 0)) {
    const scaled = type === 'float64' ? new Float64Array(count) : new Float32Array(count);
    for (let i = 0; i < count; i++) scaled[i] = data[i] * h.sclSlope + h.sclInter;
    data = scaled;
  }
  const volume: Volume = { data, size, ...niftiGeometry(h, what) };
  assertVolume(volume, what);
  return volume;
}

interface NiftiHeader {
  dim: number[];
  datatype: number;
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  quatern: number[];
  qoffset: number[];
  srow: number[];
  magic: string;
}

function readHeader1(bytes: Uint8Array, little: boolean): NiftiHeader {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const i16 = (o: number): number => v.getInt16(o, little);
  const f32 = (o: number): number => v.getFloat32(o, little);
  return {
    dim: range(8).map((k) => i16(40 + 2 * k)),
    datatype: i16(70),
    pixdim: range(8).map((k) => f32(76 + 4 * k)),
    voxOffset: f32(108),
    sclSlope: f32(112),
    sclInter: f32(116),
    qformCode: i16(252),
    sformCode: i16(254),
    quatern: range(3).map((k) => f32(256 + 4 * k)),
    qoffset: range(3).map((k) => f32(268 + 4 * k)),
    srow: range(12).map((k) => f32(280 + 4 * k)),
    magic: text(bytes, 344, 4),
  };
}

function readHeader2(bytes: Uint8Array, little: boolean): NiftiHeader {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const i64 = (o: number): number => Number(v.getBigInt64(o, little));
  const f64 = (o: number): number => v.getFloat64(o, little);
  return {
    magic: text(bytes, 4, 4),
    datatype: v.getInt16(12, little),
    dim: range(8).map((k) => i64(16 + 8 * k)),
    pixdim: range(8).map((k) => f64(104 + 8 * k)),
    voxOffset: i64(168),
    sclSlope: f64(176),
    sclInter: f64(184),
    qformCode: v.getInt32(344, little),
    sformCode: v.getInt32(348, little),
    quatern: range(3).map((k) => f64(352 + 8 * k)),
    qoffset: range(3).map((k) => f64(376 + 8 * k)),
    srow: range(12).map((k) => f64(400 + 8 * k)),
  };
}

function niftiGeometry(h: NiftiHeader, what: string): Omit<Volume, 'data' | 'size'> {
  const spacing: Vec3 = [Math.abs(h.pixdim[1]), Math.abs(h.pixdim[2]), Math.abs(h.pixdim[3])];
  if (spacing.some((s) => !(s > 0))) throw new Error(`${what}: NIfTI pixdim [${h.pixdim.slice(1, 4)}] is not positive`);
  let rasDirection: number[];
  let rasOrigin: number[];
  if (h.sformCode > 0) {
    rasDirection = new Array<number>(9);
    for (let c = 0; c < 3; c++) {
      const column = [h.srow[c], h.srow[4 + c], h.srow[8 + c]];
      const length = Math.hypot(column[0], column[1], column[2]);
      if (!(length > 0)) throw new Error(`${what}: NIfTI sform column ${c} is zero`);
      for (let r = 0; r < 3; r++) rasDirection[r * 3 + c] = column[r] / length;
    }
    rasOrigin = [h.srow[3], h.srow[7], h.srow[11]];
  } else if (h.qformCode > 0) {
    rasDirection = quaternionRotation(h.quatern, h.pixdim[0] < 0 ? -1 : 1);
    rasOrigin = h.qoffset;
  } else {
    rasDirection = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    rasOrigin = [0, 0, 0];
  }
  const direction = rasDirection.map((value, index) => (index < 6 ? -value : value));
  return { spacing, origin: [-rasOrigin[0], -rasOrigin[1], rasOrigin[2]], direction };
}

/** Rotation matrix (row-major) of the NIfTI qform quaternion (b, c, d; a = √(1 − b² − c² − d²)), qfac on column 3. */
function quaternionRotation([b, c, d]: number[], qfac: number): number[] {
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  return [
    a * a + b * b - c * c - d * d,
    2 * (b * c - a * d),
    qfac * 2 * (b * d + a * c),
    2 * (b * c + a * d),
    a * a + c * c - b * b - d * d,
    qfac * 2 * (c * d - a * b),
    2 * (b * d - a * c),
    2 * (c * d + a * b),
    qfac * (a * a + d * d - b * b - c * c),
  ];
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

function text(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length)).replace(/\0+$/, '');
}
