import { type Outline, OutlineError } from './outline';

/** One labelmap slice and the geometry of the source image it was painted on. */
export interface LabelmapSlice {
  sopInstanceUID: string;
  /** ImagePositionPatient: LPS centre of the first voxel. */
  position: number[];
  /** ImageOrientationPatient[0..2]: direction of increasing column index (index axis i). */
  rowCosines: number[];
  /** ImageOrientationPatient[3..5]: direction of increasing row index (index axis j). */
  columnCosines: number[];
  /** PixelSpacing[1]: distance between columns, along i. */
  columnSpacing: number;
  /** PixelSpacing[0]: distance between rows, along j. */
  rowSpacing: number;
  columns: number;
  rows: number;
  /** Only used when the series has a single slice. */
  sliceThickness?: number;
  /** Segment indices, `columns` per row, rows top to bottom. */
  labels: ArrayLike<number>;
}

// DICOM positions are decimal strings written by scanners; these absorb their rounding, not real
// differences (a real gap or tilt is tenths of a millimetre or more).
const POSITION_TOLERANCE_MM = 0.01;
const ORIENTATION_TOLERANCE = 1e-4;

const sub = (a: number[], b: number[]) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: number[], b: number[]) => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const close = (a: number[], b: number[], tol: number) => a.every((v, n) => Math.abs(v - b[n]) <= tol);

/**
 * Stacks the labelmap slices of one series into an Outline of segment `segmentIndex`. The slices may
 * come in any order; they are sorted along the slice normal, so the direction matrix is right-handed
 * (third column = row × column cosines). Refuses stacks that are not one regular grid (mixed
 * orientations or sizes, uneven gaps, sheared positions): the server could not place such a mask.
 */
export function outlineFromSlices(
  slices: LabelmapSlice[],
  segmentIndex: number,
  meta: { seriesInstanceUID: string; segmentLabel: string },
): Outline {
  if (slices.length === 0) throw new OutlineError('The outline has no slices.');
  const first = slices[0];
  for (const s of slices) {
    if (
      !close(s.rowCosines, first.rowCosines, ORIENTATION_TOLERANCE) ||
      !close(s.columnCosines, first.columnCosines, ORIENTATION_TOLERANCE) ||
      s.rows !== first.rows ||
      s.columns !== first.columns ||
      Math.abs(s.rowSpacing - first.rowSpacing) > POSITION_TOLERANCE_MM ||
      Math.abs(s.columnSpacing - first.columnSpacing) > POSITION_TOLERANCE_MM
    ) {
      throw new OutlineError('The outlined series mixes image orientations or sizes; outline on a DCE phase instead.');
    }
    if (s.labels.length !== s.rows * s.columns) {
      throw new OutlineError('An outline slice does not match the size of its image.');
    }
  }
  const normal = cross(first.rowCosines, first.columnCosines);
  const sorted = [...slices].sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  const origin = sorted[0].position;
  // Measured end to end, so the rounding of single positions does not accumulate along the stack.
  const last = sorted[sorted.length - 1].position;
  const sliceSpacing =
    sorted.length > 1
      ? dot(sub(last, origin), normal) / (sorted.length - 1)
      : (first.sliceThickness ?? first.rowSpacing);
  if (!(sliceSpacing > POSITION_TOLERANCE_MM)) {
    throw new OutlineError('Two images of the outlined series share a position; the series cannot carry an outline.');
  }
  sorted.forEach((s, k) => {
    const expected = origin.map((o, r) => o + k * sliceSpacing * normal[r]);
    if (!close(s.position, expected, POSITION_TOLERANCE_MM)) {
      throw new OutlineError(
        'The outlined series has uneven or tilted slice positions; the server could not place the outline.',
      );
    }
  });

  const plane = first.rows * first.columns;
  const mask = new Uint8Array(plane * sorted.length);
  sorted.forEach((s, k) => {
    const offset = k * plane;
    for (let n = 0; n < plane; n++) if (s.labels[n] === segmentIndex) mask[offset + n] = 1;
  });
  const [r, c] = [first.rowCosines, first.columnCosines];
  return {
    seriesInstanceUID: meta.seriesInstanceUID,
    sopInstanceUIDs: sorted.map((s) => s.sopInstanceUID),
    segmentLabel: meta.segmentLabel,
    mask,
    size: [first.columns, first.rows, sorted.length],
    spacing: [first.columnSpacing, first.rowSpacing, sliceSpacing],
    origin: [origin[0], origin[1], origin[2]],
    direction: [r[0], c[0], normal[0], r[1], c[1], normal[1], r[2], c[2], normal[2]],
  };
}
