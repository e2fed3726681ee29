// Accepting an outline in the real OHIF viewer (issue 16): click in the lesion, see the proposal as a labelmap
// segment, keep it, Analyze; and pick an RTSTRUCT ROI already in the study from the panel, Analyze.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectDicomweb } from '@heron/dicom/dicomweb';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import { loadVolume } from '@heron/dicom/volumes';
import { orthancAuthHeader, storeFiles } from '@heron/server/testing';
import { keepArtifacts, showFirstPostContrast } from '../support/browser';
import { type BrowserStudy, startBrowserStudy } from '../support/browser-study';
import { diceThroughPatient, showSliceAndProject, type MaskGrid, type Vec3 } from '../support/paint-outline';
import { boxRtstruct } from '../support/rtstruct-fixture';

let env: BrowserStudy;
let truth: MaskGrid;
let post1SeriesUid: string;

beforeAll(async () => {
  env = await startBrowserStudy({ seed: 23, patientId: 'PROPOSAL-001' });
  truth = env.study.mask;
  const pacs = connectDicomweb({
    url: `${env.orthanc.url}/dicom-web`,
    authorization: orthancAuthHeader(env.orthanc.credentials),
  });
  const phase = classifyStudy(await studySeries(pacs, env.studyUid)).dcePhases.find((p) => p.phaseIndex === 1)!;
  post1SeriesUid = phase.seriesInstanceUID;
  const source = await loadVolume(pacs, {
    studyInstanceUID: env.studyUid,
    seriesInstanceUID: phase.seriesInstanceUID,
    select: { sopInstanceUIDs: phase.sopInstanceUIDs },
  });
  const file = join(env.workDir, 'rtstruct.dcm');
  writeFileSync(file, Buffer.from(boxRtstruct(source, env.study.mask, 'GTV from another tool')));
  await storeFiles(env.orthanc, [file]);
}, 180_000);

afterAll(() => env?.dispose(), 30_000);

async function openPost1(): Promise<void> {
  const { page } = env.browser;
  await page.goto(`${env.heron.url}/heron?StudyInstanceUIDs=${env.studyUid}`);
  await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });
  const [firstImage, post1Image] = await showFirstPostContrast(page, post1SeriesUid);
  expect(firstImage).toBeGreaterThan(0.02);
  expect(post1Image).toBeGreaterThan(0.02);
}

async function readOutline(): Promise<{
  seriesInstanceUID: string;
  on: number[];
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}> {
  return env.browser.page.evaluate(() => {
    const o = (window as unknown as { __heron: { getOutline(): any } }).__heron.getOutline();
    const on: number[] = [];
    o.mask.forEach((v: number, n: number) => v && on.push(n));
    return { ...o, mask: undefined, on };
  });
}

async function analyze(): Promise<void> {
  const { page } = env.browser;
  await page.getByTestId('heron-analyze').click();
  await page.getByTestId('heron-result-card').waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('heron-probability').textContent()).toMatch(/^(<1|>99|\d{1,2})%$/);
}

it('proposes an outline from one click, which the reader keeps and analyses', async () => {
  const { page } = env.browser;
  try {
    await page.setViewportSize({ width: 1200, height: 800 });
    await openPost1();
    const centre = env.study.tumourCentre as Vec3;
    // The corner of the compact field of view is air, outside the body.
    const { origin, spacing } = truth;
    const air: Vec3 = [origin[0] + 3 * spacing[0], origin[1] + 3 * spacing[1], centre[2]];
    const [[x, y], [airX, airY]] = await showSliceAndProject(page, centre, [centre, air]);
    await page.getByTestId('heron-propose').click();
    await page.getByTestId('heron-proposal-waiting').waitFor();
    await page.mouse.click(airX, airY);
    await page.getByTestId('heron-proposal-message').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heron-proposal-message').textContent()).toMatch(/outside the body/);
    const propose = async () => {
      await page.getByTestId('heron-propose').click();
      await page.getByTestId('heron-proposal-waiting').waitFor();
      await page.mouse.click(x, y);
      // OHIF opens its label-map tab when the first segmentation is added; the panel brings the reader back.
      await page.getByTestId('heron-proposal-proposed').waitFor({ timeout: 60_000 });
    };
    // A first proposal, discarded: the outline is empty again.
    await propose();
    await page.getByTestId('heron-proposal-discard').click();
    await page
      .getByTestId('heron-outline-warning')
      .filter({ hasText: 'Outline the tumour' })
      .waitFor({ timeout: 30_000 });
    await propose();
    console.log(await page.getByTestId('heron-proposal-proposed').textContent());
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="heron-outline-voxels"]')?.textContent?.replace(/,/g, '')) > 0,
      null,
      { timeout: 30_000 },
    );
    const outline = await readOutline();
    expect(outline.seriesInstanceUID).toBe(post1SeriesUid);
    const dice = diceThroughPatient(outline, outline.on, truth);
    console.log(
      `proposal read back from OHIF: ${outline.on.length} voxels, Dice ${dice.toFixed(4)} with the ground truth`,
    );
    expect(dice).toBeGreaterThanOrEqual(0.85);
    await page.getByTestId('heron-proposal-accept').click();
    await page.getByTestId('heron-proposal-accepted').waitFor();
    await analyze();
    await keepArtifacts(env.browser, 'proposal-flow-proposed');
  } finally {
    await keepArtifacts(env.browser, 'proposal-flow');
  }
}, 300_000);

it('takes an RTSTRUCT ROI already in the study from the panel and analyses it', async () => {
  const { page } = env.browser;
  try {
    await openPost1();
    const item = page.getByTestId('heron-existing-outline').filter({ hasText: 'GTV from another tool' });
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toMatch(/RTSTRUCT/);
    await item.click();
    await page.getByTestId('heron-existing-taken').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heron-existing-taken').textContent()).toMatch(/Taken: “GTV from another tool”/);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="heron-outline-voxels"]')?.textContent?.replace(/,/g, '')) > 0,
      null,
      { timeout: 30_000 },
    );
    const outline = await readOutline();
    expect(outline.seriesInstanceUID).toBe(post1SeriesUid);
    // The ROI is the box around the tumour on each slice: it holds the whole tumour.
    expect(diceThroughPatient(outline, outline.on, truth)).toBeGreaterThan(0.5);
    await analyze();
  } finally {
    await keepArtifacts(env.browser, 'proposal-flow-rtstruct');
  }
}, 300_000);

it('proposes from one click on the first subtraction, shown there and lying on the post-contrast grid', async () => {
  const { page } = env.browser;
  try {
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${env.heron.url}/heron?StudyInstanceUIDs=${env.studyUid}`);
    await page.getByTestId('heron-role-row').nth(9).waitFor({ timeout: 60_000 });
    // The outlining stage opens on the first subtraction (heronsub: images).
    await page.getByTestId('heron-layout-outlining').click();
    await page.waitForFunction(
      () => {
        const cs = (window as unknown as { cornerstone: any }).cornerstone;
        const elements = document.querySelectorAll('.cornerstone-viewport-element');
        const id = elements.length === 1 && cs.getEnabledElement(elements[0])?.viewport?.getCurrentImageId?.();
        return typeof id === 'string' && id.startsWith('heronsub:');
      },
      null,
      { timeout: 60_000 },
    );
    const centre = env.study.tumourCentre as Vec3;
    const [[x, y]] = await showSliceAndProject(page, centre, [centre]);
    await page.getByTestId('heron-propose').click();
    await page.getByTestId('heron-proposal-waiting').waitFor();
    await page.mouse.click(x, y);
    await page.getByTestId('heron-proposal-proposed').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heron-proposal-proposed').textContent()).toMatch(/Proposed on post-contrast 1/);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="heron-outline-voxels"]')?.textContent?.replace(/,/g, '')) > 0,
      null,
      { timeout: 30_000 },
    );
    const outline = await readOutline();
    expect(outline.seriesInstanceUID).toBe(post1SeriesUid);
    const dice = diceThroughPatient(outline, outline.on, truth);
    console.log(`proposal on the subtraction: ${outline.on.length} voxels, Dice ${dice.toFixed(4)} with the truth`);
    expect(dice).toBeGreaterThanOrEqual(0.85);
    // The proposal's label map was made on the subtraction the viewport shows, so it is seen there.
    const referenced = await page.evaluate(() => {
      // cornerstoneTools as the OHIF app publishes it on window; test-only access.
      const tools = (window as unknown as { cornerstoneTools: any }).cornerstoneTools;
      return tools.segmentation.state
        .getSegmentations()
        .map((s: any) => s.representationData?.Labelmap?.referencedImageIds?.[0] as string | undefined);
    });
    expect(referenced.length).toBe(1);
    expect(referenced[0]).toMatch(/^heronsub:/);
    await page.getByTestId('heron-proposal-accept').click();
    await page.getByTestId('heron-proposal-accepted').waitFor();
    await analyze();
  } finally {
    await keepArtifacts(env.browser, 'proposal-flow-subtraction');
  }
}, 300_000);
