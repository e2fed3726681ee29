// A reader's first minute: log in, open the work list, launch "Breast MRI (Heron)" on a phantom
// study, and see the images with the Heron panel listing the sequences in their roles.
import { keepArtifacts, redrawViewport, waitForImage } from '../support/browser';
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

    // The image is on screen: the viewport canvas has something drawn in it.
    const painted = await waitForImage(page, () => redrawViewport(page));
    expect(painted).toBeGreaterThan(0.02);
    expect(browser.events.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  } finally {
    const png = await keepArtifacts(browser, 'heron-mode');
    console.log(`screenshot: ${png}`);
  }
}, 240_000);
