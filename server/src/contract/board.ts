import { z } from 'zod';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    // Date.parse rolls 2026-02-30 over into March; a real date survives the round trip unchanged.
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'a real calendar date');

/** Report statuses on the board: the latest decision on a report. */
export const BOARD_STATUSES = ['awaiting review', 'accepted', 'rejected'] as const;

/**
 * The board page's query (GET /board and the report pages it links to): the analysis date range, and filters on
 * the question, the model ("name version") and the review status. Empty values mean "any".
 */
export const boardQuerySchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    question: z.string().max(200).optional(),
    model: z.string().max(200).optional(),
    status: z.enum(BOARD_STATUSES).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'the start date is after the end date',
    path: ['from'],
  });
export type BoardQuery = z.infer<typeof boardQuerySchema>;
