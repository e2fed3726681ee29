// The breast hanging protocol in the real OHIF viewer: opening a phantom study in the Heron mode lays it out 2×2
// with the first post-contrast subtraction (derived in the browser), T2, DWI (highest b-value) and ADC, scrolled
// together; the panel's "Outline 1×1" shows that subtraction alone, where the reader paints the outline the
// analysis receives, on the first post-contrast phase's grid.
import type { Page } from 'playwright-core';
import { keepArtifacts } from '../support/browser';
import { type BrowserStudy, startBrowserStudy } from '../support/browser-study';
import { readerAuthHeader } from '../support/heron-harness';
import { diceThroughPatient, paintTruth, type Vec3 } from '../support/paint-outline';

let env: BrowserStudy;

beforeAll(async () => {
  env = await startBrowserStudy({ seed: 12, patientId: 'LAYOUT-001' });
}, 120_000);

afterAll(() => env?.dispose(), 30_000);

interface ShownViewport {
  viewportId: string;
  /** The image shown ('heronsub:…' for a subtraction image). */
  imageId: string;
  seriesInstanceUID: string;
  /** Position of the shown image along the slice normal, mm. */
  depth: number;
  /** Share of the canvas showing image (pixels brighter than near-black). */
  lit: number;
  /** For a 4D volume (a DWI series with several b-values): the group shown and how many there are. */
  group?: [number, number];
}

/** What each viewport on screen shows, in grid order (left to right, top to bottom). */
function shownViewports(page: Page): Promise<ShownViewport[]> {
  return page.evaluate(() => {
    // cornerstone3D as the OHIF app publishes it on window; test-only access.
    const cs = (window as unknown as { cornerstone: any }).cornerstone;
    const elements = Array.from(document.querySelectorAll<HTMLElement>('.cornerstone-viewport-element'));
    return elements.map((element) => {
      const enabled = cs.getEnabledElement(element);
      const viewport = enabled?.viewport;
      viewport?.render();
      const imageId = viewport?.getCurrentImageId?.();
      const plane = imageId ? cs.metaData.get('imagePlaneModule', imageId) : undefined;
      const series = imageId ? cs.metaData.get('generalSeriesModule', imageId) : undefined;
      let depth = NaN;
      if (plane?.imagePositionPatient && plane.rowCosines && plane.columnCosines) {
        const [r, c, p] = [plane.rowCosines, plane.columnCosines, plane.imagePositionPatient];
        const n = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
        depth = n[0] * p[0] + n[1] * p[1] + n[2] * p[2];
      }
      const canvas = element.querySelector('canvas');
      let lit = 0;
      if (canvas) {
        const copy = document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        const ctx = copy.getContext('2d');
        if (ctx && copy.width && copy.height) {
          ctx.drawImage(canvas, 0, 0);
          const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
          let on = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 30) on++;
          lit = on / (copy.width * copy.height);
        }
      }
      const volume = viewport?.getVolumeId ? cs.cache.getVolume(viewport.getVolumeId()) : undefined;
      return {
        ...(volume?.numDimensionGroups ? { group: [volume.dimensionGroupNumber, volume.numDimensionGroups] } : {}),
        viewportId: String(enabled?.viewportId ?? ''),
        imageId: String(imageId ?? ''),
        seriesInstanceUID: String(series?.seriesInstanceUID ?? ''),
        depth,
        lit,
      };
    });
  });
}

/** Waits until `count` viewports show an image each (software WebGL sometimes loses a first render; asking again). */
async function waitForViewports(page: Page, count: number): Promise<ShownViewport[]> {
  const deadline = Date.now() + 90_000;
  let shown: ShownViewport[] = [];
  while (Date.now() < deadline) {
    shown = await shownViewports(page);
    if (shown.length === count && shown.every((v) => v.seriesInstanceUID && v.lit > 0.02)) return shown;
    await page.waitForTimeout(500);
  }
  throw new Error(`expected ${count} viewports with images, saw ${JSON.stringify(shown)}`);
}

it('lays the study out 2×2 by role with the first subtraction, scrolls together, and outlines 1×1 on the subtraction onto the DCE grid', async () => {
  const { browser, heron, studyUid, written } = env;
  const { page } = browser;
  const uidOf = (role: string, n = 0) =>
    written.series.filter((s) => s.role === role).sort((a, b) => a.seriesNumber - b.seriesNumber)[n]!.seriesInstanceUID;
  const post1 = uidOf('dce', 1);
  try {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${heron.url}/heron?StudyInstanceUIDs=${studyUid}`);
    await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });

    // The reading stage, as OHIF laid it out on its own (nobody clicked anything).
    const reading = await waitForViewports(page, 4);
    // The first viewport shows the first subtraction, whose images carry the first post-contrast phase's geometry
    // and series (subtraction/subtraction-loader.ts).
    expect(reading.map((v) => v.seriesInstanceUID)).toEqual([post1, uidOf('t2'), uidOf('dwi'), uidOf('adc')]);
    expect(reading[0]!.imageId).toMatch(/^heronsub:/);
    expect(reading.slice(1).every((v) => !v.imageId.startsWith('heronsub:'))).toBe(true);
    const subtraction = await page.evaluate((imageId) => {
      const cs = (window as unknown as { cornerstone: any }).cornerstone;
      const sub = cs.cache.getImage(imageId);
      const data = sub.voxelManager.getScalarData();
      let negative = 0;
      for (let i = 0; i < data.length; i++) if (data[i] < 0) negative++;
      const viewport = cs.getEnabledElementByViewportId('heron-reading-dceFirstPost').viewport;
      return {
        type: data.constructor.name,
        min: sub.minPixelValue,
        max: sub.maxPixelValue,
        negative,
        voi: viewport.getProperties().voiRange,
        sop: cs.metaData.get('generalImageModule', imageId)?.sopInstanceUID,
      };
    }, reading[0]!.imageId);
    console.log(`first subtraction image: ${JSON.stringify(subtraction)}`);
    expect(subtraction.type).toBe('Float32Array');
    expect(subtraction.max).toBeGreaterThan(0);
    expect(subtraction.voi.lower).toBeCloseTo(0, 3);
    // The series list names the subtractions.
    expect(await page.getByText('SUB: post-contrast 1 − pre').count()).toBeGreaterThan(0);
    expect(reading.map((v) => v.viewportId)).toEqual([
      'heron-reading-dceFirstPost',
      'heron-reading-t2',
      'heron-reading-dwiHighB',
      'heron-reading-adc',
    ]);
    // The phantom's DWI is one series with b = 0 and 800 s/mm²; OHIF splits it by b-value and the layout shows
    // the highest.
    await page.waitForFunction(
      () => {
        const cs = (window as unknown as { cornerstone: any }).cornerstone;
        const viewport = cs.getEnabledElementByViewportId('heron-reading-dwiHighB')?.viewport;
        return viewport?.getVolumeId && cs.cache.getVolume(viewport.getVolumeId())?.dimensionGroupNumber === 2;
      },
      null,
      { timeout: 30_000 },
    );
    const dwi = (await shownViewports(page))[2]!;
    expect(dwi.group).toEqual([2, 2]);
    console.log(`DWI viewport at depth ${dwi.depth} mm, DCE at ${reading[0]!.depth} mm`);
    await keepArtifacts(browser, 'breast-layout-reading');

    // Scrolling the DCE viewport with the mouse wheel moves T2 and ADC to the same position (same frame of
    // reference, OHIF's image-slice synchroniser). The phantom's series share one slice grid.
    const box = (await page.locator('.cornerstone-viewport-element').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let n = 0; n < 4; n++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(1000);
    const scrolled = await shownViewports(page);
    console.log(`slice positions before ${reading.map((v) => v.depth)}, after ${scrolled.map((v) => v.depth)}`);
    expect(Math.abs(scrolled[0]!.depth - reading[0]!.depth)).toBeGreaterThan(1);
    for (const v of [scrolled[1]!, scrolled[3]!]) expect(Math.abs(v.depth - scrolled[0]!.depth)).toBeLessThan(0.5);
    await keepArtifacts(browser, 'breast-layout-scrolled');

    // The outlining stage: the first subtraction alone; the reader paints there with OHIF's brush.
    await page.getByTestId('heron-layout-outlining').click();
    const outlining = await waitForViewports(page, 1);
    expect(outlining.map((v) => v.seriesInstanceUID)).toEqual([post1]);
    expect(outlining[0]!.imageId).toMatch(/^heronsub:/);
    const { strokes } = await paintTruth(page, env.study.mask);
    await page.locator('[data-cy="heronPanel-btn"]').click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="heron-outline-voxels"]')?.textContent?.replace(/,/g, '')) > 0,
      null,
      { timeout: 30_000 },
    );
    const outlined = await page.evaluate(
      () =>
        (window as unknown as { __heron: { getOutline(): { seriesInstanceUID: string } | null } }).__heron.getOutline()
          ?.seriesInstanceUID,
    );
    console.log(`painted ${strokes} strokes in the outlining stage`);
    expect(outlined).toBe(post1);
    // Drawn on the subtraction, the outline lies on the first post-contrast phase's grid: its images, in the
    // server's order, and its voxels are those of the phantom's tumour.
    const roles = (await (
      await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, {
        headers: { Authorization: readerAuthHeader() },
      })
    ).json()) as { dcePhases: Array<{ phaseIndex: number; sopInstanceUIDs: string[] }> };
    const drawn = await page.evaluate(() => {
      const o = (window as unknown as { __heron: { getOutline(): any } }).__heron.getOutline();
      const on: number[] = [];
      o.mask.forEach((v: number, n: number) => v && on.push(n));
      return { ...o, mask: undefined, on };
    });
    expect([...drawn.sopInstanceUIDs].sort()).toEqual(
      [...roles.dcePhases.find((p) => p.phaseIndex === 1)!.sopInstanceUIDs].sort(),
    );
    const dice = diceThroughPatient(
      drawn as { size: Vec3; spacing: Vec3; origin: Vec3; direction: number[] },
      drawn.on,
      env.study.mask,
    );
    console.log(`outline on the subtraction: ${drawn.on.length} voxels, Dice ${dice.toFixed(4)} with the ground truth`);
    expect(dice).toBeGreaterThan(0.9);
    const voxels = await page.getByTestId('heron-outline-voxels').textContent();
    await keepArtifacts(browser, 'breast-layout-outlining');

    // Analyze. The kinetic curve is drawn from the real result when the server computes kinetics (the kinetics
    // engine comes with another branch; a server without it sends no kinetics and the card shows none).
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'GET' && /^\/api\/analyses\/[^/]+$/.test(new URL(r.url()).pathname),
      { timeout: 180_000 },
    );
    await page.getByTestId('heron-analyze').click();
    await page.getByTestId('heron-result-card').waitFor({ timeout: 180_000 });
    const job = (await (await answer).json()) as {
      result?: { kinetics?: { status: string; curveType?: string; curve?: { timeS: number[] } } };
    };
    const kinetics = job.result?.kinetics;
    console.log(`kinetics in the result: ${kinetics ? JSON.stringify(kinetics).slice(0, 300) : 'none'}`);
    if (kinetics?.status === 'ok') {
      expect(await page.getByTestId('heron-kinetic-point').count()).toBe(kinetics.curve!.timeS.length);
      expect(await page.getByTestId('heron-kinetics-class').textContent()).toMatch(
        { persistent: /persistent/, plateau: /plateau/, washout: /wash-out/ }[kinetics.curveType!]!,
      );
    } else if (kinetics?.status === 'unavailable') {
      await page.getByTestId('heron-kinetics-unavailable').waitFor();
    } else {
      expect(await page.getByTestId('heron-kinetics').count()).toBe(0);
    }
    await page.getByTestId('heron-kinetics').or(page.getByTestId('heron-result-card')).first().scrollIntoViewIfNeeded();
    await keepArtifacts(browser, 'breast-layout-result');

    // The kinetic colour map: shown as an overlay when the server computes it, a clear statement when it does not;
    // either way the reader's outline stays the outline.
    const probe = await fetch(`${heron.url}/api/studies/${studyUid}/kinetic-map`, {
      method: 'POST',
      headers: { Authorization: readerAuthHeader(), 'Content-Type': 'application/json' },
      body: '{}',
    });
    await page.getByTestId('heron-kinetic-map-toggle').click();
    if (probe.status === 404) {
      expect(await page.getByTestId('heron-kinetic-map-message').textContent({ timeout: 30_000 })).toBe(
        'This Heron server does not compute kinetic maps.',
      );
    } else {
      expect(probe.status).toBe(200);
      await page.getByTestId('heron-kinetic-map-legend').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('heron-kinetic-map-legend').textContent()).toMatch(/Persistent/);
    }
    expect(await page.getByTestId('heron-outline-voxels').textContent()).toBe(voxels);
    await keepArtifacts(browser, 'breast-layout-kinetic-map');

    // Back to reading: OHIF restores the 2×2.
    await page.getByTestId('heron-layout-reading').click();
    expect((await waitForViewports(page, 4)).map((v) => v.seriesInstanceUID)[1]).toBe(uidOf('t2'));
    expect(browser.events.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  } finally {
    const png = await keepArtifacts(browser, 'breast-layout');
    console.log(`screenshot: ${png}`);
  }
}, 480_000);
