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
export async function openBrowser(credentials: { username: string; password: string }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'heron-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 900 },
    httpCredentials: credentials,
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
