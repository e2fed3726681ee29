// A 3D outline of a breast lesion from one click on a DCE phase.
//
// The method follows Chen, Giger, Bick & Newstead (Acad Radiol 2006;13:63-72): in a box around the lesion, fuzzy
// c-means splits the voxels into enhancing and background by their enhancement; the lesion is the connected
// enhancing component at the click; holes are filled. Chen et al. segment the enhancement of the first
// post-contrast phase in a box the reader draws; here the reader only clicks, so:
//
// - The box grows from the click (BOX_HALF_EXTENTS_MM; each larger box centred on what the smaller one found) until
//   the lesion fits inside it, then is refitted to the found lesion plus a margin and FCM is run once more: the tight
//   box Chen et al.'s reader would have drawn, so that the threshold is set by the lesion against its own
//   surroundings rather than by the whole breast.
// - The input is the subtraction post − pre (fat-suppressed breast DCE: fat and non-enhancing tissue fall to ~0).
// - FCM's boundary is the lower end of a threshold sweep (edge-threshold.ts): in a box of mostly fat and enhancing
//   parenchyma, FCM separates parenchyma from fat, and the lesion would merge with the parenchyma; the threshold kept
//   is the one whose region at the click has the strongest edge along its border (after Kupinski & Giger 1998).
// - Leakage: the enhancing voxels are opened with a ball of OPEN_RADIUS_MM before the component is taken, which cuts
//   the thin bridges by which a lesion touches vessels or enhancing parenchyma; the voxels the opening removed from the
//   lesion's own border (and the bases of spicules) are given back within one opening radius of the component.
// - The click may fall on a non-enhancing core (necrosis, a rim-enhancing lesion): then the component is the one
//   that surrounds the click, found by casting rays from it and taking the component most rays hit first, if at
//   least half of them do (surrounding-component.ts).
// - The lesion's non-enhancing parts (necrosis, haemorrhage, cysts) belong to the outline, as readers draw it and as
//   the seed studies' ROIs do: closing (CLOSE_RADIUS_MM), then 3D hole filling, then hole filling slice by slice
//   along each axis for cores that open through a gap in a thin rim.
// - "No lesion here": nothing surrounds the click, or what does enhances less than MIN_RELATIVE_ENHANCEMENT of its
//   pre-contrast signal (fat and background parenchyma on an early phase).
import { copyGrid, physicalToIndex, sameGrid } from '../grid';
import { assertVolume, type Vec3, type Volume } from '../volume';
import { close, connectedTo, dilate, fillHoles3d, fillHolesBySlice, labelComponents, open } from './binary-morphology';
import { gradientMagnitude, strongestEdgeThreshold } from './edge-threshold';
import { boxAround, refitBox, regionBounds, touchesInnerFace } from './proposal-boxes';
import { surroundingLabel } from './surrounding-component';
import { twoClassFcm } from './fuzzy-c-means';
import { boxImages, type BoxImages } from './subtraction';

/**
 * Half-extents of the boxes tried, mm: 45 mm holds a 60 mm lesion with 12 mm spicules clicked at its centre, 60 mm
 * the same lesion clicked half-way to its edge (the larger boxes are rarely needed: they cost a second or more).
 */
const BOX_HALF_EXTENTS_MM = [15, 28, 45, 60];
const OPEN_RADIUS_MM = 1.2;
const CLOSE_RADIUS_MM = 1.5;
/**
 * Mean (post − pre) / pre of the lesion's enhancing voxels below which the click is said to find no lesion. Our
 * choice, well under the 50-100 % initial enhancement CAD systems commonly colour as suspicious, above the early
 * enhancement of background parenchyma and the noise of fat.
 */
const MIN_RELATIVE_ENHANCEMENT = 0.35;
/** A click (or a found region) whose signal is below this fraction of the image's 99th percentile is in air. */
const MIN_SIGNAL_FRACTION = 0.06;

export type ProposalFailure = 'outside-image' | 'no-signal' | 'no-lesion' | 'not-separable';

export interface ProposalSuccess {
  ok: true;
  /** 1 = proposed lesion, on the post-contrast grid. */
  mask: Volume;
  voxelCount: number;
  volumeMl: number;
  /** The clicked voxel. */
  seedIndex: Vec3;
  /** Subtraction value at the FCM boundary, and the two FCM centroids (background, enhancing). */
  threshold: number;
  centroids: [number, number];
  /** Mean relative enhancement (post − pre) / pre of the lesion's enhancing voxels. */
  relativeEnhancement: number;
}

export interface ProposalRefusal {
  ok: false;
  reason: ProposalFailure;
  /** For the reader. */
  message: string;
}

export type ProposalResult = ProposalSuccess | ProposalRefusal;

interface BoxSegmentation {
  images: BoxImages;
  region: Uint8Array;
  threshold: number;
  centroids: [number, number];
  relativeEnhancement: number;
  /** The region reaches a face of the box that is not a face of the image: the box was too small. */
  cutByBox: boolean;
}

/**
 * Proposes the outline of the lesion at `point` (LPS, mm) from a pre-contrast and a post-contrast phase on one grid.
 */
export function proposeOutline(pre: Volume, post: Volume, point: Vec3): ProposalResult {
  assertVolume(pre, 'pre-contrast phase');
  assertVolume(post, 'post-contrast phase');
  assertSameGrid(pre, post);
  const seed = physicalToIndex(post, point).map(Math.round) as Vec3;
  if (seed.some((c, axis) => c < 0 || c >= post.size[axis])) {
    return refuse('outside-image', 'The point is outside the images of this series.');
  }
  let found: BoxSegmentation | null = null;
  let refusal: ProposalRefusal | null = null;
  // A box that cuts the lesion is followed by a larger one centred on what was found, so that a click far from the
  // centre of a large lesion still gets the whole lesion in view.
  const reference = signalReference(pre);
  if (inAir(pre, post, seed, reference)) {
    return refuse('no-signal', 'There is no signal at this point: it is outside the body. Click inside the lesion.');
  }
  let centre = seed;
  for (const half of BOX_HALF_EXTENTS_MM) {
    const box = boxAround(post, centre, [half, half, half], seed);
    const attempt = segmentBox(boxImages(pre, post, box), post, seed, reference);
    if ('reason' in attempt) {
      refusal = attempt;
      continue;
    }
    found = attempt;
    if (!attempt.cutByBox) break;
    const { lo, hi } = regionBounds(attempt.region, attempt.images.box, attempt.images.size);
    centre = [0, 1, 2].map((a) => Math.round((lo[a] + hi[a]) / 2)) as Vec3;
  }
  if (!found) return refusal ?? refuse('no-lesion', noLesionMessage());
  if (found.cutByBox) {
    return refuse(
      'not-separable',
      `The enhancement at this point reaches more than ${BOX_HALF_EXTENTS_MM.at(-1)} mm from its centre: it could not be ` +
        'separated from the surrounding enhancing tissue. Outline this lesion with the brush.',
    );
  }
  const refitted = segmentBox(
    boxImages(pre, post, refitBox(post, found.region, found.images.box, found.images.size)),
    post,
    seed,
    reference,
  );
  const final = 'reason' in refitted || refitted.cutByBox ? found : refitted;
  return success(post, seed, final);
}

function segmentBox(images: BoxImages, grid: Volume, seed: Vec3, reference: number): BoxSegmentation | ProposalRefusal {
  const { size, subtraction, box } = images;
  const fcm = twoClassFcm(subtraction);
  if (!fcm) return refuse('no-lesion', noLesionMessage());
  const local: Vec3 = [seed[0] - box.lo[0], seed[1] - box.lo[1], seed[2] - box.lo[2]];
  const seedAt = local[0] + size[0] * (local[1] + size[1] * local[2]);
  const regionAt = (labels: Int32Array): number =>
    labels[seedAt] || surroundingLabel(labels, size, grid.spacing, local);
  const top = highEnhancement(subtraction, fcm.threshold);
  const threshold = strongestEdgeThreshold(
    subtraction,
    gradientMagnitude(subtraction, size, grid.spacing),
    size,
    grid.spacing,
    fcm.threshold,
    top,
    regionAt,
  );
  if (threshold === null) return refuse('no-lesion', noLesionMessage());
  const enhancing = new Uint8Array(subtraction.length);
  for (let n = 0; n < enhancing.length; n++) enhancing[n] = subtraction[n] > threshold ? 1 : 0;
  const opened = open(enhancing, size, grid.spacing, OPEN_RADIUS_MM);
  const { labels } = labelComponents(opened, size);
  const label = regionAt(labels);
  if (!label) return refuse('no-lesion', noLesionMessage());
  const core = new Uint8Array(labels.length);
  for (let n = 0; n < labels.length; n++) core[n] = labels[n] === label ? 1 : 0;

  // Give back what the opening took from the lesion's border, but nothing beyond one opening radius of it.
  const reach = dilate(core, size, grid.spacing, OPEN_RADIUS_MM + Math.max(...grid.spacing));
  const near = new Uint8Array(labels.length);
  for (let n = 0; n < near.length; n++) near[n] = reach[n] & enhancing[n];
  const lesionEnhancing = connectedTo(near, size, core);

  let sumRelative = 0;
  let sumPre = 0;
  let count = 0;
  for (let n = 0; n < lesionEnhancing.length; n++) {
    if (!lesionEnhancing[n]) continue;
    sumRelative += subtraction[n] / Math.max(images.pre[n], 1);
    sumPre += images.pre[n];
    count++;
  }
  const relativeEnhancement = sumRelative / count;
  if (!(relativeEnhancement >= MIN_RELATIVE_ENHANCEMENT)) return refuse('no-lesion', noLesionMessage());
  // Noise in air "enhances" by any ratio; tissue has signal before contrast too.
  if (sumPre / count < MIN_SIGNAL_FRACTION * reference) return refuse('no-lesion', noLesionMessage());

  let region = close(lesionEnhancing, size, grid.spacing, CLOSE_RADIUS_MM);
  region = fillHoles3d(region, size);
  for (const axis of [2, 1, 0] as const) region = fillHolesBySlice(region, size, axis);
  return {
    images,
    region,
    threshold,
    centroids: [fcm.low, fcm.high],
    relativeEnhancement,
    cutByBox: touchesInnerFace(region, size, box, grid.size),
  };
}

/** The 99th percentile of the values above the FCM boundary: the top of the candidate thresholds. */
function highEnhancement(subtraction: Float32Array, above: number): number {
  const values: number[] = [];
  for (let n = 0; n < subtraction.length; n++) if (subtraction[n] > above) values.push(subtraction[n]);
  if (!values.length) return above;
  values.sort((a, b) => a - b);
  return values[Math.floor(0.99 * (values.length - 1))];
}

/**
 * The 99th percentile of the pre-contrast image (a strided sample of the whole grid): the signal of tissue, against
 * which air is recognised. Taken over the whole image, not the box: a box in air holds only noise.
 */
function signalReference(pre: Volume): number {
  const stride = Math.max(1, Math.floor(pre.data.length / 200_000));
  const sample = new Float32Array(Math.ceil(pre.data.length / stride));
  for (let n = 0, m = 0; n < pre.data.length; n += stride, m++) sample[m] = pre.data[n];
  sample.sort();
  return sample[Math.floor(0.99 * (sample.length - 1))];
}

/** The click's 3 x 3 x 3 neighbourhood has less signal, before and after contrast, than tissue could. */
function inAir(pre: Volume, post: Volume, seed: Vec3, reference: number): boolean {
  const [nx, ny] = post.size;
  let sum = 0;
  let n = 0;
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const i = seed[0] + di;
        const j = seed[1] + dj;
        const k = seed[2] + dk;
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= post.size[2]) continue;
        const at = i + nx * (j + ny * k);
        sum += Math.max(pre.data[at], post.data[at]);
        n++;
      }
    }
  }
  return sum / n < MIN_SIGNAL_FRACTION * reference;
}

function success(post: Volume, seed: Vec3, found: BoxSegmentation): ProposalSuccess {
  const [nx, ny] = post.size;
  const data = new Uint8Array(post.data.length);
  const { region, images } = found;
  const [bx, by, bz] = images.size;
  const { lo } = images.box;
  let voxelCount = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++) {
        if (!region[i + bx * (j + by * k)]) continue;
        data[lo[0] + i + nx * (lo[1] + j + ny * (lo[2] + k))] = 1;
        voxelCount++;
      }
    }
  }
  const [sx, sy, sz] = post.spacing;
  return {
    ok: true,
    mask: { data, ...copyGrid(post) },
    voxelCount,
    volumeMl: (voxelCount * sx * sy * sz) / 1000,
    seedIndex: seed,
    threshold: found.threshold,
    centroids: found.centroids,
    relativeEnhancement: found.relativeEnhancement,
  };
}

function assertSameGrid(pre: Volume, post: Volume): void {
  if (!sameGrid(pre, post)) {
    throw new Error(
      'The pre-contrast and post-contrast phases are not on the same grid; a proposal needs both on one grid.',
    );
  }
}

function noLesionMessage(): string {
  return 'No enhancing lesion was found at this point (fat, or tissue that does not enhance like a lesion). Click inside the lesion.';
}

function refuse(reason: ProposalFailure, message: string): ProposalRefusal {
  return { ok: false, reason, message };
}
