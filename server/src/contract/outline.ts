import { z } from 'zod';
import { dicomUidSchema } from './uids';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const vec3 = z.tuple([finite, finite, finite]);

/**
 * An outline drawn in the viewer: a binary mask on the grid of the series it was drawn on. The voxels travel as
 * run lengths (alternating outside/inside, starting outside): a tumour outline is a few hundred runs where the
 * raw mask of a breast volume is millions of bytes.
 */
export const maskOutlineSchema = z.object({
  kind: z.literal('mask'),
  seriesInstanceUID: dicomUidSchema,
  /** The image of each slice of the mask, in slice order. */
  sopInstanceUIDs: z.array(dicomUidSchema).min(1),
  size: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
  spacing: vec3.refine((s) => s.every((v) => v > 0), 'spacing must be positive'),
  origin: vec3,
  direction: z.array(finite).length(9),
  runs: z.array(z.number().int().nonnegative()).min(1),
});

/** An outline already stored in the PACS as a DICOM SEG (drawn in OHIF or elsewhere). */
export const segOutlineSchema = z.object({
  kind: z.literal('seg'),
  seriesInstanceUID: dicomUidSchema,
  sopInstanceUID: dicomUidSchema,
  /** The segment holding the tumour; the first segment when not given. */
  segmentNumber: z.number().int().positive().optional(),
});

export const outlineSchema = z.discriminatedUnion('kind', [maskOutlineSchema, segOutlineSchema]);
export type MaskOutline = z.infer<typeof maskOutlineSchema>;
export type Outline = z.infer<typeof outlineSchema>;
