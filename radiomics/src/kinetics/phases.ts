// Which phase of a dynamic series plays which part in kinetic analysis.
import type { KineticThresholds } from './thresholds';

export interface PhaseRoles {
  /** The last phase acquired before the injection: the baseline S_pre. */
  baseline: number;
  /** The BI-RADS initial phase (see KineticThresholds.initialPhaseEndS). */
  initial: number;
  /** The last phase: the delayed phase. */
  last: number;
  /** Every post-contrast phase, in time order. */
  post: number[];
}

/**
 * Assigns the roles from each phase's time after the start of the injection (s; <= 0 before it). Returns a
 * sentence a researcher understands when the series cannot give a curve.
 */
export function phaseRoles(timeS: readonly number[], t: KineticThresholds): PhaseRoles | { reason: string } {
  if (timeS.length < 2)
    return {
      reason: `the dynamic series has ${timeS.length} phase${timeS.length === 1 ? '' : 's'}; kinetics needs a pre-contrast and at least two post-contrast phases`,
    };
  for (let p = 0; p < timeS.length; p++) {
    if (!Number.isFinite(timeS[p])) return { reason: `phase ${p + 1} has no acquisition time after injection` };
    if (p > 0 && !(timeS[p] > timeS[p - 1]))
      return {
        reason: `the phases are not in time order (phase ${p + 1} at ${timeS[p]} s, phase ${p} at ${timeS[p - 1]} s)`,
      };
  }
  const pre = timeS.filter((s) => s <= 0).length;
  if (pre === 0)
    return {
      reason:
        'no pre-contrast phase: every phase was acquired after the injection started, so enhancement cannot be measured',
    };
  const post = timeS.map((_, p) => p).filter((p) => timeS[p] > 0);
  if (post.length < 2)
    return {
      reason: `only ${post.length} post-contrast phase${post.length === 1 ? '' : 's'}; the delayed phase needs at least two`,
    };
  let initial = post[0];
  for (const p of post) if (timeS[p] <= t.initialPhaseEndS) initial = p;
  const last = post[post.length - 1];
  if (initial === last) initial = post[0];
  return { baseline: pre - 1, initial, last, post };
}
