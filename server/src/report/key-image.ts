/**
 * The report's key images: one slice of a sequence with the tumour outline and the outer edges of the peritumoral
 * shells drawn on it, rendered on the server from the volume the analysis read (not a screenshot of the viewer), so
 * the page and the PDF show exactly the voxels that were measured.
 */
import type { Volume } from '@heron/radiomics';
import { encodePng } from './png';

/** The shells a board discusses around a breast tumour, whatever widths the model itself measures. */
export const KEY_IMAGE_SHELLS_MM = [1, 3, 5] as const;

/** Outline colours, outermost last; the legend in the report names them in this order. */
export const OUTLINE_COLOURS = {
  tumour: [230, 40, 40],
  1: [255, 210, 0],
  3: [40, 200, 80],
  5: [0, 190, 255],
} as const satisfies Record<string, readonly [number, number, number]>;

export interface KeyImageInput {
  /** What the image is, as the report names it ("DCE, phase 2"). */
  label: string;
  image: Volume;
  /** The tumour on the image's grid (non-zero inside). */
  tumour: Volume;
}

export interface KeyImage {
  label: string;
  png: Buffer;
  width: number;
  height: number;
  /** 1-based slice number along the volume's third axis, and how many slices there are. */
  slice: number;
  slices: number;
  /** The window applied, in the image's stored units (the 1st to 99th percentile of the shown region). */
  window: { center: number; width: number };
  shellsMm: number[];
}

/** Longest side of a key image in pixels: sharp at the ~60 mm a PDF column gives it, small in a page. */
const TARGET_PX = 360;
/** How much tissue around the 5 mm shell the crop keeps, in mm, so the reader sees the tumour in context. */
const MARGIN_MM = 15;

const sliceCount = (mask: Volume, k: number) => {
  const plane = mask.size[0] * mask.size[1];
  let n = 0;
  for (let p = k * plane; p < (k + 1) * plane; p++) if (mask.data[p]) n++;
  return n;
};

/** The slice (0-based) where the tumour covers the most voxels; -1 when the mask is empty. */
export function largestSlice(tumour: Volume): number {
  let best = -1;
  let most = 0;
  for (let k = 0; k < tumour.size[2]; k++) {
    const n = sliceCount(tumour, k);
    if (n > most) [best, most] = [k, n];
  }
  return best;
}

/** The whole volume's slice index of slice k of the crop: the crop starts where its origin lies along axis 2. */
function cropOffset(whole: Volume, crop: Volume, k: number): number {
  const d = whole.direction;
  const delta = [0, 1, 2].map((r) => crop.origin[r] - whole.origin[r]);
  // Column 2 of the direction matrix is the unit vector of index axis 2.
  const along = delta[0] * d[2] + delta[1] * d[5] + delta[2] * d[8];
  return Math.round(along / whole.spacing[2]) + k;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/**
 * The part of `image` and `tumour` within `marginMm` of the tumour's bounding box (and within the widest shell across
 * slices): shells are computed on this box only, which keeps a key image to tens of milliseconds on a whole breast
 * volume instead of seconds.
 */
export function cropAroundTumour(input: KeyImageInput, marginMm: number, shellMm: number): KeyImageInput | null {
  const { image, tumour } = input;
  const [nx, ny, nz] = tumour.size;
  const lo = [nx, ny, nz];
  const hi = [-1, -1, -1];
  for (let k = 0, p = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, p++)
        if (tumour.data[p]) {
          [i, j, k].forEach((v, a) => {
            lo[a] = Math.min(lo[a], v);
            hi[a] = Math.max(hi[a], v);
          });
        }
  if (hi[0] < 0) return null;
  const pad = [marginMm + shellMm, marginMm + shellMm, shellMm].map((mm, a) => Math.ceil(mm / tumour.spacing[a]) + 1);
  const from = lo.map((v, a) => Math.max(0, v - pad[a]));
  const to = hi.map((v, a) => Math.min(tumour.size[a] - 1, v + pad[a]));
  const size = from.map((f, a) => to[a] - f + 1) as [number, number, number];
  const sub = (v: Volume): Volume => {
    const data = new Float32Array(size[0] * size[1] * size[2]);
    let q = 0;
    for (let k = from[2]; k <= to[2]; k++)
      for (let j = from[1]; j <= to[1]; j++)
        for (let i = from[0]; i <= to[0]; i++) data[q++] = v.data[i + nx * (j + ny * k)];
    // The box's first voxel in patient coordinates: origin + Σ direction column c · index c · spacing c.
    const d = v.direction;
    const offset = [0, 1, 2].map((r) => [0, 1, 2].reduce((s, c) => s + d[r * 3 + c] * from[c] * v.spacing[c], 0));
    return {
      ...v,
      data: v === tumour ? Uint8Array.from(data) : data,
      size,
      origin: [v.origin[0] + offset[0], v.origin[1] + offset[1], v.origin[2] + offset[2]],
    };
  };
  return { label: input.label, image: sub(image), tumour: sub(tumour) };
}

/**
 * The tumour with each shell (tumour ∪ shell) on slice k, for drawing: a pixel belongs when its centre lies within
 * the width of T, the union of the tumour's voxels as boxes, measured in 3D in mm; the same region peritumoralShell
 * measures, which decides voxels half inside by sub-sampling and so may differ by a voxel along an edge. Computed on
 * the one slice shown from the tumour's surface voxels, it costs milliseconds where three whole shells cost seconds.
 * A shell that reaches beyond the image is drawn as far as the image goes.
 */
export function sliceDilations(tumour: Volume, k: number): { mm: number; mask: Volume }[] {
  const [nx, ny, nz] = tumour.size;
  const [sx, sy, sz] = tumour.spacing;
  const plane = nx * ny;
  const widest = Math.max(...KEY_IMAGE_SHELLS_MM);
  const inT = (i: number, j: number, kk: number) =>
    i >= 0 && j >= 0 && kk >= 0 && i < nx && j < ny && kk < nz && tumour.data[i + nx * (j + ny * kk)] !== 0;
  // Outside T the nearest point of T lies on the box of a surface voxel (one with a face not on another).
  const reach = [Math.ceil(widest / sx) + 1, Math.ceil(widest / sy) + 1, Math.ceil(widest / sz) + 1];
  const surface: number[] = [];
  for (let kk = Math.max(0, k - reach[2]); kk <= Math.min(nz - 1, k + reach[2]); kk++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        if (
          inT(i, j, kk) &&
          !(
            inT(i - 1, j, kk) &&
            inT(i + 1, j, kk) &&
            inT(i, j - 1, kk) &&
            inT(i, j + 1, kk) &&
            inT(i, j, kk - 1) &&
            inT(i, j, kk + 1)
          )
        )
          surface.push(i, j, kk);
  const masks = KEY_IMAGE_SHELLS_MM.map((mm) => ({ mm, mask: { ...tumour, data: new Uint8Array(plane * nz) } }));
  if (surface.length === 0) return masks;
  let [i0, i1, j0, j1] = [nx, -1, ny, -1];
  for (let p = 0; p < surface.length; p += 3) {
    [i0, i1] = [Math.min(i0, surface[p]), Math.max(i1, surface[p])];
    [j0, j1] = [Math.min(j0, surface[p + 1]), Math.max(j1, surface[p + 1])];
  }
  // Distance from a point to a voxel's box: along each axis, how far it is beyond the box's half-width.
  const beyond = (steps: number, s: number) => Math.max(0, Math.abs(steps) * s - s / 2);
  for (let j = Math.max(0, j0 - reach[1]); j <= Math.min(ny - 1, j1 + reach[1]); j++)
    for (let i = Math.max(0, i0 - reach[0]); i <= Math.min(nx - 1, i1 + reach[0]); i++) {
      let d2 = inT(i, j, k) ? 0 : Infinity;
      for (let p = 0; p < surface.length && d2 > 0; p += 3) {
        const dx = beyond(i - surface[p], sx);
        const dy = beyond(j - surface[p + 1], sy);
        const dz = beyond(k - surface[p + 2], sz);
        d2 = Math.min(d2, dx * dx + dy * dy + dz * dz);
      }
      for (const m of masks) if (d2 <= m.mm * m.mm + 1e-9) m.mask.data[k * plane + j * nx + i] = 1;
    }
  return masks;
}

/** Renders the slice where the tumour is largest; null when the tumour does not reach this grid. */
export async function renderKeyImage(whole: KeyImageInput): Promise<KeyImage | null> {
  // Each image is a few tens of milliseconds of work: let the server answer other requests between two of them.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const input = cropAroundTumour(whole, MARGIN_MM, Math.max(...KEY_IMAGE_SHELLS_MM));
  if (!input) return null;
  const { image, tumour } = input;
  const k = largestSlice(tumour);
  if (k < 0) return null;
  // Slice numbers are stated on the whole volume, as a viewer numbers them.
  const sliceOffset = cropOffset(whole.tumour, tumour, k);
  const [nx, ny] = image.size;
  const plane = nx * ny;
  const at = (v: Volume, i: number, j: number) => v.data[k * plane + j * nx + i];
  // The edge of tumour ∪ shell is the shell's outer edge: what a reader compares with the image.
  const dilated = sliceDilations(tumour, k);
  const outer = dilated.length ? dilated[dilated.length - 1].mask : tumour;

  let [i0, i1, j0, j1] = [nx, -1, ny, -1];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      if (at(outer, i, j)) [i0, i1, j0, j1] = [Math.min(i0, i), Math.max(i1, i), Math.min(j0, j), Math.max(j1, j)];
  const [sx, sy] = [image.spacing[0], image.spacing[1]];
  i0 = Math.max(0, i0 - Math.ceil(MARGIN_MM / sx));
  i1 = Math.min(nx - 1, i1 + Math.ceil(MARGIN_MM / sx));
  j0 = Math.max(0, j0 - Math.ceil(MARGIN_MM / sy));
  j1 = Math.min(ny - 1, j1 + Math.ceil(MARGIN_MM / sy));
  const [wMm, hMm] = [(i1 - i0 + 1) * sx, (j1 - j0 + 1) * sy];
  const pxPerMm = TARGET_PX / Math.max(wMm, hMm);
  const width = Math.max(1, Math.round(wMm * pxPerMm));
  const height = Math.max(1, Math.round(hMm * pxPerMm));

  const values = new Float64Array((i1 - i0 + 1) * (j1 - j0 + 1));
  let n = 0;
  for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) values[n++] = at(image, i, j);
  values.sort();
  const lo = percentile(values, 0.01);
  const hi = Math.max(percentile(values, 0.99), lo + 1e-6);

  // Output pixel -> voxel by nearest neighbour, so each voxel is a visible square and outlines follow voxel edges.
  const vi = (x: number) => i0 + Math.min(i1 - i0, Math.floor(x / pxPerMm / sx));
  const vj = (y: number) => j0 + Math.min(j1 - j0, Math.floor(y / pxPerMm / sy));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const g = Math.round((255 * Math.min(Math.max(at(image, vi(x), vj(y)) - lo, 0), hi - lo)) / (hi - lo));
      rgb.fill(g, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  const inside = (m: Volume, x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && at(m, vi(x), vj(y)) !== 0;
  const edge = (m: Volume, x: number, y: number) =>
    inside(m, x, y) && !(inside(m, x - 1, y) && inside(m, x + 1, y) && inside(m, x, y - 1) && inside(m, x, y + 1));
  const draw = (m: Volume, colour: readonly number[]) => {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) if (edge(m, x, y)) rgb.set(colour, (y * width + x) * 3);
  };
  for (const d of dilated) draw(d.mask, OUTLINE_COLOURS[d.mm as keyof typeof OUTLINE_COLOURS]);
  draw(tumour, OUTLINE_COLOURS.tumour);

  return {
    label: input.label,
    png: encodePng(rgb, width, height),
    width,
    height,
    slice: sliceOffset + 1,
    slices: whole.image.size[2],
    window: { center: (lo + hi) / 2, width: hi - lo },
    shellsMm: dilated.map((d) => d.mm),
  };
}
