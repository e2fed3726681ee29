import { decodeMaskRuns, type Volume } from '@heron/radiomics';
import { z } from 'zod';

const uid = z.string().regex(/^[0-9]+(\.[0-9]+)*$/, 'a DICOM UID').max(64);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const vec3 = z.tuple([finite, finite, finite]);

/**
 * An outline drawn in the viewer: a binary mask on the grid of the series it was drawn on. The voxels travel as
 * run lengths (alternating outside/inside, starting outside): a tumour outline is a few hundred runs where the
 * raw mask of a breast volume is millions of bytes.
 */
export const maskOutlineSchema = z.object({
  kind: z.literal('mask'),
  seriesInstanceUID: uid,
  /** The image of each slice of the mask, in slice order. */
  sopInstanceUIDs: z.array(uid).min(1),
  size: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
  spacing: vec3.refine((s) => s.every((v) => v > 0), 'spacing must be positive'),
  origin: vec3,
  direction: z.array(finite).length(9),
  runs: z.array(z.number().int().nonnegative()).min(1),
});

/** An outline already stored in the PACS as a DICOM SEG (drawn in OHIF or elsewhere). */
export const segOutlineSchema = z.object({
  kind: z.literal('seg'),
  seriesInstanceUID: uid,
  sopInstanceUID: uid,
  /** The segment holding the tumour; the first segment when not given. */
  segmentNumber: z.number().int().positive().optional(),
});

export const outlineSchema = z.discriminatedUnion('kind', [maskOutlineSchema, segOutlineSchema]);
export type MaskOutline = z.infer<typeof maskOutlineSchema>;
export type OutlineInput = z.infer<typeof outlineSchema>;

/** Smallest outline we analyse: below 5 mm across, texture features describe noise, not a tumour. */
export const MIN_EXTENT_MM = 5;

/** The outline as a Volume (label 1), after checking that its runs fill its grid exactly. */
export function maskOutlineVolume(o: MaskOutline): Volume {
  const [nx, ny, nz] = o.size;
  const count = nx * ny * nz;
  if (o.sopInstanceUIDs.length !== nz) {
    throw new Error(`The outline has ${nz} slices but names ${o.sopInstanceUIDs.length} images.`);
  }
  let data: Uint8Array;
  try {
    data = decodeMaskRuns(o.runs, count);
  } catch (err) {
    throw new Error(`The outline is malformed: ${err instanceof Error ? err.message : String(err)}.`);
  }
  return { data, size: [nx, ny, nz], spacing: [...o.spacing], origin: [...o.origin], direction: [...o.direction] };
}

/** The largest extent of a mask along its axes, in mm, and its voxel count. */
export function maskExtent(mask: Volume): { voxels: number; extentMm: number } {
  const [nx, ny] = mask.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  let voxels = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] === 0) continue;
    voxels++;
    const idx = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
    for (let a = 0; a < 3; a++) {
      if (idx[a] < lo[a]) lo[a] = idx[a];
      if (idx[a] > hi[a]) hi[a] = idx[a];
    }
  }
  if (voxels === 0) return { voxels, extentMm: 0 };
  const extentMm = Math.max(...[0, 1, 2].map((a) => (hi[a] - lo[a] + 1) * mask.spacing[a]));
  return { voxels, extentMm };
}

/** Refuses an outline that cannot describe a tumour, in words the reader understands. */
export function checkOutline(mask: Volume): void {
  const { voxels, extentMm } = maskExtent(mask);
  if (voxels === 0) throw new Error('The outline is empty. Outline the tumour with the brush on the DCE phase, then press Analyze again.');
  if (extentMm < MIN_EXTENT_MM) {
    throw new Error(`The outline is ${extentMm.toFixed(1)} mm across; Heron needs at least ${MIN_EXTENT_MM} mm to describe a tumour.`);
  }
}
