// A reader's whole flow in the real OHIF viewer: open a phantom study in the Heron mode, paint the tumour with
// OHIF's brush (scripted strokes that follow the ground truth), check the outline the panel reads out, press
// Analyze, read the result card, find the SEG and SR in Orthanc (valid for dciodvfy and dsrdump, the SEG on the
// right voxels), reload and find the result listed, accept it, and see the VERIFIED report naming the reader.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredResult } from '@heron/server/contract';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { dciodvfyErrors, dsrdump } from '@heron/dicom/testing';
import { loadSegMasks } from '@heron/dicom/seg';
import { orthancAuthHeader } from '@heron/server/testing';
import { keepArtifacts, showFirstPostContrast } from '../support/browser';
import { type BrowserStudy, startBrowserStudy } from '../support/browser-study';
import { readerAuthHeader, TEST_READER } from '../support/heron-harness';
import { diceThroughPatient, type MaskGrid, paintTruth } from '../support/paint-outline';

let env: BrowserStudy;
let post1SeriesUid: string;
let truth: MaskGrid;

beforeAll(async () => {
  env = await startBrowserStudy({ seed: 11, patientId: 'READING-001' });
  truth = env.study.mask;
  const post1 = env.written.series.find((s) => s.role === 'dce' && /post1$/.test(s.description ?? ''));
  if (!post1)
    throw new Error(`no first post-contrast series in ${env.written.series.map((s) => s.description).join(', ')}`);
  post1SeriesUid = post1.seriesInstanceUID;
}, 120_000);

afterAll(() => env?.dispose(), 30_000);

async function storedResults(): Promise<StoredResult[]> {
  const res = await fetch(`${env.heron.url}/api/studies/${env.studyUid}/results`, {
    headers: { Authorization: readerAuthHeader() },
  });
  return ((await res.json()) as { results: StoredResult[] }).results;
}

it('outlines, analyzes, shows the result, stores it, lists and signs it', async () => {
  const { browser, heron, orthanc, studyUid, workDir } = env;
  const { page } = browser;
  try {
    // Every brush event re-renders the viewport in software WebGL: a smaller window keeps the ~150 strokes quick.
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${heron.url}/heron?StudyInstanceUIDs=${studyUid}`);
    await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heron-outline-warning').textContent()).toBe(
      'Outline the tumour with the brush on the DCE phase.',
    );
    // Once OHIF shows its first image, the reader picks the first post-contrast phase in the Heron panel.
    const [firstImage, post1Image] = await showFirstPostContrast(page, post1SeriesUid);
    expect(firstImage).toBeGreaterThan(0.02);
    expect(post1Image).toBeGreaterThan(0.02);
    const { strokes, slices } = await paintTruth(page, truth);
    console.log(`painted ${strokes} strokes on ${slices.length} slices`);

    // The outline the panel reads out: on the DCE grid, overlapping the ground truth.
    await page.locator('[data-cy="heronPanel-btn"]').click();
    const truthVoxels = Array.from(truth.data).filter((v) => v !== 0).length;
    await page
      .waitForFunction(
        (n) =>
          Number(document.querySelector('[data-testid="heron-outline-voxels"]')?.textContent?.replace(/,/g, '')) >= n,
        Math.round(truthVoxels * 0.9),
        { timeout: 30_000 },
      )
      .catch(async (err: unknown) => {
        const shown = await page.getByTestId('heron-outline').textContent();
        const read = await page.evaluate(() => {
          const o = (
            window as unknown as { __heron: { getOutline(): { mask: Uint8Array } | null } }
          ).__heron.getOutline();
          return o ? o.mask.reduce((a, b) => a + b, 0) : null;
        });
        throw new Error(`the panel shows "${shown}" while getOutline() has ${read} voxels: ${String(err)}`);
      });
    const outline = await page.evaluate(() => {
      const o = (window as unknown as { __heron: { getOutline(): any } }).__heron.getOutline();
      const on: number[] = [];
      o.mask.forEach((v: number, n: number) => v && on.push(n));
      return { ...o, mask: undefined, on };
    });
    expect(outline.seriesInstanceUID).toBe(post1SeriesUid);
    expect(outline.size).toEqual(truth.size);
    const outlineDice = diceThroughPatient(outline, outline.on, truth);
    console.log(`outline: ${outline.on.length} voxels, truth ${truthVoxels}, Dice ${outlineDice.toFixed(4)}`);
    expect(outlineDice).toBeGreaterThanOrEqual(0.9);
    expect(await page.getByTestId('heron-outline-voxels').textContent()).toBe(
      outline.on.length.toLocaleString('en-US'),
    );

    // Analyze: progress, then the result card with the probability, its question, the waterfall and a sentence.
    const model = await page.getByTestId('heron-model-info').textContent();
    expect(model).toMatch(/synthetic data, not for clinical use/);
    // Every storage state the card shows, as it shows it, with whether the reader could sign then.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __storageSeen: string[] }).__storageSeen = seen;
      new MutationObserver(() => {
        const line = document.querySelector('[data-testid="heron-storage"]');
        const state = line?.getAttribute('data-storage');
        const accept = document.querySelector('[data-testid="heron-result-card"] [data-testid="heron-accept"]');
        const entry = `${state}:${accept && (accept as HTMLButtonElement).disabled ? 'disabled' : 'enabled'}`;
        if (state && seen[seen.length - 1] !== entry) seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const clicked = Date.now();
    await page.getByTestId('heron-analyze').click();
    await page.getByTestId('heron-result-card').waitFor({ timeout: 120_000 });
    console.log(`Analyze to result on screen: ${((Date.now() - clicked) / 1000).toFixed(1)} s`);
    // The result is shown while its SEG, SR and PDF are stored; nothing can be signed until they are.
    await page.locator('[data-testid="heron-storage"][data-storage="stored"]').waitFor({ timeout: 60_000 });
    console.log(`Analyze to stored on screen: ${((Date.now() - clicked) / 1000).toFixed(1)} s`);
    const seen = await page.evaluate(() => (window as unknown as { __storageSeen: string[] }).__storageSeen);
    expect(seen).toEqual(['storing:disabled', 'stored:enabled']);
    const storedTitle = await page.getByTestId('heron-storage').getAttribute('title');
    expect(await page.getByTestId('heron-question').textContent()).toMatch(/HER2-positive/);
    expect(await page.getByTestId('heron-probability').textContent()).toMatch(/^(<1|>99|\d{1,2})%$/);
    expect(await page.getByTestId('heron-waterfall-bar').count()).toBeGreaterThan(1);
    expect((await page.getByTestId('heron-explanation-sentence').textContent())?.length).toBeGreaterThan(20);
    expect(await page.getByTestId('heron-result-intended-use').textContent()).toMatch(/research use/i);
    await keepArtifacts(browser, 'reading-flow-result');

    // The SEG and SR are in Orthanc, valid, and the SEG's tumour is the painted one.
    const [stored] = await storedResults();
    expect(stored.signoff.state).toBe('UNVERIFIED');
    expect(storedTitle).toBe(`Report (SR) ${stored.srSopInstanceUID}`);
    const pacs = connectDicomweb({
      url: `${orthanc.url}/dicom-web`,
      authorization: orthancAuthHeader(orthanc.credentials),
    });
    const sr = await pacs.retrieveInstance({
      studyInstanceUID: studyUid,
      seriesInstanceUID: stored.srSeriesInstanceUID,
      sopInstanceUID: stored.srSopInstanceUID,
    });
    const srFile = join(workDir, 'sr.dcm');
    writeFileSync(srFile, Buffer.from(sr));
    expect(dciodvfyErrors(srFile)).toEqual([]);
    expect(dsrdump(srFile).problems).toEqual([]);
    const segs = await pacs.searchForSeries({ studyInstanceUID: studyUid, queryParams: { Modality: 'SEG' } });
    expect(segs).toHaveLength(1);
    const segSeriesUid = segs[0]['0020000E'].Value?.[0] as string;
    const [segInstance] = await pacs.searchForInstances({
      studyInstanceUID: studyUid,
      seriesInstanceUID: segSeriesUid,
    });
    const segSop = segInstance['00080018'].Value?.[0] as string;
    const segFile = join(workDir, 'seg.dcm');
    writeFileSync(
      segFile,
      Buffer.from(
        await pacs.retrieveInstance({
          studyInstanceUID: studyUid,
          seriesInstanceUID: segSeriesUid,
          sopInstanceUID: segSop,
        }),
      ),
    );
    expect(dciodvfyErrors(segFile)).toEqual([]);
    const { target, segments } = await loadSegMasks(pacs, {
      studyInstanceUID: studyUid,
      seriesInstanceUID: segSeriesUid,
      sopInstanceUID: segSop,
    });
    expect(target.seriesInstanceUID).toBe(post1SeriesUid);
    const tumour = segments.find((s) => /tumour/i.test(s.label)) ?? segments[0];
    const on: number[] = [];
    tumour.mask.forEach((v, n) => v && on.push(n));
    const segDice = diceThroughPatient(target.volume, on, truth);
    console.log(`SEG tumour segment: Dice ${segDice.toFixed(4)} with the ground truth; ${segments.length} segments`);
    expect(segDice).toBeGreaterThanOrEqual(0.9);

    // Reload: the study shows its stored result; accept it, and a VERIFIED report naming the reader appears.
    await page.reload();
    const row = page.getByTestId('heron-earlier-result').first();
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getAttribute('data-signoff')).toBe('UNVERIFIED');
    await row.getByTestId('heron-accept').click();
    await page.locator('[data-testid="heron-earlier-result"][data-signoff="VERIFIED"]').waitFor({ timeout: 30_000 });
    const after = await storedResults();
    const verified = after.find((r) => r.signoff.state === 'VERIFIED');
    expect(verified?.replaces).toEqual([stored.srSopInstanceUID]);
    expect(verified?.signoff).toMatchObject({ state: 'VERIFIED', reader: TEST_READER.user });
    expect(after.find((r) => r.srSopInstanceUID === stored.srSopInstanceUID)?.supersededBy).toBe(
      verified?.srSopInstanceUID,
    );
    // OHIF 3.13 sometimes reports a render on a stack viewport it has just replaced (seen about one run in five when
    // the viewport's series is switched); the flow above is unaffected. Known and reported in the issue note; every
    // other page error fails the test.
    const knownOhifRace = /The stack viewport has been destroyed and is no longer usable/;
    expect(browser.events.filter((e) => e.startsWith('pageerror') && !knownOhifRace.test(e))).toEqual([]);
    // The whole flow ran under Heron's Content-Security-Policy (security-headers.ts): nothing was blocked by it.
    expect(browser.events.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  } finally {
    const png = await keepArtifacts(browser, 'reading-flow');
    console.log(`screenshot: ${png}`);
  }
}, 300_000);
