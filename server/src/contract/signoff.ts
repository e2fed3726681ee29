import { z } from 'zod';
import { dicomUidSchema } from './uids';

/** Body of POST /api/results/:sr/accept. */
export const acceptRequestSchema = z.object({ studyInstanceUID: dicomUidSchema });

/** Body of POST /api/results/:sr/reject. */
export const rejectRequestSchema = z.object({
  studyInstanceUID: dicomUidSchema,
  reason: z.string().trim().min(1, 'say why the result is rejected').max(1000),
});

/** Body of POST /api/results/:sr/amend: an explicit change of an earlier decision, with the reason for it. */
export const amendRequestSchema = z.object({
  studyInstanceUID: dicomUidSchema,
  decision: z.enum(['accept', 'reject']),
  reason: z.string().trim().min(1, 'say why the decision changes').max(1000),
});

/**
 * The reader's sign-off of a report. A rejection is stored as a VERIFIED document too (the reader attests to their
 * review), so the state, not the VerificationFlag, tells the decision. `at` is ISO 8601.
 */
export const signoffStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('UNVERIFIED') }),
  z.object({ state: z.literal('VERIFIED'), reader: z.string(), at: z.string() }),
  z.object({ state: z.literal('REJECTED'), reader: z.string(), reason: z.string(), at: z.string() }),
]);
export type SignoffState = z.infer<typeof signoffStateSchema>;

/** What accept and reject answer: the signed report now in the study and the one it replaces. */
export const signoffOutcomeSchema = z.object({
  srSopInstanceUID: dicomUidSchema,
  replaces: dicomUidSchema,
  state: z.enum(['VERIFIED', 'REJECTED']),
  /** DICOM PN, 'Family^Given'. */
  reader: z.string(),
});
export type SignoffOutcome = z.infer<typeof signoffOutcomeSchema>;
