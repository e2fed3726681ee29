// Painting an outline in the real OHIF viewer, for browser tests: geometry helpers and the strokes.
//
// The strokes are real mouse drags on the viewport canvas. Each ground-truth row run (a line of
// tumour voxels on one slice) becomes one drag from its first to its last voxel centre, mapped to the
// screen through cornerstone's viewport (`worldToCanvas`); with a 0.5 mm brush on 0.7 mm pixels a
// drag paints exactly its own row, so any disagreement with the ground truth is a geometry error of
// the read-out (flips, slice order, spacing), not brush spill.
import type { Page } from 'playwright-core';

export type Vec3 = [number, number, number];
export interface Grid {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}
export type MaskGrid = Grid & { data: ArrayLike<number> };

export const BRUSH_RADIUS_MM = 0.5;

/** LPS position of the centre of voxel (i,j,k): origin + D · (index × spacing). */
export function world(g: Grid, i: number, j: number, k: number): Vec3 {
  const d = g.direction;
  const v = [i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]];
  return [0, 1, 2].map((r) => g.origin[r] + d[r * 3] * v[0] + d[r * 3 + 1] * v[1] + d[r * 3 + 2] * v[2]) as Vec3;
}

/** Continuous voxel index of an LPS point: D is orthonormal, so its inverse is its transpose. */
export function index(g: Grid, p: Vec3): Vec3 {
  const d = g.direction;
  const rel = [p[0] - g.origin[0], p[1] - g.origin[1], p[2] - g.origin[2]];
  return [0, 1, 2].map((c) => (d[c] * rel[0] + d[3 + c] * rel[1] + d[6 + c] * rel[2]) / g.spacing[c]) as Vec3;
}

/** Runs of tumour voxels along i, per slice k: [j, iFirst, iLast]. */
export function rowRuns(truth: MaskGrid, k: number): Array<[number, number, number]> {
  const [nx, ny] = truth.size;
  const runs: Array<[number, number, number]> = [];
  for (let j = 0; j < ny; j++) {
    let start = -1;
    for (let i = 0; i <= nx; i++) {
      const on = i < nx && truth.data[i + nx * (j + ny * k)] !== 0;
      if (on && start < 0) start = i;
      if (!on && start >= 0) {
        runs.push([j, start, i - 1]);
        start = -1;
      }
    }
  }
  return runs;
}

/** Shows the slice through `point` in the viewport and returns where the given points fall on the page. */
export async function showSliceAndProject(page: Page, point: Vec3, points: Vec3[]): Promise<Array<[number, number]>> {
  return page.evaluate(
    async ({ point, points }) => {
      // cornerstone3D as the OHIF app publishes it on window; test-only access.
      const cs = (window as unknown as { cornerstone: any }).cornerstone;
      const element = document.querySelector('.cornerstone-viewport-element') as HTMLElement;
      const { viewport } = cs.getEnabledElement(element);
      const ids: string[] = viewport.getImageIds();
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const distances = ids.map((id) => {
        const plane = cs.metaData.get('imagePlaneModule', id);
        const [r, c, p] = [plane.rowCosines, plane.columnCosines, plane.imagePositionPatient];
        const n = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
        return Math.abs(n[0] * (point[0] - p[0]) + n[1] * (point[1] - p[1]) + n[2] * (point[2] - p[2]));
      });
      const best = distances.indexOf(Math.min(...distances));
      if (viewport.getCurrentImageIdIndex() !== best) {
        await viewport.setImageIdIndex(best);
        viewport.render();
      }
      const rect = element.getBoundingClientRect();
      return points.map((w) => {
        const [x, y] = viewport.worldToCanvas(w);
        return [rect.left + x, rect.top + y] as [number, number];
      });
    },
    { point, points },
  );
}

/**
 * OHIF's own segmentation workflow on the viewport's current series: label map panel → Add segmentation → Brush
 * at 0.5 mm, then one drag per ground-truth row run on every slice that has tumour. Returns the number of strokes.
 */
export async function paintTruth(page: Page, truth: MaskGrid): Promise<{ strokes: number; slices: number[] }> {
  await page.locator('[data-cy="panelSegmentationWithToolsLabelMap-btn"]').click();
  await page.getByText('Add segmentation').first().click();
  await page.locator('[data-cy="Brush"]').click();
  const radius = page.locator('input[type="number"]').first();
  await radius.fill(String(BRUSH_RADIUS_MM));
  await radius.press('Enter');
  const slices = Array.from({ length: truth.size[2] }, (_, k) => k).filter((k) => rowRuns(truth, k).length);
  let strokes = 0;
  for (const k of slices) {
    const runs = rowRuns(truth, k);
    const ends = runs.flatMap(([j, i0, i1]) => [world(truth, i0, j, k), world(truth, i1, j, k)]);
    const screen = await showSliceAndProject(page, world(truth, 0, 0, k), ends);
    for (let r = 0; r < runs.length; r++) {
      const [from, to] = [screen[2 * r], screen[2 * r + 1]];
      await page.mouse.move(from[0], from[1]);
      await page.mouse.down();
      // One drag event: the brush paints the capsule between the press and the release point.
      if (runs[r][1] !== runs[r][2]) await page.mouse.move(to[0], to[1]);
      await page.mouse.up();
      strokes++;
    }
  }
  // Leave the viewport on the middle of the tumour, for the screenshot.
  await showSliceAndProject(page, world(truth, 0, 0, slices[Math.floor(slices.length / 2)]), []);
  return { strokes, slices };
}

/** Dice overlap of a mask with the ground truth, through patient coordinates (a flipped read-out cannot pass). */
export function diceThroughPatient(mask: Grid, on: number[], truth: MaskGrid): number {
  const [nx, ny, nz] = truth.size;
  let overlap = 0;
  for (const n of on) {
    const p = world(
      mask,
      n % mask.size[0],
      Math.floor(n / mask.size[0]) % mask.size[1],
      Math.floor(n / (mask.size[0] * mask.size[1])),
    );
    const [i, j, k] = index(truth, p).map(Math.round);
    if (i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && truth.data[i + nx * (j + ny * k)]) overlap++;
  }
  const truthVoxels = Array.from(truth.data).filter((v) => v !== 0).length;
  return (2 * overlap) / (on.length + truthVoxels);
}
