import { type DicomJson, numberOf, numbers } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';

/** What the slice order was derived from, best first. */
export type SliceOrderBasis = 'slice normal' | 'slice location' | 'instance number' | 'input order';

export interface SliceOrder {
  /** The images, ordered from the lowest to the highest position along the slice normal. */
  instances: DicomJson[];
  /** Each image's position in mm along the order's axis, or undefined when the basis is not geometric. */
  positions: (number | undefined)[];
  basis: SliceOrderBasis;
}

/**
 * The position of an image along the normal of its slice: n . IPP with n = row x column direction cosines
 * (ImageOrientationPatient, ImagePositionPatient; PS3.3 C.7.6.2.1.1). InstanceNumber says nothing about
 * space (scanners number images in acquisition order, which interleaves or reverses), and SliceLocation is
 * optional and its sign vendor-specific, so neither is trusted while the geometry is there.
 */
export function positionAlongNormal(ds: DicomJson, normal: readonly number[]): number | undefined {
  const ipp = numbers(ds, Tag.ImagePositionPatient);
  if (ipp.length !== 3) return undefined;
  return ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2];
}

/** The unit normal of an image's slice plane, or undefined when ImageOrientationPatient is missing or broken. */
export function sliceNormal(ds: DicomJson): [number, number, number] | undefined {
  const iop = numbers(ds, Tag.ImageOrientationPatient);
  if (iop.length !== 6) return undefined;
  const [rx, ry, rz, cx, cy, cz] = iop;
  const n: [number, number, number] = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const len = Math.hypot(...n);
  return len > 0.5 ? [n[0] / len, n[1] / len, n[2] / len] : undefined;
}

function orderBy(
  instances: DicomJson[],
  key: (ds: DicomJson) => number | undefined,
  basis: SliceOrderBasis,
): SliceOrder | undefined {
  const keyed = instances.map((ds, i) => ({ ds, i, k: key(ds), n: numberOf(ds, Tag.InstanceNumber) ?? i }));
  if (keyed.some((e) => e.k === undefined)) return undefined;
  keyed.sort((a, b) => (a.k as number) - (b.k as number) || a.n - b.n || a.i - b.i);
  const geometric = basis === 'slice normal' || basis === 'slice location';
  return { instances: keyed.map((e) => e.ds), positions: keyed.map((e) => (geometric ? e.k : undefined)), basis };
}

/**
 * Orders the images of one stack along the slice normal of the first image. Falls back to SliceLocation,
 * then InstanceNumber, then the input order; the caller reports any fallback, because a stack ordered
 * without geometry can be silently reversed or shuffled (ODELIA model card, failure modes).
 */
export function sortAlongNormal(instances: DicomJson[]): SliceOrder {
  const normal = instances.length > 0 ? sliceNormal(instances[0]) : undefined;
  return (
    (normal && orderBy(instances, (ds) => positionAlongNormal(ds, normal), 'slice normal')) ??
    orderBy(instances, (ds) => numberOf(ds, Tag.SliceLocation), 'slice location') ??
    orderBy(instances, (ds) => numberOf(ds, Tag.InstanceNumber), 'instance number') ?? {
      instances: [...instances],
      positions: instances.map(() => undefined),
      basis: 'input order',
    }
  );
}

/** Positions in mm are compared after rounding to this many decimals (scanners write ~6 significant digits). */
export function positionKey(position: number): string {
  return position.toFixed(2);
}

/** The number of images that share the most common slice position (1 for a clean single stack). */
export function maxImagesPerPosition(order: SliceOrder): number {
  const counts = new Map<string, number>();
  let max = 0;
  for (const p of order.positions) {
    if (p === undefined) continue;
    const k = positionKey(p);
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    max = Math.max(max, c);
  }
  return max;
}
