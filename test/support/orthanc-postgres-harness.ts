import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort, startOrthanc } from '@heron/server/testing';
import type { TestOrthanc } from './orthanc-harness';
import { repoRoot } from './paths';
import type { TestPostgres } from './postgres-harness';

/** The per-machine settings of a site's Orthanc (bare metal and docker-compose.yml): plugins and service account. */
export const siteSettings = JSON.parse(readFileSync(join(repoRoot, 'orthanc-config', 'site.json'), 'utf8')) as {
  Plugins: string[];
  RegisteredUsers: Record<string, string>;
};

/**
 * Orthanc from the Debian packages with its index and its DICOM files in PostgreSQL (orthanc-postgresql), the
 * bare-metal layout of docs/deployment.md: orthanc.json and postgresql.json as they are, and site.json's plugins and
 * service account name; only its folders and port are this test's own. `serverIdentifier`, for one of several
 * Orthancs on the same database: each names itself (`DatabaseServerIdentifier`), as the Orthanc Book asks.
 */
export async function startTestOrthancOnPostgres(pg: TestPostgres, serverIdentifier?: string): Promise<TestOrthanc> {
  const stateDir = mkdtempSync(join(tmpdir(), 'heron-orthanc-pg-'));
  const configFiles = [join(repoRoot, 'orthanc-config', 'postgresql.json')];
  if (serverIdentifier) {
    const own = join(stateDir, 'server-identifier.json');
    writeFileSync(own, JSON.stringify({ DatabaseServerIdentifier: serverIdentifier }));
    configFiles.push(own);
  }
  const orthanc = await startOrthanc({
    stateDir,
    port: await freePort(),
    credentials: { user: Object.keys(siteSettings.RegisteredUsers)[0], password: randomBytes(12).toString('hex') },
    templatePath: join(repoRoot, 'orthanc-config', 'orthanc.json'),
    configFiles,
    // The DICOMweb plugin is always loaded by startOrthanc; the others are site.json's.
    plugins: siteSettings.Plugins.map((p) => basename(p)).filter((p) => p !== 'libOrthancDicomWeb.so'),
    env: { ORTHANC_PG_URI: pg.uri },
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
