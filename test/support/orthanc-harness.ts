import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RunningOrthanc, startOrthanc } from '@heron/server/testing';
import { repoRoot } from './paths';

export interface TestOrthanc extends RunningOrthanc {
  stateDir: string;
  /** Stops Orthanc and deletes its temporary store. */
  dispose(): Promise<void>;
}

/** A real Orthanc on a free loopback port with a temporary store and its own random service account. */
export async function startTestOrthanc(): Promise<TestOrthanc> {
  const stateDir = mkdtempSync(join(tmpdir(), 'heron-orthanc-'));
  const orthanc = await startOrthanc({
    stateDir,
    port: await freePort(),
    credentials: { user: 'heron-test', password: randomBytes(12).toString('hex') },
    templatePath: join(repoRoot, 'orthanc-config', 'orthanc.json'),
    gdcm: false,
  });
  return {
    ...orthanc,
    stateDir,
    async dispose() {
      await orthanc.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
