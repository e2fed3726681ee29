// The phantom cases the one-click proposal is judged on (test/integration/proposal-phantom.test.ts and
// server/bench/proposal.ts): seeds drawn in order, taken first for every new combination of shape, margin,
// enhancement pattern and necrotic core, so that a small set covers every kind of lesion the phantom draws.
import { samplePhenotype, type PhantomStudy } from '@heron/phantom';

export interface ProposalCase {
  seed: number;
  kind: string;
}

/** `count` cases from the seeds `firstSeed`, `firstSeed` + 1, ... (a later first seed gives cases the tests never saw). */
export function proposalCases(count: number, firstSeed = 1): ProposalCase[] {
  const chosen: ProposalCase[] = [];
  const kinds = new Set<string>();
  const rest: ProposalCase[] = [];
  for (let seed = firstSeed; seed < firstSeed + 2000 && chosen.length < count; seed++) {
    const t = samplePhenotype(seed);
    const kind = `${t.shape}/${t.margin}/${t.enhancementPattern}${t.necrosisFraction > 0 ? '/necrotic' : ''}`;
    if (kinds.has(kind)) rest.push({ seed, kind });
    else {
      kinds.add(kind);
      chosen.push({ seed, kind });
    }
  }
  return [...chosen, ...rest].slice(0, count);
}

export function dice(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let both = 0;
  let sum = 0;
  for (let n = 0; n < a.length; n++) {
    const x = a[n] ? 1 : 0;
    const y = b[n] ? 1 : 0;
    both += x & y;
    sum += x + y;
  }
  return sum ? (2 * both) / sum : 1;
}

type Point = [number, number, number];

function indexOf(study: PhantomStudy, p: Point): Point {
  const { origin, spacing } = study.mask;
  return p.map((v, a) => Math.round((v - origin[a]) / spacing[a])) as Point;
}

function pointOf(study: PhantomStudy, index: Point): Point {
  const { origin, spacing } = study.mask;
  return index.map((v, a) => origin[a] + v * spacing[a]) as Point;
}

/** The centre of the voxel nearest the tumour's centre (the phantom's grids have identity direction). */
export function centreClick(study: PhantomStudy): Point {
  return pointOf(study, indexOf(study, study.tumourCentre));
}

/**
 * A second click inside the lesion, away from the centre: half-way from the centre voxel to the lesion's edge
 * along patient left (+x), on a voxel of the true mask.
 */
export function secondClick(study: PhantomStudy): Point {
  const [ci, cj, ck] = indexOf(study, study.tumourCentre);
  const [nx, ny] = study.mask.size;
  let i = ci;
  while (i + 1 < nx && study.mask.data[i + 1 + nx * (cj + ny * ck)]) i++;
  const half = Math.round((ci + i) / 2);
  return pointOf(study, [half, cj, ck]);
}
