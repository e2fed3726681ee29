import { join } from 'node:path';
import { ModelRegistry } from '../analysis/model-registry';
import { AuditLog } from '../audit/audit-log';
import { defaultLogger, type RunningServer, startServer } from '../index';
import { ensurePortFree } from '../net/ports';
import { type RunningOrthanc, startOrthanc } from '../orthanc/orthanc-process';
import { loadOrCreateCredentials } from '../state/credentials';
import { loadDemoStudies } from './demo-studies';

export interface DemoOptions {
  repoRoot: string;
  viewerDir: string;
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

function say(msg: string): void {
  console.log(`[heron] ${msg}`);
}

/**
 * `npm start`: the embedded Orthanc with the demo studies, and the Heron server hosting the viewer.
 * Runs until Ctrl-C, then stops both cleanly.
 */
export async function startDemo(opts: DemoOptions): Promise<void> {
  const started = Date.now();
  const stateDir = process.env.HERON_STATE_DIR ?? join(opts.repoRoot, '.heron');
  const host = process.env.HERON_HOST ?? '127.0.0.1';
  const port = portFromEnv('HERON_PORT', 8600);
  const orthancPort = portFromEnv('ORTHANC_PORT', 8642);
  await ensurePortFree(port, 'the Heron viewer', 'HERON_PORT');
  await ensurePortFree(orthancPort, 'the embedded Orthanc', 'ORTHANC_PORT');

  const creds = loadOrCreateCredentials(join(stateDir, 'credentials.json'));
  let orthanc: RunningOrthanc | null = null;
  let server: RunningServer | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await server?.close();
    await orthanc?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    orthanc = await startOrthanc({
      stateDir: join(stateDir, 'orthanc'),
      port: orthancPort,
      credentials: creds.orthanc,
      templatePath: join(opts.repoRoot, 'orthanc-config', 'orthanc.json'),
      gdcm: true,
    });
    say(`Orthanc ready on ${orthanc.url} (loopback, service account in ${join(stateDir, 'credentials.json')})`);
    const demo = await loadDemoStudies(orthanc, join(stateDir, 'demo-studies'), say);
    server = await startServer({
      host,
      port,
      viewerDir: opts.viewerDir,
      orthanc: { url: orthanc.url, credentials: creds.orthanc },
      readers: { [creds.reader.user]: creds.reader.password },
      // `heron user add` (its default state folder is this one) adds board members and administrators to the demo.
      usersFile: join(stateDir, 'users.json'),
      models: await ModelRegistry.open(join(opts.repoRoot, 'models')),
      log: defaultLogger(),
      audit: new AuditLog(join(stateDir, 'audit.jsonl')),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      [
        '',
        `  Heron is ready (${seconds} s) — research use only, not for diagnosis.`,
        '',
        `  Open      ${server.url}/`,
        `  Login     ${creds.reader.user} / ${creds.reader.password}`,
        `  Studies   ${demo.map((d) => d.patientId).join(', ')} (synthetic phantoms)`,
        `  Mode      choose a study, then "Breast MRI (Heron)"`,
        '',
        '  Ctrl-C stops Heron and its Orthanc.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    console.error(`\n[heron] could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    await stop(1);
  }
}
