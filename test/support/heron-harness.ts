import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { AuditLog, ModelRegistry, type OidcSettings, type RunningServer, startServer } from '@heron/server';
import type { RunningOrthanc } from '@heron/server/testing';
import { repoRoot } from './paths';

export const TEST_READER = { user: 'dr-test', password: 'test-password-123' };

export function readerAuthHeader(reader = TEST_READER): string {
  return 'Basic ' + Buffer.from(`${reader.user}:${reader.password}`).toString('base64');
}

export interface TestHeronOptions {
  /** The audit log file; a fresh one in a temporary folder when not given. */
  auditFile?: string;
  /** How long Orthanc may stay silent before a request to it fails. */
  orthancTimeoutMs?: number;
  /** Longest an analysis may run before its watchdog fails it. */
  analysisTimeoutMs?: number;
  /** The port to listen on (a free one when not given): single sign-on needs the address before the start. */
  port?: number;
  /** The local accounts file (`heron user add`). */
  usersFile?: string;
  /** Single sign-on through a test provider. */
  oidc?: OidcSettings;
  /** Memory for the volume cache (MB); the server's default when not given, 0 for none. */
  volumeCacheMb?: number;
}

/** The Heron server on a free port in front of a test Orthanc, with the repository's models (or those in modelsDir), logging only warnings. */
export async function startTestHeron(
  orthanc: Pick<RunningOrthanc, 'url' | 'credentials'>,
  modelsDir = join(repoRoot, 'models'),
  opts: TestHeronOptions = {},
): Promise<RunningServer> {
  return startServer({
    host: '127.0.0.1',
    port: opts.port ?? 0,
    viewerDir: join(repoRoot, 'build', 'viewer-test'),
    orthanc: {
      url: orthanc.url,
      credentials: orthanc.credentials,
      ...(opts.orthancTimeoutMs ? { timeoutMs: opts.orthancTimeoutMs } : {}),
    },
    readers: { [TEST_READER.user]: TEST_READER.password },
    ...(opts.usersFile ? { usersFile: opts.usersFile } : {}),
    ...(opts.oidc ? { oidc: opts.oidc } : {}),
    models: await ModelRegistry.open(modelsDir),
    log: pino({ level: process.env.HERON_TEST_LOG ?? 'warn' }),
    ...(opts.analysisTimeoutMs ? { analysisTimeoutMs: opts.analysisTimeoutMs } : {}),
    ...(opts.volumeCacheMb !== undefined ? { volumeCacheMb: opts.volumeCacheMb } : {}),
    audit: new AuditLog(opts.auditFile ?? join(mkdtempSync(join(tmpdir(), 'heron-audit-')), 'audit.jsonl')),
  });
}
