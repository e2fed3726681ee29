import { z } from 'zod';
import { maskOutlineSchema } from './outline';
import { dicomUidSchema } from './uids';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Body of POST /api/studies/:study/proposals: one click in the lesion. */
export const proposalRequestSchema = z.object({
  /** The click, LPS patient millimetres. */
  point: z.tuple([finite, finite, finite]),
  /** Post-contrast phase (1 = first after injection); default 1. */
  phase: z.number().int().min(1).max(100).optional(),
});

/** What a proposal answers: the outline on the phase's grid and its size. */
export const proposalSchema = z.object({
  outline: maskOutlineSchema,
  /** 'post-contrast 1', ... */
  phase: z.string(),
  voxelCount: z.number().int(),
  volumeMl: z.number(),
  proposalMs: z.number(),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** A SEG segment or RTSTRUCT ROI, by number and name. */
export const existingOutlineItemSchema = z.object({ number: z.number().int(), name: z.string() });
export type ExistingOutlineItem = z.infer<typeof existingOutlineItemSchema>;

/** A SEG or RTSTRUCT already in the study, with the segments or ROIs it holds (GET /api/studies/:study/outlines). */
export const existingOutlineSchema = z.object({
  kind: z.enum(['seg', 'rtstruct']),
  seriesInstanceUID: dicomUidSchema,
  sopInstanceUID: dicomUidSchema,
  seriesDescription: z.string().optional(),
  manufacturer: z.string().optional(),
  items: z.array(existingOutlineItemSchema),
});
export type ExistingOutline = z.infer<typeof existingOutlineSchema>;

/** Body of POST /api/studies/:study/outlines/mask: which object, and which ROI (RTSTRUCT) or segment (SEG). */
export const outlineMaskRequestSchema = z
  .object({
    seriesInstanceUID: dicomUidSchema,
    sopInstanceUID: dicomUidSchema,
    roi: z.string().min(1).max(64).optional(),
    segment: z.number().int().positive().optional(),
  })
  .refine((b) => b.roi === undefined || b.segment === undefined, 'name either an ROI or a segment, not both');

/** What outlines/mask answers: the chosen ROI or segment as a mask outline on the grid of the series it references. */
export const outlineMaskSchema = z.object({
  outline: maskOutlineSchema,
  kind: z.enum(['seg', 'rtstruct']),
  name: z.string(),
  voxelCount: z.number().int(),
});
export type OutlineMask = z.infer<typeof outlineMaskSchema>;
