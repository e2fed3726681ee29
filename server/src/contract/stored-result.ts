import { z } from 'zod';
import { signoffStateSchema } from './signoff';
import { dicomUidSchema } from './uids';

/** A Heron report found in a study, as GET /api/studies/:study/results lists it. */
export const storedResultSchema = z.object({
  srSopInstanceUID: dicomUidSchema,
  srSeriesInstanceUID: dicomUidSchema,
  createdAt: z.string().nullable(),
  /** The VerificationFlag; a rejected report is VERIFIED too, so `signoff` is what tells the reader's decision. */
  verification: z.enum(['VERIFIED', 'UNVERIFIED']),
  verifiedBy: z.string().optional(),
  /** The reader's sign-off: who accepted or rejected it, when, and why it was rejected. */
  signoff: signoffStateSchema,
  /** The report a signed (accepted or rejected) one replaces; an UNVERIFIED report listed here is superseded by it. */
  replaces: z.array(dicomUidSchema),
  supersededBy: dicomUidSchema.optional(),
  question: z.string(),
  /** Why the question was asked, when only because of an earlier answer (the stratified reading's second step). */
  condition: z.string().optional(),
  algorithm: z.object({ name: z.string(), version: z.string(), sha256: z.string() }),
  /** A survival report: its event probability by the last stated time, 1 - S(T) (see contract/survival.ts). */
  probability: z.number(),
  predictedClass: z.enum(['positive', 'negative']),
  /** A survival package's answer as its report records it; absent for classifiers. */
  survival: z
    .object({
      riskScore: z.number(),
      groupName: z.string(),
      timeUnit: z.string(),
      survival: z.array(z.object({ time: z.number(), probability: z.number() })),
    })
    .optional(),
});
export type StoredResult = z.infer<typeof storedResultSchema>;
