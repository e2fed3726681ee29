// Which subtraction images the viewer derives: each post-contrast phase minus the pre-contrast phase, image by
// image. The server's roles already order every phase's instances along the slice normal, so the n-th image of a
// post-contrast phase lies on the n-th image of the pre-contrast phase when both phases cover the same slices;
// the viewer still checks the geometry of each pair (sameSlice) before it subtracts.
import type { StudyRoles } from '@heron/server/contract';

type DcePhase = StudyRoles['dcePhases'][number];

export interface SubtractionPlan {
  /** The post-contrast phase's index (1 = the first phase after injection). */
  phaseIndex: number;
  postSeriesInstanceUID: string;
  preSeriesInstanceUID: string;
  /** [post SOP instance UID, pre SOP instance UID] per slice, along the slice normal. */
  pairs: Array<[string, string]>;
  /** What the reader sees in the series list, e.g. "SUB: post-contrast 1 − pre". */
  description: string;
}

export interface SubtractionPlans {
  plans: SubtractionPlan[];
  /** Why a phase (or every phase) has no subtraction, in words for the reader. */
  problems: string[];
}

/** The subtractions the roles allow, and why the others cannot be made. */
export function subtractionPlans(roles: Pick<StudyRoles, 'dcePhases'>): SubtractionPlans {
  const pre = roles.dcePhases.find((p) => p.phaseIndex === 0);
  const posts = roles.dcePhases.filter((p) => p.phaseIndex >= 1).sort((a, b) => a.phaseIndex - b.phaseIndex);
  if (!posts.length) return { plans: [], problems: [] };
  if (!pre) return { plans: [], problems: ['No pre-contrast phase: the viewer shows no subtraction images.'] };
  const plans: SubtractionPlan[] = [];
  const problems: string[] = [];
  for (const post of posts) {
    if (post.sopInstanceUIDs.length !== pre.sopInstanceUIDs.length) {
      problems.push(
        `${post.label} has ${post.sopInstanceUIDs.length} images and the pre-contrast phase ` +
          `${pre.sopInstanceUIDs.length}: no subtraction for it.`,
      );
      continue;
    }
    plans.push(plan(post, pre));
  }
  return { plans, problems };
}

function plan(post: DcePhase, pre: DcePhase): SubtractionPlan {
  return {
    phaseIndex: post.phaseIndex,
    postSeriesInstanceUID: post.seriesInstanceUID,
    preSeriesInstanceUID: pre.seriesInstanceUID,
    pairs: post.sopInstanceUIDs.map((sop, n) => [sop, pre.sopInstanceUIDs[n]!]),
    description: `SUB: ${post.label} − pre`,
  };
}

/** The geometry of one image as OHIF's instance metadata carries it (DICOM keywords). */
export interface SliceGeometry {
  ImagePositionPatient?: ArrayLike<number | string>;
  ImageOrientationPatient?: ArrayLike<number | string>;
  Rows?: number;
  Columns?: number;
  PixelSpacing?: ArrayLike<number | string>;
}

// Tolerances absorb the rounding of scanner-written decimal strings, as in outline/outline-grid.ts.
const POSITION_MM = 0.01;
const COSINE = 1e-4;

function close(a: ArrayLike<number | string> | undefined, b: ArrayLike<number | string> | undefined, tol: number) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(Math.abs(Number(a[i]) - Number(b[i])) <= tol)) return false;
  return true;
}

/**
 * True when two images cover the same pixels of the patient (same position, orientation, size and spacing), so
 * subtracting them voxel by voxel compares the same tissue and an outline on the difference lies on the
 * post-contrast image's grid.
 */
export function sameSlice(a: SliceGeometry, b: SliceGeometry): boolean {
  return (
    a.Rows !== undefined &&
    a.Rows === b.Rows &&
    a.Columns === b.Columns &&
    close(a.ImagePositionPatient, b.ImagePositionPatient, POSITION_MM) &&
    close(a.ImageOrientationPatient, b.ImageOrientationPatient, COSINE) &&
    close(a.PixelSpacing, b.PixelSpacing, POSITION_MM)
  );
}
