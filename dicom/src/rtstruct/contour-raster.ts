// RTSTRUCT contours → a mask on the grid of the series they were drawn on.
//
// The rule for boundary voxels: a voxel belongs to the ROI when its centre lies inside the contours of its slice,
// by the even-odd rule over all of the ROI's contours on that slice, so a contour inside another is a hole and one
// inside a hole is an island again (holes by contour nesting, PS3.3 C.8.8.6.3). A centre exactly on an edge is
// inside on the low-index side of the region and outside on the high-index side (the half-open convention of
// scan-line polygon filling), so two contours that share an edge never both claim, or both miss, the voxels on it.
// Contours drawn by tracing pixel edges (MIM, MIRP, Slicer's export) then give back exactly the traced pixels.
//
// Checked first, each with a message for the reader: the contour is CLOSED_PLANAR; it lies in one plane parallel
// to the series' slices, within a quarter of the slice spacing of a slice centre and inside the series; it does
// not cross itself. Contours of one ROI that cross each other are not detected (the even-odd rule then decides).
import type { Grid } from '@heron/radiomics';
import type { RtContour } from './rtstruct-reader';

/** Largest distance of a contour point from its plane, mm. */
const PLANE_TOLERANCE_MM = 0.1;
/** Largest distance of the contour's plane from a slice centre, in slice spacings. */
const SLICE_TOLERANCE = 0.25;

/** Rasterises the closed planar contours of one ROI; throws with a reader's message on a contour it cannot use. */
export function rasteriseContours(contours: RtContour[], grid: Grid, roiName: string): Uint8Array {
  const [nx, ny, nz] = grid.size;
  const mask = new Uint8Array(nx * ny * nz);
  const bySlice = new Map<number, number[][]>();
  contours.forEach((contour, c) => {
    const where = `Contour ${c + 1} of ROI "${roiName}"`;
    if (contour.geometricType !== 'CLOSED_PLANAR') {
      throw new Error(
        `${where} is ${contour.geometricType || 'of no stated type'}, not a closed contour: only a closed contour encloses a region.`,
      );
    }
    const count = Math.floor(contour.points.length / 3);
    if (count < 3 || contour.points.length % 3 !== 0)
      throw new Error(
        `${where} has ${contour.points.length} coordinates: a closed contour needs at least three points.`,
      );
    const polygon: number[] = [];
    let kSum = 0;
    const ks: number[] = [];
    for (let p = 0; p < count; p++) {
      const index = toIndex(grid, contour.points[3 * p], contour.points[3 * p + 1], contour.points[3 * p + 2]);
      polygon.push(index[0], index[1]);
      ks.push(index[2]);
      kSum += index[2];
    }
    const k = kSum / count;
    const offPlane = Math.max(...ks.map((v) => Math.abs(v - k))) * grid.spacing[2];
    if (offPlane > PLANE_TOLERANCE_MM) {
      throw new Error(
        `${where} is not in the plane of the series' slices (its points are up to ${offPlane.toFixed(2)} mm apart across the slices).`,
      );
    }
    const slice = Math.round(k);
    if (slice < 0 || slice >= nz) throw new Error(`${where} lies outside the slices of the series it references.`);
    if (Math.abs(k - slice) > SLICE_TOLERANCE) {
      throw new Error(
        `${where} lies between two slices of the series (${(Math.abs(k - slice) * grid.spacing[2]).toFixed(2)} mm from the nearest).`,
      );
    }
    const crossing = selfCrossing(polygon);
    if (crossing !== null)
      throw new Error(`${where} crosses itself (near point ${crossing + 1}): an outline must not cross itself.`);
    const list = bySlice.get(slice) ?? [];
    list.push(polygon);
    bySlice.set(slice, list);
  });
  const xs: number[] = [];
  for (const [slice, polygons] of bySlice) {
    for (let j = 0; j < ny; j++) {
      xs.length = 0;
      for (const polygon of polygons) {
        const n = polygon.length / 2;
        for (let e = 0; e < n; e++) {
          const x0 = polygon[2 * e];
          const y0 = polygon[2 * e + 1];
          const x1 = polygon[(2 * e + 2) % polygon.length];
          const y1 = polygon[(2 * e + 3) % polygon.length];
          // Half-open in y: an edge counts for rows with min(y) <= j < max(y), so a vertex on the row counts once.
          if ((y0 <= j && j < y1) || (y1 <= j && j < y0)) xs.push(x0 + ((j - y0) * (x1 - x0)) / (y1 - y0));
        }
      }
      if (xs.length < 2) continue;
      xs.sort((a, b) => a - b);
      for (let p = 0; p + 1 < xs.length; p += 2) {
        const from = Math.max(0, Math.ceil(xs[p]));
        const to = Math.min(nx, Math.ceil(xs[p + 1]));
        for (let i = from; i < to; i++) mask[i + nx * (j + ny * slice)] = 1;
      }
    }
  }
  return mask;
}

/** Continuous voxel index of an LPS point; image grids have orthonormal directions, so M⁻¹ = diag(1/spacing)·Dᵀ. */
function toIndex(grid: Grid, x: number, y: number, z: number): [number, number, number] {
  const { origin, spacing, direction: d } = grid;
  const v = [x - origin[0], y - origin[1], z - origin[2]];
  return [0, 1, 2].map((c) => (d[c] * v[0] + d[3 + c] * v[1] + d[6 + c] * v[2]) / spacing[c]) as [
    number,
    number,
    number,
  ];
}

/**
 * The first edge that properly crosses a non-adjacent edge of the same closed polygon, or null. Touching at a
 * point (a pixel-traced contour meeting itself at a corner) is not a crossing.
 */
export function selfCrossing(polygon: number[]): number | null {
  const n = polygon.length / 2;
  const minX = new Float64Array(n);
  const maxX = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const a = polygon[2 * e];
    const b = polygon[(2 * e + 2) % polygon.length];
    minX[e] = Math.min(a, b);
    maxX[e] = Math.max(a, b);
  }
  for (let e = 0; e < n; e++) {
    for (let f = e + 2; f < n; f++) {
      if (e === 0 && f === n - 1) continue;
      if (maxX[e] < minX[f] || maxX[f] < minX[e]) continue;
      if (properlyCross(polygon, e, f)) return e;
    }
  }
  return null;
}

function properlyCross(p: number[], e: number, f: number): boolean {
  const len = p.length;
  const ax = p[2 * e],
    ay = p[2 * e + 1],
    bx = p[(2 * e + 2) % len],
    by = p[(2 * e + 3) % len];
  const cx = p[2 * f],
    cy = p[2 * f + 1],
    dx = p[(2 * f + 2) % len],
    dy = p[(2 * f + 3) % len];
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** Sign of the cross product (b − a) × (c − a), with a tolerance for points on the line. */
function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return Math.abs(v) < 1e-9 ? 0 : Math.sign(v);
}
