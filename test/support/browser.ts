import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { artifactsDir } from './paths';

export const CHROMIUM = '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** What the page printed: console messages, page errors and failed requests, for the test log. */
  events: string[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, through playwright-core (no browser download). The flags keep it off
 * the network it cannot reach here; WebGL falls back to SwiftShader, which OHIF renders with.
 */
export async function openBrowser(credentials?: { username: string; password: string }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'heron-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 900 },
    // None for a single sign-on test: the person signs in on the provider's page instead.
    ...(credentials ? { httpCredentials: credentials } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const events: string[] = [];
  page.on('console', (m) => events.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => events.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return {
    context,
    page,
    events,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Keeps a screenshot and the page's log as test artifacts; returns the screenshot path. */
export async function keepArtifacts(b: TestBrowser, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const png = join(artifactsDir, `${name}.png`);
  await b.page.screenshot({ path: png });
  writeFileSync(join(artifactsDir, `${name}.log`), b.events.join('\n') + '\n');
  return png;
}

/** The share of the viewport canvas that shows an image (pixels brighter than near-black). */
export async function viewportLitFraction(page: Page): Promise<number> {
  const canvas = page.locator('.cornerstone-viewport-element canvas, [data-viewport-uid] canvas').first();
  await canvas.waitFor({ timeout: 60_000 });
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(c, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 30) lit++;
    return lit / (copy.width * copy.height);
  });
}

/**
 * Waits until the viewport shows an image. Under software WebGL the first render of a series sometimes stays black;
 * `reshow` (e.g. clicking the series in the Heron panel, as a reader would) asks for it again.
 */
export async function waitForImage(page: Page, reshow?: () => Promise<void>, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lit = await viewportLitFraction(page);
  let reshown = false;
  while (lit <= 0.02 && Date.now() < deadline) {
    await page.waitForTimeout(500);
    if (!reshown && reshow && Date.now() > deadline - timeoutMs / 2) {
      await reshow();
      reshown = true;
    }
    lit = await viewportLitFraction(page);
  }
  return lit;
}

/** Asks OHIF's viewport to draw again: a software-WebGL render is sometimes lost (black canvas, image loaded). */
export function redrawViewport(page: Page): Promise<void> {
  return page.evaluate(() => {
    const cs = (window as unknown as { cornerstone: any }).cornerstone;
    cs.getEnabledElement(document.querySelector('.cornerstone-viewport-element'))?.viewport?.render();
  });
}

/**
 * Once OHIF shows its first image, switches the breast layout to its 1×1 outlining stage and picks the first
 * post-contrast phase in the Heron panel (role row 1), as a reader does before painting, and waits until the viewport
 * shows that series. Returns how much of the viewport is lit before and after, for the caller to check.
 */
export async function showFirstPostContrast(page: Page, post1SeriesUid: string): Promise<[number, number]> {
  const redraw = () => redrawViewport(page);
  const first = await waitForImage(page, redraw);
  // Painting with a 0.5 mm brush needs the large viewport: in a quarter of the screen the strokes miss voxels.
  await page.getByTestId('heron-layout-outlining').click();
  await page.waitForFunction(() => document.querySelectorAll('.cornerstone-viewport-element').length === 1, null, {
    timeout: 30_000,
  });
  await page.getByTestId('heron-role-row').nth(1).click();
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
  return [first, await waitForImage(page, redraw)];
}
