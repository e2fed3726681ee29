import { join } from 'node:path';
import { pino } from 'pino';
import { ModelRegistry, type RunningServer, startServer } from '@heron/server';
import type { RunningOrthanc } from '@heron/server/testing';
import { repoRoot } from './paths';

export const TEST_READER = { user: 'dr-test', password: 'test-password-123' };

export function readerAuthHeader(reader = TEST_READER): string {
  return 'Basic ' + Buffer.from(`${reader.user}:${reader.password}`).toString('base64');
}

/** The Heron server on a free port in front of a test Orthanc, with the repository's models (or those in modelsDir), logging only warnings. */
export async function startTestHeron(orthanc: Pick<RunningOrthanc, 'url' | 'credentials'>, modelsDir = join(repoRoot, 'models')): Promise<RunningServer> {
  return startServer({
    host: '127.0.0.1',
    port: 0,
    viewerDir: join(repoRoot, 'build', 'viewer-test'),
    orthanc: { url: orthanc.url, credentials: orthanc.credentials },
    readers: { [TEST_READER.user]: TEST_READER.password },
    models: await ModelRegistry.open(modelsDir),
    log: pino({ level: process.env.HERON_TEST_LOG ?? 'warn' }),
  });
}
