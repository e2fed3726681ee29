/**
 * Turns the frames of one image stack into a voxel grid in patient coordinates (LPS), or refuses with a
 * message that names the series. The grid follows the Volume contract: index axis 0 runs along the row
 * direction cosines, axis 1 along the column cosines, axis 2 along their cross product (the slice normal),
 * so slices are ordered by n . ImagePositionPatient ascending (PS3.3 C.7.6.2.1.1) and the direction matrix
 * is right-handed.
 */
import type { Vec3 } from '@heron/radiomics';
import { numberOf } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import type { ImageFrame } from './image-frames';

export interface StackGrid {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}

export interface Stack {
  grid: StackGrid;
  /** The frames in slice order: frames[k] fills slice k. */
  frames: ImageFrame[];
}

/** Direction cosines are written with ~6 decimals; anything further apart is a different orientation. */
const ORIENTATION_TOLERANCE = 1e-3;
/** Slice gaps may differ by rounding of ImagePositionPatient (DS, 16 characters), not by more. */
const SPACING_TOLERANCE = 0.01;

function cross(a: number[], b: number[]): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function unit(v: number[]): number[] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function frameName(f: ImageFrame): string {
  return f.frameNumber > 1 || numberOf(f.instance, Tag.NumberOfFrames) !== undefined
    ? `frame ${f.frameNumber} of instance ${f.sopInstanceUID}`
    : `instance ${f.sopInstanceUID}`;
}

function requireGeometry(frames: ImageFrame[], label: string): void {
  for (const f of frames) {
    const missing = [
      f.position ? undefined : 'ImagePositionPatient (0020,0032)',
      f.orientation ? undefined : 'ImageOrientationPatient (0020,0037)',
      f.pixelSpacing ? undefined : 'PixelSpacing (0028,0030)',
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0)
      throw new Error(`${label}: ${frameName(f)} has no ${missing.join(', ')}; its position in the patient is unknown`);
  }
}

function checkSameFrame(frames: ImageFrame[], label: string): void {
  const first = frames[0];
  const rows = numberOf(first.instance, Tag.Rows);
  const columns = numberOf(first.instance, Tag.Columns);
  for (const f of frames) {
    const o = f.orientation as number[];
    const o0 = first.orientation as number[];
    if (o.some((v, i) => Math.abs(v - o0[i]) > ORIENTATION_TOLERANCE)) {
      throw new Error(
        `${label}: slices have different orientations (${frameName(first)}: ${o0.join('\\')}, ${frameName(f)}: ${o.join('\\')}); ` +
          'a series mixing orientations (e.g. localisers or several stacks) cannot form one volume',
      );
    }
    if (numberOf(f.instance, Tag.Rows) !== rows || numberOf(f.instance, Tag.Columns) !== columns) {
      throw new Error(
        `${label}: images have different matrix sizes (${frameName(f)} differs from ${frameName(first)})`,
      );
    }
    const s = f.pixelSpacing as [number, number];
    const s0 = first.pixelSpacing as [number, number];
    if (Math.abs(s[0] - s0[0]) > 1e-4 * s0[0] || Math.abs(s[1] - s0[1]) > 1e-4 * s0[1]) {
      throw new Error(
        `${label}: images have different pixel spacings (${s.join('\\')} in ${frameName(f)}, ${s0.join('\\')} in ${frameName(first)})`,
      );
    }
  }
}

function checkSpacing(positions: number[], frames: ImageFrame[], label: string): number {
  const gaps = positions.slice(1).map((p, k) => p - positions[k]);
  const shared = gaps.findIndex((g) => g < SPACING_TOLERANCE);
  if (shared >= 0) {
    throw new Error(
      `${label}: ${frameName(frames[shared])} and ${frameName(frames[shared + 1])} lie at the same slice position ` +
        `(${positions[shared].toFixed(2)} mm); choose one temporal phase or b-value before building a volume`,
    );
  }
  const step = median(gaps);
  const tolerance = Math.max(SPACING_TOLERANCE, 0.01 * step);
  for (let k = 0; k < gaps.length; k++) {
    const g = gaps[k];
    if (Math.abs(g - step) <= tolerance) continue;
    const ratio = g / step;
    const where = `between ${frameName(frames[k])} (${positions[k].toFixed(2)} mm) and ${frameName(frames[k + 1])} (${positions[k + 1].toFixed(2)} mm)`;
    if (Math.abs(ratio - Math.round(ratio)) * step <= tolerance) {
      throw new Error(`${label}: ${Math.round(ratio) - 1} slice(s) missing ${where}; the series is incomplete`);
    }
    throw new Error(
      `${label}: uneven slice spacing, ${g.toFixed(3)} mm ${where} where the other slices are ${step.toFixed(3)} mm apart`,
    );
  }
  return (positions[positions.length - 1] - positions[0]) / (positions.length - 1);
}

/** Orders the frames along the slice normal and derives the grid; throws on anything that is not one regular stack. */
export function buildStack(frames: ImageFrame[], label: string): Stack {
  if (frames.length === 0) throw new Error(`${label}: no images to build a volume from`);
  requireGeometry(frames, label);
  checkSameFrame(frames, label);
  const first = frames[0];
  const o = first.orientation as number[];
  const row = unit(o.slice(0, 3));
  const column = unit(o.slice(3, 6));
  const normal = unit(cross(row, column));
  const sorted = frames.map((f) => ({ f, along: dot(f.position as Vec3, normal) })).sort((a, b) => a.along - b.along);
  const origin = sorted[0].f.position as Vec3;
  const inPlaneLimit = 0.05 * Math.min(...(first.pixelSpacing as [number, number]));
  for (const { f } of sorted) {
    const d = [0, 1, 2].map((i) => (f.position as Vec3)[i] - origin[i]);
    if (Math.abs(dot(d, row)) > inPlaneLimit || Math.abs(dot(d, column)) > inPlaneLimit) {
      throw new Error(
        `${label}: ${frameName(f)} is shifted within the slice plane against the first slice; the slices do not form one stack (gantry tilt or mixed stacks)`,
      );
    }
  }
  const ordered = sorted.map((s) => s.f);
  const dz =
    ordered.length > 1
      ? checkSpacing(
          sorted.map((s) => s.along),
          ordered,
          label,
        )
      : (first.sliceThickness ?? 1);
  const [rowSpacing, columnSpacing] = first.pixelSpacing as [number, number];
  return {
    grid: {
      size: [
        numberOf(first.instance, Tag.Columns) as number,
        numberOf(first.instance, Tag.Rows) as number,
        ordered.length,
      ],
      // PixelSpacing is (between rows, between columns): x (along a row) steps by the column spacing.
      spacing: [columnSpacing, rowSpacing, dz],
      origin: [origin[0], origin[1], origin[2]],
      direction: [row[0], column[0], normal[0], row[1], column[1], normal[1], row[2], column[2], normal[2]],
    },
    frames: ordered,
  };
}
