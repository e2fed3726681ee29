import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type PhantomStudy, writePhantomStudy } from '@heron/phantom';
import type { RunningServer } from '@heron/server';
import { storeFiles } from '@heron/server/testing';
import { openBrowser, type TestBrowser } from './browser';
import { startTestHeron, TEST_READER } from './heron-harness';
import { startTestOrthanc, type TestOrthanc } from './orthanc-harness';

export interface BrowserStudy {
  orthanc: TestOrthanc;
  heron: RunningServer;
  browser: TestBrowser;
  /** The phantom in memory (volumes and ground-truth mask) and as written to DICOM. */
  study: PhantomStudy;
  written: Awaited<ReturnType<typeof writePhantomStudy>>;
  studyUid: string;
  workDir: string;
  dispose(): Promise<void>;
}

/**
 * What every browser test starts from: a real Orthanc holding a compact phantom study, the Heron server in front
 * of it, and headless Chromium logged in as the test reader.
 */
export async function startBrowserStudy(opts: {
  seed: number;
  patientId: string;
  patientName?: string;
}): Promise<BrowserStudy> {
  const workDir = mkdtempSync(join(tmpdir(), 'heron-browser-'));
  const orthanc = await startTestOrthanc();
  const study = generatePhantom({ seed: opts.seed, her2: 'positive', size: 'compact' });
  const written = await writePhantomStudy(study, join(workDir, 'study'), {
    patientId: opts.patientId,
    ...(opts.patientName ? { patientName: opts.patientName } : {}),
    vendor: 'siemens',
  });
  await storeFiles(
    orthanc,
    written.files.filter((f) => f.endsWith('.dcm')),
  );
  const heron = await startTestHeron(orthanc);
  const browser = await openBrowser({ username: TEST_READER.user, password: TEST_READER.password });
  return {
    orthanc,
    heron,
    browser,
    study,
    written,
    studyUid: written.studyInstanceUID,
    workDir,
    async dispose() {
      await browser.close();
      await heron.close();
      await orthanc.dispose();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
