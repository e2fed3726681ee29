import { z } from 'zod';
import type { OidcSettings } from '../auth/oidc-settings';

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

/** Single sign-on through an OpenID Connect provider (docs/single-sign-on.md). */
export const OidcSection = z.strictObject({
  /** The provider's issuer URL; its discovery document is <issuer>/.well-known/openid-configuration. */
  issuer: httpUrl,
  clientId: z.string().min(1),
  /** File holding the client secret (one line). HERON_OIDC_CLIENT_SECRET may give it instead; none for a public client. */
  clientSecretFile: z.string().min(1).optional(),
  /** Never accepted: present only so the message can say where the secret goes instead. */
  clientSecret: z.unknown().optional(),
  scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
  /** The claim listing the person's roles or groups ('realm_access.roles' for Keycloak realm roles, 'groups'…). */
  roleClaim: z.string().min(1).default('roles'),
  /** Provider value → Heron role; a value named reader, board or admin maps to itself unless listed. */
  roleMap: z.record(z.string(), z.enum(['reader', 'board', 'admin'])).default({}),
  /** The claim used as the person's login (falls back to `sub`). */
  loginClaim: z.string().min(1).default('preferred_username'),
  /** Longest a sign-in lasts, and longest without a request, in minutes. */
  sessionMinutes: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(480),
  idleMinutes: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
});

export const QueueSection = z.strictObject({
  /**
   * Redis behind the shared job queue (redis:// or rediss://). Unset: analyses run inside the one server process.
   * Set: servers only queue analyses, `heron worker`s run them, and locks, keys, job state and progress live here.
   */
  redisUrl: z
    .string()
    .url()
    .refine((u) => /^rediss?:\/\//.test(u), 'must start with redis:// or rediss://')
    .optional(),
  /** Prefix of Heron's keys, so that two installations may share one Redis. */
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, - or _')
    .default('heron'),
  /** Analyses one `heron worker` runs at once. */
  concurrency: z.coerce.number().int().min(1).max(16).default(1),
  /**
   * A worker silent this long is taken for dead and its analysis run by another. Longer than any pause of a busy
   * worker (the CPU-bound steps take a second or two), short enough that a reader is not kept waiting.
   */
  stallSeconds: z.coerce.number().int().min(5).max(600).default(30),
});

export const AnalysisSection = z.strictObject({
  /**
   * Memory (MB) for decoded frames kept between analyses and filled by prefetches, least recently used out; 0 keeps
   * none. Where analyses run: the server with the in-process queue, each `heron worker` with Redis.
   */
  volumeCacheMb: z.coerce.number().int().min(0).max(262144).default(1024),
});

export const HeronConfigFile = z.strictObject({
  server: ServerSection.default(ServerSection.parse({})),
  orthanc: OrthancSection.default(OrthancSection.parse({})),
  /** Older plain reader logins (user: password), each a reader; `heron user add` accounts replace them. */
  readersFile: z.string().min(1).optional(),
  oidc: OidcSection.optional(),
  /** Folder of model packages (<id>/manifest.json + model.onnx). */
  modelsDir: z.string().min(1).optional(),
  /** Folder for Heron's own state (demo studies, job data). Back it up. */
  stateDir: z.string().min(1).default('/var/lib/heron'),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  /** Store the synthetic demo studies in the configured Orthanc at start. Never on a clinical PACS. */
  demo: z.boolean().default(false),
  queue: QueueSection.default(QueueSection.parse({})),
  analysis: AnalysisSection.default(AnalysisSection.parse({})),
});
export type HeronConfigFile = z.infer<typeof HeronConfigFile>;

/** The configuration after environment overrides and secrets are applied: what the server runs with. */
export interface HeronConfig {
  server: { host: string; port: number; publicUrl?: string; corsOrigins: string[]; viewer: boolean };
  orthanc: { restUrl: string; dicomwebRoot: string; username: string; password: string };
  readers: Record<string, string>;
  /** The local accounts (`heron user add`): <stateDir>/users.json. */
  usersFile: string;
  /** Single sign-on, when configured. */
  oidc?: OidcSettings;
  modelsDir: string;
  stateDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  demo: boolean;
  queue: { redisUrl?: string; prefix: string; concurrency: number; stallSeconds: number };
  analysis: { volumeCacheMb: number };
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
  { env: 'HERON_OIDC_ISSUER', path: ['oidc', 'issuer'], kind: 'string' },
  { env: 'HERON_OIDC_CLIENT_ID', path: ['oidc', 'clientId'], kind: 'string' },
  { env: 'HERON_OIDC_CLIENT_SECRET_FILE', path: ['oidc', 'clientSecretFile'], kind: 'string' },
  { env: 'HERON_OIDC_ROLE_CLAIM', path: ['oidc', 'roleClaim'], kind: 'string' },
  { env: 'HERON_MODELS_DIR', path: ['modelsDir'], kind: 'string' },
  { env: 'HERON_STATE_DIR', path: ['stateDir'], kind: 'string' },
  { env: 'HERON_LOG_LEVEL', path: ['logLevel'], kind: 'string' },
  { env: 'HERON_DEMO', path: ['demo'], kind: 'boolean' },
  { env: 'HERON_REDIS_URL', path: ['queue', 'redisUrl'], kind: 'string' },
  { env: 'HERON_WORKER_CONCURRENCY', path: ['queue', 'concurrency'], kind: 'number' },
  { env: 'HERON_VOLUME_CACHE_MB', path: ['analysis', 'volumeCacheMb'], kind: 'number' },
];

/** The keys a section of the file accepts, for "did you mean" on an unknown key. */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(HeronConfigFile.shape);
  if (path[0] === 'server') return Object.keys(ServerSection.shape);
  if (path[0] === 'orthanc') return Object.keys(OrthancSection.shape).filter((k) => k !== 'password');
  if (path[0] === 'queue') return Object.keys(QueueSection.shape);
  if (path[0] === 'analysis') return Object.keys(AnalysisSection.shape);
  if (path[0] === 'oidc') return Object.keys(OidcSection.shape).filter((k) => k !== 'clientSecret');
  return [];
}
