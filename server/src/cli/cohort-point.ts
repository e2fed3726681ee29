// A cohort row that names a point instead of a mask: the outline is the one-click proposal at that point on the
// row's pre-contrast and post-contrast DCE images, so training cohorts can be outlined semi-automatically.
import { proposeOutline, type Vec3, type Volume } from '@heron/radiomics';

/** "X,Y,Z", "X Y Z" or "X;Y;Z" in patient millimetres (LPS). */
export function parseCohortPoint(text: string): Vec3 {
  const parts = text
    .trim()
    .split(/[\s,;]+/)
    .map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) {
    throw new Error(`point must be three numbers X,Y,Z in patient millimetres (LPS), got '${text}'`);
  }
  return parts as Vec3;
}

/** The proposal at `pointText` on the post-contrast grid; a refused click is the case's error, in the reader's words. */
export function proposedMask(pre: Volume, post: Volume, pointText: string): Volume {
  const result = proposeOutline(pre, post, parseCohortPoint(pointText));
  if (!result.ok) throw new Error(`no outline at point ${pointText}: ${result.message}`);
  return result.mask;
}
