import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/src/net/ports';
import { startOrthanc } from '../../server/src/orthanc/orthanc-process';
import type { TestOrthanc } from './orthanc-harness';
import { repoRoot } from './paths';
import type { TestPostgres } from './postgres-harness';

/**
 * Orthanc from the Debian packages with its index and its DICOM files in PostgreSQL (orthanc-postgresql), the
 * bare-metal layout of docs/deployment.md: the same orthanc-config/ files a site and docker-compose.yml use.
 */
export async function startTestOrthancOnPostgres(pg: TestPostgres): Promise<TestOrthanc> {
  const stateDir = mkdtempSync(join(tmpdir(), 'heron-orthanc-pg-'));
  const orthanc = await startOrthanc({
    stateDir,
    port: await freePort(),
    credentials: { user: 'heron-svc', password: randomBytes(12).toString('hex') },
    templatePath: join(repoRoot, 'orthanc-config', 'orthanc.json'),
    configFiles: [join(repoRoot, 'orthanc-config', 'postgresql.json')],
    plugins: ['libOrthancPostgreSQLIndex.so', 'libOrthancPostgreSQLStorage.so'],
    env: { ORTHANC_PG_URI: pg.uri },
    gdcm: true,
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
