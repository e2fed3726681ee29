import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
const PLUGIN_DIR = '/usr/share/orthanc/plugins';

export interface OrthancCredentials {
  user: string;
  password: string;
}

export interface OrthancOptions {
  /** Folder for the configuration, the SQLite index, the DICOM files and the logs. */
  stateDir: string;
  port: number;
  credentials: OrthancCredentials;
  /** The settings template (orthanc-config/orthanc.json). */
  templatePath: string;
  /** Load the GDCM plugin (JPEG 2000 decoding); off in tests for a faster start. */
  gdcm?: boolean;
  /** Load the DICOMweb plugin (default); off only to test how Heron reports an Orthanc without it. */
  dicomweb?: boolean;
  /** More settings files from orthanc-config/ (e.g. postgresql.json); Orthanc merges every file of its folder. */
  configFiles?: string[];
  /** More plugins from Debian's plugin folder, by file name (e.g. libOrthancPostgreSQLIndex.so). */
  plugins?: string[];
  /** Environment for Orthanc: the settings files read `${VAR}` from it (secrets stay out of the files). */
  env?: Record<string, string>;
}

export interface RunningOrthanc {
  url: string;
  credentials: OrthancCredentials;
  pid: number;
  stop(): Promise<void>;
}

/** Writes the configuration Orthanc reads: the template plus this machine's folders, port and account. */
export function writeOrthancConfig(opts: OrthancOptions): string {
  const configDir = join(opts.stateDir, 'config');
  const storage = join(opts.stateDir, 'storage');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(storage, { recursive: true });
  const template = JSON.parse(readFileSync(opts.templatePath, 'utf8')) as Record<string, unknown>;
  // Lua scripts are named relative to the template (orthanc-config/); the state folder's orthanc.json names them by
  // absolute path, so Orthanc reads the repository's own script.
  const luaScripts = ((template.LuaScripts as string[] | undefined) ?? []).map((f) =>
    resolve(dirname(opts.templatePath), f),
  );
  const plugins = opts.dicomweb === false ? [] : [join(PLUGIN_DIR, 'libOrthancDicomWeb.so')];
  if (opts.gdcm) plugins.push(join(PLUGIN_DIR, 'libOrthancGdcm.so'));
  for (const name of opts.plugins ?? []) plugins.push(join(PLUGIN_DIR, name));
  for (const p of plugins) {
    if (!existsSync(p))
      throw new Error(
        `Orthanc plugin missing: ${p} (install the Debian package orthanc-dicomweb / orthanc-gdcm / orthanc-postgresql)`,
      );
  }
  for (const f of opts.configFiles ?? []) copyFileSync(f, join(configDir, basename(f)));
  const config = {
    ...template,
    HttpPort: opts.port,
    StorageDirectory: storage,
    IndexDirectory: storage,
    TemporaryDirectory: storage,
    Plugins: plugins,
    LuaScripts: luaScripts,
  };
  writeFileSync(join(configDir, 'orthanc.json'), JSON.stringify(config, null, 2));
  writeFileSync(
    join(configDir, 'credentials.json'),
    JSON.stringify({ RegisteredUsers: { [opts.credentials.user]: opts.credentials.password } }),
    { mode: 0o600 },
  );
  return configDir;
}

function basicAuth(c: OrthancCredentials): string {
  return 'Basic ' + Buffer.from(`${c.user}:${c.password}`).toString('base64');
}

async function waitForHttp(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Orthanc exited during start-up (exit ${child.exitCode}); see ${logFile}`);
    }
    try {
      await fetch(`${url}/system`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`Orthanc did not answer on ${url} within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** Starts Orthanc on 127.0.0.1:<port> and resolves once its HTTP server answers. */
export async function startOrthanc(opts: OrthancOptions): Promise<RunningOrthanc> {
  if (!existsSync(ORTHANC_BINARY)) {
    throw new Error(`Orthanc is not installed (${ORTHANC_BINARY} missing): apt-get install orthanc orthanc-dicomweb`);
  }
  const configDir = writeOrthancConfig(opts);
  const logDir = join(opts.stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'Orthanc.log');
  const child = spawn(ORTHANC_BINARY, [`--logfile=${logFile}`, configDir], {
    stdio: 'ignore',
    env: { ...process.env, ...opts.env },
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForHttp(url, child, logFile, 20_000);
    const res = await fetch(`${url}/system`, { headers: { Authorization: basicAuth(opts.credentials) } });
    if (!res.ok)
      throw new Error(
        `Orthanc on port ${opts.port} refused our credentials (HTTP ${res.status}); is another Orthanc using that port?`,
      );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    credentials: opts.credentials,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // Orthanc takes 3-5 s to stop gracefully; do not wait forever on a stuck one.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export { basicAuth as orthancAuthHeader };
