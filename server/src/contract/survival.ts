import { z } from 'zod';

/**
 * The answer of a survival package (disease-free survival): present exactly when the model is a survival package.
 * The classifier-shaped fields of the result stay filled for clients that know nothing of survival, with computed
 * numbers only: `classes` are the risk groups, `predictedClass` the group, `probability` the probability of an event
 * by the last stated time, 1 - S(T), and `threshold` the same at the cut-off score (S(T) falls as the score rises,
 * so the group by the score and by that probability are the same).
 */
export const survivalResultSchema = z.object({
  /** The Cox linear predictor from the package's ONNX graph: the log relative hazard against a case at the training means. */
  riskScore: z.number(),
  group: z.enum(['low', 'high']),
  /** The package's name of the group, e.g. 'high risk'. */
  groupName: z.string(),
  cutoff: z.object({
    value: z.number(),
    /** The package's own words for how the cut-off was chosen. */
    rule: z.string(),
    method: z.enum(['median', 'optimal', 'stated']),
    /** What the reader must know about the cut-off (the optimism of an optimal one). */
    note: z.string(),
  }),
  /** What counts as an event, e.g. 'recurrence, metastasis or death'. */
  event: z.string(),
  timeUnit: z.enum(['months', 'years', 'days']),
  /** S(t | x) = S0(t)^exp(riskScore) at each time the package states, S0 its Breslow baseline survival. */
  survival: z.array(z.object({ time: z.number().positive(), probability: z.number().min(0).max(1) })).min(1),
});
export type SurvivalResult = z.infer<typeof survivalResultSchema>;
