// docker-compose.yml without a Docker engine (none runs on the test machines): it passes the compose-spec JSON schema
// (test/fixtures/compose-spec.json, see test/fixtures/README.md), keeps the security rules of issue 14, and runs each
// service with the configuration the bare-metal integration test runs (serve-postgres.test.ts).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse as parseYaml } from 'yaml';
import { ENV_OVERRIDES, loadConfig, writeComposeSecrets } from '@heron/server/deployment';
import { siteSettings } from '../support/orthanc-postgres-harness';
import { repoRoot } from '../support/paths';

interface Service {
  image?: string;
  build?: { context: string };
  restart?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  secrets?: string[];
  network_mode?: string;
  healthcheck?: unknown;
  command?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  secrets: Record<string, { file: string }>;
}

const text = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
const compose = parseYaml(text) as Compose;
const dir = mkdtempSync(join(tmpdir(), 'heron-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Compose's variable interpolation (${VAR}, ${VAR:-default}, ${VAR:?message}, $$) with the given environment. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g,
    (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (whole === '$$') return '$';
      const v = env[name as string];
      if (v !== undefined && v !== '') return v;
      if (op === ':?') throw new Error(`${name} is required: ${arg}`);
      return op === ':-' ? (arg ?? '') : '';
    },
  );
}

function readEnvFile(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

it('passes the compose-spec JSON schema, as compose reads it (variables filled in from a generated .env)', () => {
  const { $schema, ...schema } = JSON.parse(
    readFileSync(join(repoRoot, 'test', 'fixtures', 'compose-spec.json'), 'utf8'),
  ) as { $schema: string };
  // The file names its draft as "http://json-schema.org/draft/2019-09/schema#", a spelling ajv does not register; the
  // 2019-09 validator applies that draft anyway. Its draft-04 "id" keys are mere labels here (every $ref is a JSON
  // pointer), but ajv refuses "id" outright: the keyword is dropped so they are ignored like any unknown annotation.
  expect($schema).toMatch(/draft\/2019-09/);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.removeKeyword('id');
  // The formats the compose specification defines (compose-spec.md), which a JSON-schema library does not know.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat(
    'ports',
    /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  );
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  const validate = ajv.compile(schema);

  const envDir = mkdtempSync(join(dir, 'env-'));
  writeComposeSecrets(envDir);
  const env = readEnvFile(join(envDir, '.env'));
  const filled = parseYaml(interpolate(text, env)) as Compose;
  const valid = validate(filled);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  // The schema is a real check: a misspelt key, or a port in the wrong form, fails it.
  const broken = structuredClone(filled) as unknown as { services: Record<string, Record<string, unknown>> };
  broken.services.heron.restart_policy = 'always';
  expect(validate(broken)).toBe(false);
  const badPort = structuredClone(filled);
  badPort.services.orthanc.ports = ['localhost:8600:8600'];
  expect(validate(badPort)).toBe(false);
});

it('gives no secret a default, binds every port to loopback, and names its volumes', () => {
  const secretVars = ['POSTGRES_PASSWORD', 'ORTHANC_PASSWORD', 'REDIS_PASSWORD', 'KEYCLOAK_ADMIN_PASSWORD'];
  for (const v of secretVars) {
    const uses = [...text.matchAll(new RegExp(`\\$\\{${v}(:[-?][^}]*)?\\}`, 'g'))].map((m) => m[1] ?? '');
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u.startsWith(':?')).toBe(true);
  }
  expect(text).not.toMatch(/PASSWORD[^$\n]*:\s*["']?[A-Za-z0-9]{8,}/);
  for (const [name, s] of Object.entries(compose.services)) {
    expect([name, s.restart]).toEqual([name, 'unless-stopped']);
    for (const p of s.ports ?? []) expect(interpolate(p, {})).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    for (const v of s.volumes ?? []) {
      const source = v.split(':')[0];
      // Named volumes for data; the only bind mounts are the read-only Orthanc settings (and its Lua request filter)
      // from orthanc-config/.
      if (source.startsWith('./')) expect(v).toMatch(/^\.\/orthanc-config\/[a-z-]+\.(json|lua):.*:ro$/);
      else expect(Object.keys(compose.volumes)).toContain(source);
    }
  }
  expect(compose.services.redis.profiles).toEqual(['workers']);
  expect(compose.services.keycloak.profiles).toEqual(['sso']);
  for (const s of ['postgres', 'orthanc', 'heron']) expect(compose.services[s].profiles).toBeUndefined();
});

it('runs Orthanc and PostgreSQL with the settings the bare-metal test runs', () => {
  const orthanc = compose.services.orthanc;
  // The same Debian 12 packages: the image installs them, the test and the bare-metal path run them from the host.
  const dockerfile = readFileSync(join(repoRoot, 'orthanc-config', 'Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(/FROM debian:12/);
  for (const pkg of ['orthanc', 'orthanc-dicomweb', 'orthanc-gdcm', 'orthanc-postgresql'])
    expect(dockerfile).toMatch(new RegExp(`\\s${pkg}\\s`));
  // The same settings files, unchanged: orthanc.json and postgresql.json (which the test copies as they are) and site.json
  // (whose plugins and service account the test loads).
  expect(
    orthanc.volumes
      ?.filter((v) => v.startsWith('./orthanc-config/'))
      .map((v) => v.split(':')[0])
      .sort(),
  ).toEqual([
    './orthanc-config/orthanc.json',
    './orthanc-config/postgresql.json',
    './orthanc-config/request-filter.lua',
    './orthanc-config/site.json',
  ]);
  // Every Lua script orthanc.json names is mounted beside it: Orthanc does not start without them.
  const luaScripts =
    (JSON.parse(readFileSync(join(repoRoot, 'orthanc-config', 'orthanc.json'), 'utf8')) as { LuaScripts?: string[] })
      .LuaScripts ?? [];
  for (const f of luaScripts) expect(orthanc.volumes).toContain(`./orthanc-config/${f}:/etc/heron-orthanc/${f}:ro`);
  expect(Object.keys(siteSettings).sort()).toEqual([
    'IndexDirectory',
    'Plugins',
    'RegisteredUsers',
    'StorageDirectory',
    'TemporaryDirectory',
  ]);
  const orthancJson = JSON.parse(readFileSync(join(repoRoot, 'orthanc-config', 'orthanc.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  for (const key of Object.keys(siteSettings)) expect(orthancJson[key]).toBeUndefined(); // Orthanc refuses a key set twice
  expect(orthanc.environment?.ORTHANC_PG_URI).toMatch(
    /^postgresql:\/\/orthanc:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/orthanc$/,
  );
  // PostgreSQL: the test's cluster has the same owner, database and password authentication (postgres-harness.ts).
  expect(compose.services.postgres.image).toMatch(/^postgres:15-/);
  expect(compose.services.postgres.environment).toMatchObject({
    POSTGRES_USER: 'orthanc',
    POSTGRES_DB: 'orthanc',
    POSTGRES_INITDB_ARGS: '--auth-host=scram-sha-256',
  });
});

it("runs Heron with a configuration its own validator accepts, using the secrets 'heron compose-env' generates", () => {
  const secrets = writeComposeSecrets(dir);
  expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
  expect(() => writeComposeSecrets(dir)).toThrow(/exists already/);
  const env = readEnvFile(join(dir, '.env'));
  const heron = compose.services.heron;
  expect(heron.network_mode).toBe('service:orthanc');
  const known = new Set([...ENV_OVERRIDES.map((o) => o.env), 'HERON_ORTHANC_PASSWORD']);
  const heronEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(heron.environment ?? {})) {
    expect(known.has(k) ? k : `unknown setting ${k}`).toBe(k);
    heronEnv[k] = interpolate(v, env);
  }
  // The container's secrets are compose's files: read them from where compose-env wrote them.
  const mounted = Object.fromEntries(
    Object.entries(compose.secrets).map(([name, s]) => [`/run/secrets/${name}`, join(dir, s.file)]),
  );
  for (const k of ['HERON_ORTHANC_PASSWORD_FILE', 'HERON_READERS_FILE']) heronEnv[k] = mounted[heronEnv[k]];
  const config = loadConfig(undefined, { env: heronEnv });
  expect(config.orthanc).toEqual({
    restUrl: 'http://127.0.0.1:8642',
    dicomwebRoot: 'http://127.0.0.1:8642/dicom-web',
    username: 'heron-svc',
    password: secrets.ORTHANC_PASSWORD,
  });
  expect(Object.keys(siteSettings.RegisteredUsers)).toEqual([config.orthanc.username]);
  expect(config.readers).toEqual({ [secrets.reader.user]: secrets.reader.password });
  expect(config.demo).toBe(false);
  // Orthanc's HTTP port in orthanc.json is the one Heron is told to use.
  expect(
    (JSON.parse(readFileSync(join(repoRoot, 'orthanc-config', 'orthanc.json'), 'utf8')) as { HttpPort: number })
      .HttpPort,
  ).toBe(8642);
  // Every secret compose needs is in the generated .env.
  expect(() => interpolate(text, env)).not.toThrow();
  expect(() => interpolate(text, {})).toThrow(/required: run 'node server\/bin\/heron.mjs compose-env'/);
});
