// `heron serve --config FILE`: the Heron server of a site, in front of the site's own Orthanc. It never starts an
// Orthanc of its own and stores no demo data unless the configuration says `demo: true` (`npm start` is the demo).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { ModelRegistry } from '../analysis/model-registry';
import { AuditLog } from '../audit/audit-log';
import { ConfigError, loadConfig } from '../config/load-config';
import type { HeronConfig } from '../config/heron-config';
import { loadDemoStudies } from '../demo/demo-studies';
import { modelsReadiness, orthancReadiness } from '../http/readiness';
import { defaultLogger, type RunningServer, startServer } from '../index';
import { type Command, parseOptions } from './command';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The Orthanc the app proxies and queries: the origin of the DICOMweb root (its path is /dicom-web, checked by the config). */
export function orthancTarget(c: HeronConfig) {
  return {
    url: new URL(c.orthanc.dicomwebRoot).origin,
    credentials: { user: c.orthanc.username, password: c.orthanc.password },
  };
}

async function viewerDir(c: HeronConfig): Promise<string | null> {
  if (!c.server.viewer) return null;
  // Heron's own pinned OHIF; built once (the image build or the first start does it), then only checked.
  const { buildViewer } = (await import(join(repoRoot, 'scripts', 'build-viewer.ts'))) as {
    buildViewer: () => Promise<string>;
  };
  return buildViewer();
}

/** Starts the server from a loaded configuration; resolves once it listens. */
export async function serve(c: HeronConfig, log: Logger): Promise<RunningServer> {
  const orthanc = orthancTarget(c);
  const models = await ModelRegistry.open(c.modelsDir);
  const server = await startServer({
    host: c.server.host,
    port: c.server.port,
    viewerDir: await viewerDir(c),
    corsOrigins: c.server.corsOrigins,
    orthanc,
    readers: c.readers,
    usersFile: c.usersFile,
    ...(c.oidc ? { oidc: c.oidc } : {}),
    models,
    audit: new AuditLog(join(c.stateDir, 'audit.jsonl')),
    log,
    volumeCacheMb: c.analysis.volumeCacheMb,
    ...(c.queue.redisUrl ? { queue: { redisUrl: c.queue.redisUrl, prefix: c.queue.prefix } } : {}),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      throw new Error(
        `Port ${c.server.port} on ${c.server.host} is already in use: stop what uses it, or set server.port (HERON_PORT).`,
      );
    if (err.code === 'EADDRNOTAVAIL')
      throw new Error(`This machine has no address ${c.server.host}: correct server.host (HERON_HOST).`);
    throw err;
  });
  log.info(
    { url: server.url, publicUrl: c.server.publicUrl, orthanc: c.orthanc.dicomwebRoot, models: c.modelsDir },
    'Heron is listening (research use only)',
  );
  if (c.queue.redisUrl)
    log.info({ prefix: c.queue.prefix }, "analyses are queued in Redis: run 'heron worker' to run them");
  // A PACS that is down at start is not fatal: /readyz reports it until it is back. Say it once in the log.
  for (const [name, check] of Object.entries({
    orthanc: await orthancReadiness(orthanc),
    models: modelsReadiness(models),
  })) {
    if (!check.ok) log.warn({ check: name }, `not ready: ${check.detail} — run 'heron doctor --config …' for the fix`);
  }
  if (c.demo) {
    const reports = await loadDemoStudies(
      { url: c.orthanc.restUrl, credentials: orthanc.credentials },
      join(c.stateDir, 'demo-studies'),
      (m) => log.info(m),
    );
    log.info({ studies: reports.map((r) => r.patientId) }, 'demo studies present (synthetic phantoms)');
  }
  return server;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: "run the Heron server against the site's own Orthanc (no demo data, no embedded Orthanc)",
  usage: 'heron serve --config heron.config.yaml   (settings may also come from HERON_* environment variables)',
  async run(argv) {
    const opts = parseOptions(argv, { config: { type: 'string' } });
    let config: HeronConfig;
    try {
      config = loadConfig(opts.config, { defaultModelsDir: join(repoRoot, 'models') });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      console.error(
        `heron serve: the configuration has ${err.problems.length} problem(s):\n${err.problems.map((p) => `  - ${p}`).join('\n')}`,
      );
      return 2;
    }
    const log = defaultLogger(config.logLevel);
    const server = await serve(config, log);
    await new Promise<void>((resolve) => {
      const stop = () => {
        log.info('stopping');
        void server.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
