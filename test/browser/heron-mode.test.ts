// A reader's first minute: log in, open the work list, launch "Breast MRI (Heron)" on a phantom
// study, and see the images with the Heron panel listing the sequences in their roles.
import { keepArtifacts } from '../support/browser';
import { type BrowserStudy, startBrowserStudy } from '../support/browser-study';

let env: BrowserStudy;

beforeAll(async () => {
  env = await startBrowserStudy({ seed: 11, patientId: 'BROWSER-001', patientName: 'HERON^BROWSER TEST' });
}, 120_000);

afterAll(() => env?.dispose(), 30_000);

it('launches the Heron mode from the work list and lists the sequences by role', async () => {
  const { browser, heron, studyUid } = env;
  const { page } = browser;
  try {
    await page.goto(`${heron.url}/`);
    const row = page.getByText('HERON^BROWSER TEST').or(page.getByText('HERON, BROWSER TEST')).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    const launch = page.getByRole('button', { name: /Breast MRI \(Heron\)/ });
    await launch.waitFor({ timeout: 30_000 });
    await launch.click();
    await page.waitForURL(/\/heron\?StudyInstanceUIDs=/, { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('StudyInstanceUIDs')).toBe(studyUid);

    const rows = page.getByTestId('heron-role-row');
    await rows.nth(9).waitFor({ timeout: 60_000 });
    const titles = await page.locator('[data-testid="heron-role-row"] > span:first-child').allTextContents();
    expect(titles).toEqual([
      'Pre-contrast',
      'Post-contrast 1',
      'Post-contrast 2',
      'Post-contrast 3',
      'Post-contrast 4',
      'Post-contrast 5',
      'T2',
      'DWI b=0',
      'DWI b=800',
      'ADC',
    ]);
    expect(await page.getByTestId('heron-intended-use').textContent()).toMatch(/research use only/i);

    // The image is on screen: a cornerstone viewport canvas with something drawn in it.
    const canvas = page.locator('.cornerstone-viewport-element canvas, [data-viewport-uid] canvas').first();
    await canvas.waitFor({ timeout: 60_000 });
    // The first frame can take a few seconds with software WebGL on shared cores: wait for pixels.
    let painted = 0;
    for (let tries = 0; tries < 60 && painted <= 0.02; tries++) {
      if (tries) await page.waitForTimeout(500);
      painted = await canvas.evaluate((c: HTMLCanvasElement) => {
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
    expect(painted).toBeGreaterThan(0.02);
    expect(browser.events.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  } finally {
    const png = await keepArtifacts(browser, 'heron-mode');
    console.log(`screenshot: ${png}`);
  }
}, 240_000);
