// The tumour board in the browser: after an analysis and its acceptance, /board lists the case with its status and
// opens the report; OHIF's basic viewer opens the study's stored report PDF in its PDF viewport, and a double click
// on the Heron SR shows the report instead of OHIF's black SR viewport. Screenshots: test-artifacts/board-*.png.
import type { StudyRoles } from '@heron/dicom/roles';
import { keepArtifacts } from '../support/browser';
import { type BrowserStudy, startBrowserStudy } from '../support/browser-study';
import { readerAuthHeader } from '../support/heron-harness';
import { analysisSettled } from '@heron/server/contract';
import { maskOutlineOn } from '../support/mask-outline';

let env: BrowserStudy;
const auth = { Authorization: readerAuthHeader() };
let probability: number;

beforeAll(async () => {
  env = await startBrowserStudy({ seed: 12, patientId: 'BOARD-BROWSER', patientName: 'HERON^BOARD TEST' });
  const { heron, studyUid, study } = env;
  const roles = (await (
    await fetch(`${heron.url}/api/studies/${studyUid}/series-roles`, { headers: auth })
  ).json()) as StudyRoles;
  const phase2 = roles.dcePhases.find((p) => p.phaseIndex === 2);
  if (!phase2) throw new Error('no DCE phase 2');
  const started = await fetch(`${heron.url}/api/analyses`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      studyInstanceUID: studyUid,
      modelId: 'her2-demo',
      outline: maskOutlineOn(phase2, study.mask),
    }),
  });
  const { id } = (await started.json()) as { id: string };
  let job: { state: string; error?: string; result?: { probability: number; stored: { srSopInstanceUID: string } } };
  for (;;) {
    job = await (await fetch(`${heron.url}/api/analyses/${id}`, { headers: auth })).json();
    if (analysisSettled(job)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!job.result) throw new Error(`the analysis failed: ${job.error}`);
  probability = job.result.probability;
  const accepted = await fetch(`${heron.url}/api/results/${job.result.stored.srSopInstanceUID}/accept`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ studyInstanceUID: studyUid }),
  });
  if (accepted.status !== 201) throw new Error(`accepting failed: ${await accepted.text()}`);
}, 240_000);

afterAll(() => env?.dispose(), 30_000);

it('lists the accepted case on /board and opens its report', async () => {
  const { browser, heron } = env;
  const { page } = browser;
  try {
    await page.goto(`${heron.url}/board`);
    const row = page.getByTestId('heron-board-case');
    await row.first().waitFor({ timeout: 60_000 });
    expect(await row.count()).toBe(1);
    expect(await row.first().getAttribute('data-status')).toBe('accepted');
    expect(await row.first().textContent()).toContain('BOARD-BROWSER');
    await keepArtifacts(browser, 'board-list');

    await page.getByRole('link', { name: 'Open report' }).click();
    const report = page.getByTestId('heron-board-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heron-board-probability').textContent()).toContain(
      `${(probability * 100).toFixed(1)}%`,
    );
    expect(await page.getByTestId('heron-board-decision').textContent()).toMatch(/accepted by dr-test/);
    expect(await page.getByText('case 1 of 1').count()).toBe(1);
    // Every key image arrived (data: URLs decode in the page).
    const images = page.locator('main img');
    expect(await images.count()).toBeGreaterThanOrEqual(2);
    for (const img of await images.all())
      expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1000, height: 2400 });
    await keepArtifacts(browser, 'board-report');
    await page.setViewportSize({ width: 1600, height: 900 });
  } finally {
    await keepArtifacts(browser, 'board-report-end');
  }
}, 180_000);

/** Double-clicks the study-browser entry whose description matches `label` (the newest one listed first). */
async function openThumbnail(label: RegExp) {
  const { page } = env.browser;
  // OHIF's first-visit tour covers the viewport; a reader would skip it too.
  const skip = page.getByText('Skip all');
  if (
    await skip.waitFor({ timeout: 15_000 }).then(
      () => true,
      () => false,
    )
  )
    await skip.click();
  const entry = page.getByText(label).first();
  await entry.waitFor({ timeout: 60_000 });
  await entry.dblclick();
}

it("opens the stored PDF and the report of the Heron SR in OHIF's basic viewer", async () => {
  const { browser, heron, studyUid } = env;
  const { page } = browser;
  try {
    await page.goto(`${heron.url}/viewer?StudyInstanceUIDs=${studyUid}`);
    // The PDF: OHIF's own PDF viewport, fed from the Encapsulated PDF Heron stored.
    await openThumbnail(/Heron report \(PDF\)/);
    // OHIF sets the object's data once it has fetched the PDF into a blob: URL.
    const pdfObject = page.locator('object[type="application/pdf"][data]');
    await pdfObject.first().waitFor({ timeout: 60_000 });
    const data = (await pdfObject.first().getAttribute('data')) as string;
    // What the viewport holds is the PDF Heron stored: it starts like one.
    const head = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return String.fromCharCode(...bytes.subarray(0, 5));
    }, data);
    expect(head).toBe('%PDF-');
    await page.waitForTimeout(2_000);
    await keepArtifacts(browser, 'board-ohif-pdf');

    // The SR: Heron's viewport frames the board's report page instead of OHIF's black SR viewport.
    await openThumbnail(/Heron report \(verified\)/);
    const frame = page.frameLocator('[data-testid="heron-report-viewport"]');
    await frame.getByTestId('heron-board-report').waitFor({ timeout: 60_000 });
    expect(await frame.getByTestId('heron-board-decision').textContent()).toMatch(/accepted by dr-test/);
    expect(await frame.getByText('Research use only — not a diagnosis.').count()).toBeGreaterThan(0);
    await keepArtifacts(browser, 'board-ohif-sr');
    expect(browser.events.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  } finally {
    await keepArtifacts(browser, 'board-ohif-end');
  }
}, 240_000);
