// A reader outlines the tumour: in the Heron mode they open OHIF's label map tools, add a
// segmentation, pick the brush and paint the tumour slice by slice on the first post-contrast phase.
// The Heron panel then reports the outline, and the outline it hands to the analysis (voxels and
// geometry) must match the phantom's ground-truth tumour.
//
// The strokes are real mouse drags on the viewport canvas. Each ground-truth row run (a line of
// tumour voxels on one slice) becomes one drag from its first to its last voxel centre, mapped to the
// screen through cornerstone's viewport (`worldToCanvas`); with a 0.5 mm brush on 0.7 mm pixels a
// drag paints exactly its own row, so any disagreement with the ground truth is a geometry error of
// the read-out (flips, slice order, spacing), not brush spill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/index';
import { storeFiles } from '../../server/src/orthanc/orthanc-store';
import { keepArtifacts, openBrowser, type TestBrowser } from '../support/browser';
import { startTestHeron, TEST_READER } from '../support/heron-harness';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';

type Vec3 = [number, number, number];
interface Grid {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}

const BRUSH_RADIUS_MM = 0.5;
let orthanc: TestOrthanc;
let heron: RunningServer;
let browser: TestBrowser;
let studyUid: string;
let post1SeriesUid: string;
let truth: Grid & { data: ArrayLike<number> };
const workDir = mkdtempSync(join(tmpdir(), 'heron-outline-'));

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: 11, her2: 'positive', size: 'compact' });
  truth = study.mask;
  const written = await writePhantomStudy(study, join(workDir, 'study'), { patientId: 'OUTLINE-001', vendor: 'siemens' });
  studyUid = written.studyInstanceUID;
  const post1 = written.series.find((s) => s.role === 'dce' && /post1$/.test(s.description ?? ''));
  if (!post1) throw new Error(`no first post-contrast series in ${written.series.map((s) => s.description).join(', ')}`);
  post1SeriesUid = post1.seriesInstanceUID;
  await storeFiles(orthanc, written.files.filter((f) => f.endsWith('.dcm')));
  heron = await startTestHeron(orthanc);
  browser = await openBrowser({ username: TEST_READER.user, password: TEST_READER.password });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await heron?.close();
  await orthanc?.dispose();
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** LPS position of the centre of voxel (i,j,k): origin + D · (index × spacing). */
function world(g: Grid, i: number, j: number, k: number): Vec3 {
  const d = g.direction;
  const v = [i * g.spacing[0], j * g.spacing[1], k * g.spacing[2]];
  return [0, 1, 2].map((r) => g.origin[r] + d[r * 3] * v[0] + d[r * 3 + 1] * v[1] + d[r * 3 + 2] * v[2]) as Vec3;
}

/** Continuous voxel index of an LPS point: D is orthonormal, so its inverse is its transpose. */
function index(g: Grid, p: Vec3): Vec3 {
  const d = g.direction;
  const rel = [p[0] - g.origin[0], p[1] - g.origin[1], p[2] - g.origin[2]];
  return [0, 1, 2].map((c) => (d[c] * rel[0] + d[3 + c] * rel[1] + d[6 + c] * rel[2]) / g.spacing[c]) as Vec3;
}

/** Runs of tumour voxels along i, per slice k: [j, iFirst, iLast]. */
function rowRuns(k: number): Array<[number, number, number]> {
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
async function showSliceAndProject(page: Page, point: Vec3, points: Vec3[]): Promise<Array<[number, number]>> {
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

it('reads back the tumour a reader painted with the brush, on the grid of the DCE phase', async () => {
  const { page } = browser;
  try {
    // Every brush event re-renders the viewport in software WebGL: a smaller window keeps the ~150
    // strokes to well under a minute, and a tumour voxel still spans about 5 screen pixels.
    await page.setViewportSize({ width: 1200, height: 700 });
    await page.goto(`${heron.url}/heron?StudyInstanceUIDs=${studyUid}`);
    await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('heron-outline-warning').textContent()).resolves.toBe(
      'Outline the tumour with the brush on the DCE phase.',
    );
    // The panel opens the first post-contrast phase; wait until the viewport shows it.
    await page.waitForFunction(
      (uid) => {
        const cs = (window as unknown as { cornerstone: any }).cornerstone;
        const element = document.querySelector('.cornerstone-viewport-element');
        const id = element && cs.getEnabledElement(element)?.viewport?.getCurrentImageId?.();
        return !!id && cs.metaData.get('generalSeriesModule', id)?.seriesInstanceUID === uid;
      },
      post1SeriesUid,
      { timeout: 60_000 },
    );

    // OHIF's own segmentation workflow: label map panel → Add segmentation → Brush, radius 0.5 mm.
    await page.locator('[data-cy="panelSegmentationWithToolsLabelMap-btn"]').click();
    await page.getByText('Add segmentation').first().click();
    await page.locator('[data-cy="Brush"]').click();
    const radius = page.locator('input[type="number"]').first();
    await radius.fill(String(BRUSH_RADIUS_MM));
    await radius.press('Enter');
    const brushSize = await page.evaluate(() => {
      const tools = (window as unknown as { cornerstoneTools: any }).cornerstoneTools;
      return tools.ToolGroupManager.getToolGroup('default').getToolInstance('CircularBrush').configuration.brushSize;
    });
    expect(brushSize).toBe(BRUSH_RADIUS_MM);

    const slices = [...new Set(Array.from({ length: truth.size[2] }, (_, k) => k).filter((k) => rowRuns(k).length))];
    let strokes = 0;
    for (const k of slices) {
      const runs = rowRuns(k);
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
    console.log(`painted ${strokes} strokes on ${slices.length} slices`);
    // The screenshot shows the outline through the middle of the tumour.
    await showSliceAndProject(page, world(truth, 0, 0, slices[Math.floor(slices.length / 2)]), []);

    // Back to the Heron panel: it reports the outline once the strokes have settled.
    await page.locator('[data-cy="heronPanel-btn"]').click();
    const truthVoxels = Array.from(truth.data).filter((v) => v !== 0).length;
    await page.getByTestId('heron-outline-voxels').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="heron-outline-voxels"]')?.textContent?.replace(/,/g, '')) >= n,
      Math.round(truthVoxels * 0.9),
      { timeout: 30_000 },
    );

    const outline = await page.evaluate(() => {
      const o = (window as unknown as { __heron: { getOutline(): any } }).__heron.getOutline();
      const on: number[] = [];
      o.mask.forEach((v: number, n: number) => v && on.push(n));
      return { ...o, mask: undefined, on, length: o.mask.length };
    });
    expect(outline.seriesInstanceUID).toBe(post1SeriesUid);
    expect(outline.sopInstanceUIDs).toHaveLength(outline.size[2]);
    expect(new Set(outline.sopInstanceUIDs).size).toBe(outline.size[2]);
    expect(outline.length).toBe(outline.size[0] * outline.size[1] * outline.size[2]);
    // The source series' grid, exactly: the DCE grid the phantom wrote.
    expect(outline.size).toEqual(truth.size);
    outline.spacing.forEach((v: number, a: number) => expect(v).toBeCloseTo(truth.spacing[a], 3));
    outline.origin.forEach((v: number, a: number) => expect(v).toBeCloseTo(truth.origin[a], 2));
    outline.direction.forEach((v: number, a: number) => expect(v).toBeCloseTo(truth.direction[a], 5));

    // Dice through patient coordinates, so a flipped or shifted read-out cannot pass by accident.
    let overlap = 0;
    const [nx, ny] = truth.size;
    for (const n of outline.on as number[]) {
      const p = world(outline, n % outline.size[0], Math.floor(n / outline.size[0]) % outline.size[1], Math.floor(n / (outline.size[0] * outline.size[1])));
      const [i, j, k] = index(truth, p).map(Math.round);
      if (i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < truth.size[2] && truth.data[i + nx * (j + ny * k)]) overlap++;
    }
    const dice = (2 * overlap) / (outline.on.length + truthVoxels);
    console.log(`outline ${outline.on.length} voxels, truth ${truthVoxels}, overlap ${overlap}, Dice ${dice.toFixed(4)}`);
    expect(dice).toBeGreaterThanOrEqual(0.9);

    // What the reader sees in the panel is that same outline.
    expect(await page.getByTestId('heron-outline-voxels').textContent()).toBe(outline.on.length.toLocaleString('en-US'));
    const voxelMl = (truth.spacing[0] * truth.spacing[1] * truth.spacing[2]) / 1000;
    expect(await page.getByTestId('heron-outline-volume').textContent()).toBe(`${(outline.on.length * voxelMl).toFixed(2)} mL`);
    // The panel was remounted by the tab switch; the series name appears once it has the roles again.
    await page.getByTestId('heron-outline-series').filter({ hasText: 'post1' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('heron-outline-warning').count()).toBe(0);
    expect(browser.events.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  } finally {
    const png = await keepArtifacts(browser, 'outline');
    console.log(`screenshot: ${png}`);
  }
}, 180_000);
