import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './did-you-mean';
import { ENV_OVERRIDES, HeronConfigFile, type HeronConfig, knownKeys } from './heron-config';
import { oidcSettings } from './oidc-config';
import { readSecretFile } from './secret-file';

/** A configuration Heron cannot run with; `problems` has one line per problem, each saying how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

type Env = Record<string, string | undefined>;

function setAt(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = obj;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]] = value;
}

function envValue(kind: string, raw: string): unknown {
  if (kind === 'number') return raw.trim() === '' ? raw : Number(raw);
  if (kind === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    return raw;
  }
  if (kind === 'list')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return raw;
}

function describeIssue(issue: z.core.$ZodIssue, envFor: Map<string, string>): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const section = issue.path.length ? `in '${path}' ` : '';
    return issue.keys
      .map((k) => {
        const guess = didYouMean(k, knownKeys(issue.path));
        const hint = guess ? `did you mean '${guess}'?` : `known keys: ${knownKeys(issue.path).join(', ')}.`;
        return `Unknown setting '${k}' ${section}— ${hint}`;
      })
      .join('\n');
  }
  const env = envFor.get(path);
  const where = env ? `${env} (environment)` : `'${path}'`;
  return `Setting ${where} is not valid: ${issue.message}.`;
}

/** A readers file: `user: password` lines (YAML) or the same as a JSON object. */
function readReaders(file: string, problems: string[], read: string[]): Record<string, string> {
  const text = readSecretFile(file, 'readersFile', problems, read);
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    parsed = undefined;
  }
  const ok =
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.entries(parsed as object).every(
      // A Basic login cannot carry a name with ':' or blanks, so such an entry could never log in.
      ([name, v]) => /^[^:\s]{1,64}$/.test(name) && typeof v === 'string' && v.length >= 12,
    );
  if (!ok) {
    problems.push(
      `readersFile: ${file} must map each reader's user name (no ':' or spaces) to a password of 12 or more characters ("dr-smith: <password>" per line).`,
    );
    return {};
  }
  return parsed as Record<string, string>;
}

/** The DICOMweb path Heron's viewer and proxy use; Orthanc's DICOMweb 1.7 cannot publish another (no PublicRoot). */
const DICOMWEB_PATH = '/dicom-web';

export interface LoadOptions {
  env?: Env;
  /** The repository's models, used when the file names none. */
  defaultModelsDir?: string;
}

/**
 * Reads and checks a configuration file, applies environment overrides and reads the secrets it points to.
 * Throws a ConfigError naming every problem (not only the first), each with its fix.
 */
export function loadConfig(file: string | undefined, opts: LoadOptions = {}): HeronConfig {
  const env = opts.env ?? process.env;
  const problems: string[] = [];
  const sources: Record<string, string> = {};
  const secretFiles: string[] = [];
  let raw: Record<string, unknown> = {};
  const baseDir = file ? dirname(resolve(file)) : process.cwd();
  if (file) {
    if (!existsSync(file))
      throw new ConfigError([`The configuration file ${file} does not exist — check the path given to --config.`]);
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError([
        `${file} is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      ]);
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new ConfigError([
        `${file} must be a YAML mapping of settings (key: value), not a ${Array.isArray(parsed) ? 'list' : typeof parsed}.`,
      ]);
    }
    raw = (parsed as Record<string, unknown> | null) ?? {};
    for (const [k, v] of Object.entries(raw)) {
      if (v && typeof v === 'object' && !Array.isArray(v))
        for (const kk of Object.keys(v)) sources[`${k}.${kk}`] = file;
      else sources[k] = file;
    }
  }
  const envFor = new Map<string, string>();
  for (const o of ENV_OVERRIDES) {
    const value = env[o.env];
    if (value === undefined) continue;
    setAt(raw, o.path, envValue(o.kind, value));
    envFor.set(o.path.join('.'), o.env);
    sources[o.path.join('.')] = `environment ${o.env}`;
  }

  const oidcRaw = raw.oidc as Record<string, unknown> | undefined;
  if (oidcRaw && 'clientSecret' in oidcRaw) {
    problems.push(
      "Setting 'oidc.clientSecret' is not allowed: a secret does not belong in the configuration file — put it in a file readable only by Heron and name it in 'oidc.clientSecretFile', or set HERON_OIDC_CLIENT_SECRET.",
    );
  }
  const orthancRaw = raw.orthanc as Record<string, unknown> | undefined;
  if (orthancRaw && 'password' in orthancRaw) {
    problems.push(
      "Setting 'orthanc.password' is not allowed: a password does not belong in the configuration file — put it in a file readable only by Heron and name it in 'orthanc.passwordFile', or set HERON_ORTHANC_PASSWORD.",
    );
  }
  const parsed = HeronConfigFile.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => describeIssue(i, envFor)));
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  const rel = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));

  let password = env.HERON_ORTHANC_PASSWORD;
  if (password !== undefined) sources['orthanc.password'] = 'environment HERON_ORTHANC_PASSWORD';
  else if (c.orthanc.passwordFile) {
    password = readSecretFile(rel(c.orthanc.passwordFile), 'orthanc.passwordFile', problems, secretFiles);
    sources['orthanc.password'] = rel(c.orthanc.passwordFile);
  } else {
    problems.push(
      "Orthanc's password for the service account is missing — set 'orthanc.passwordFile' to a file holding it, or HERON_ORTHANC_PASSWORD.",
    );
  }

  const restUrl = c.orthanc.restUrl.replace(/\/+$/, '');
  const dicomwebRoot = (c.orthanc.dicomwebRoot ?? `${restUrl}${DICOMWEB_PATH}`).replace(/\/+$/, '');
  const root = new URL(dicomwebRoot);
  if (root.pathname !== DICOMWEB_PATH) {
    problems.push(
      `orthanc.dicomwebRoot ${dicomwebRoot}: its path must be ${DICOMWEB_PATH} (Orthanc's DicomWeb.Root "/dicom-web/"): Heron proxies the viewer's requests on the same path because Orthanc builds absolute BulkDataURIs from it.`,
    );
  }
  if (root.protocol !== 'http:') {
    problems.push(
      `orthanc.dicomwebRoot ${dicomwebRoot}: Heron reaches Orthanc over plain HTTP on a private network or loopback; put TLS at the proxy in front of Heron, not between Heron and Orthanc.`,
    );
  }

  for (const origin of c.server.corsOrigins) {
    let ok = false;
    try {
      const u = new URL(origin);
      ok = /^https?:$/.test(u.protocol) && u.origin === origin.replace(/\/$/, '');
    } catch {
      ok = false;
    }
    if (!ok)
      problems.push(
        `server.corsOrigins: '${origin}' is not an origin — write scheme, host and port only, e.g. https://ohif.example.org.`,
      );
  }

  const readersFile = c.readersFile;
  const readers = readersFile ? readReaders(rel(readersFile), problems, secretFiles) : {};
  const stateDir = rel(c.stateDir);
  const usersFile = join(stateDir, 'users.json');
  const oidc = c.oidc ? oidcSettings(c.oidc, c.server.publicUrl, env, rel, problems, secretFiles, sources) : undefined;
  if (!readersFile && !c.oidc && !existsSync(usersFile)) {
    problems.push(
      `No logins: add an account with 'heron user add NAME --role reader --state-dir ${stateDir}', or configure single sign-on ('oidc'), or set 'readersFile' (HERON_READERS_FILE).`,
    );
  }

  const modelsDir = c.modelsDir ? rel(c.modelsDir) : opts.defaultModelsDir;
  if (!modelsDir)
    problems.push("No models folder: set 'modelsDir' to the folder holding the model packages, or HERON_MODELS_DIR.");

  if (problems.length) throw new ConfigError(problems);
  return {
    server: { ...c.server, corsOrigins: c.server.corsOrigins.map((o) => o.replace(/\/$/, '')) },
    orthanc: { restUrl, dicomwebRoot, username: c.orthanc.username, password: password as string },
    readers,
    usersFile,
    ...(oidc ? { oidc } : {}),
    modelsDir: modelsDir as string,
    stateDir,
    logLevel: c.logLevel,
    demo: c.demo,
    queue: {
      ...(c.queue.redisUrl ? { redisUrl: c.queue.redisUrl } : {}),
      prefix: c.queue.prefix,
      concurrency: c.queue.concurrency,
      stallSeconds: c.queue.stallSeconds,
    },
    analysis: { volumeCacheMb: c.analysis.volumeCacheMb },
    secretFiles,
    sources,
  };
}
