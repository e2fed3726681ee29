import { z } from 'zod';

// The settings of a Heron server installed at a site (`heron serve --config heron.config.yaml`). Every key is
// optional in the file; an environment variable (ENV_OVERRIDES) beats the file. Secrets are never written in the
// file itself: they come from a file (`…File`, e.g. a Docker secret) or from the environment.

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');

const port = z.coerce.number().int().min(0).max(65535);

export const ServerSection = z.strictObject({
  /** The address Heron listens on. Loopback unless the administrator opens it (a reverse proxy is the usual way). */
  host: z.string().min(1).default('127.0.0.1'),
  port: port.default(8600),
  /** The address readers use (behind the TLS proxy). Used in messages and as the default CORS origin of our own viewer. */
  publicUrl: httpUrl.optional(),
  /** Browser origins of an OHIF served elsewhere that may call the Heron API (with the reader's login). */
  corsOrigins: z.array(z.string()).default([]),
  /** Serve Heron's own pinned OHIF viewer at `/` (off when the site's own OHIF loads Heron's plugins). */
  viewer: z.boolean().default(true),
});

export const OrthancSection = z.strictObject({
  /** Orthanc's REST API, e.g. http://127.0.0.1:8042 (system checks, the store). */
  restUrl: httpUrl.default('http://127.0.0.1:8042'),
  /** Orthanc's DICOMweb root; defaults to `<restUrl>/dicom-web`. Its path must be /dicom-web (see validation). */
  dicomwebRoot: httpUrl.optional(),
  /** Heron's service account in Orthanc (RegisteredUsers). */
  username: z.string().min(1).default('heron-svc'),
  /** File holding the service account's password (one line). HERON_ORTHANC_PASSWORD may give it instead. */
  passwordFile: z.string().min(1).optional(),
  /** Never accepted: present only so the message can say where the password goes instead. */
  password: z.unknown().optional(),
});

export const HeronConfigFile = z.strictObject({
  server: ServerSection.default(ServerSection.parse({})),
  orthanc: OrthancSection.default(OrthancSection.parse({})),
  /** Reader logins: a YAML or JSON file mapping user name to password, readable by Heron only. */
  readersFile: z.string().min(1).optional(),
  /** Folder of model packages (<id>/manifest.json + model.onnx). */
  modelsDir: z.string().min(1).optional(),
  /** Folder for Heron's own state (demo studies, job data). Back it up. */
  stateDir: z.string().min(1).default('/var/lib/heron'),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  /** Store the synthetic demo studies in the configured Orthanc at start. Never on a clinical PACS. */
  demo: z.boolean().default(false),
});
export type HeronConfigFile = z.infer<typeof HeronConfigFile>;

/** The configuration after environment overrides and secrets are applied: what the server runs with. */
export interface HeronConfig {
  server: { host: string; port: number; publicUrl?: string; corsOrigins: string[]; viewer: boolean };
  orthanc: { restUrl: string; dicomwebRoot: string; username: string; password: string };
  readers: Record<string, string>;
  modelsDir: string;
  stateDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  demo: boolean;
  /** The files secrets were read from (password, reader logins), for `heron doctor`'s permission check. */
  secretFiles: string[];
  /** Where each setting came from (file, environment, default) for `heron doctor`. */
  sources: Record<string, string>;
}

/**
 * Environment variables that override a setting of the file: the path in the file and how to parse the text.
 * `…_FILE` variants of secrets are read in load-config.ts.
 */
export const ENV_OVERRIDES: ReadonlyArray<{
  env: string;
  path: [string] | [string, string];
  kind: 'string' | 'number' | 'boolean' | 'list';
}> = [
  { env: 'HERON_HOST', path: ['server', 'host'], kind: 'string' },
  { env: 'HERON_PORT', path: ['server', 'port'], kind: 'number' },
  { env: 'HERON_PUBLIC_URL', path: ['server', 'publicUrl'], kind: 'string' },
  { env: 'HERON_CORS_ORIGINS', path: ['server', 'corsOrigins'], kind: 'list' },
  { env: 'HERON_SERVE_VIEWER', path: ['server', 'viewer'], kind: 'boolean' },
  { env: 'HERON_ORTHANC_URL', path: ['orthanc', 'restUrl'], kind: 'string' },
  { env: 'HERON_ORTHANC_DICOMWEB_ROOT', path: ['orthanc', 'dicomwebRoot'], kind: 'string' },
  { env: 'HERON_ORTHANC_USER', path: ['orthanc', 'username'], kind: 'string' },
  { env: 'HERON_ORTHANC_PASSWORD_FILE', path: ['orthanc', 'passwordFile'], kind: 'string' },
  { env: 'HERON_READERS_FILE', path: ['readersFile'], kind: 'string' },
  { env: 'HERON_MODELS_DIR', path: ['modelsDir'], kind: 'string' },
  { env: 'HERON_STATE_DIR', path: ['stateDir'], kind: 'string' },
  { env: 'HERON_LOG_LEVEL', path: ['logLevel'], kind: 'string' },
  { env: 'HERON_DEMO', path: ['demo'], kind: 'boolean' },
];

/** The keys a section of the file accepts, for "did you mean" on an unknown key. */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(HeronConfigFile.shape);
  if (path[0] === 'server') return Object.keys(ServerSection.shape);
  if (path[0] === 'orthanc') return Object.keys(OrthancSection.shape).filter((k) => k !== 'password');
  return [];
}
