import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const dir = mkdtempSync(join(tmpdir(), 'heron-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

file('orthanc-password', 'secret-from-file\n');
file('readers.yaml', 'dr-smith: a-long-password-1\n');

it('reads a complete file, resolves relative paths and reads the secrets it points to', () => {
  const f = file(
    'good.yaml',
    [
      'server: { port: 9000, corsOrigins: ["https://ohif.example.org/"] }',
      'orthanc:',
      '  restUrl: http://pacs.local:8042/',
      '  passwordFile: orthanc-password',
      'readersFile: readers.yaml',
      'modelsDir: models',
      'stateDir: state',
    ].join('\n'),
  );
  const c = loadConfig(f, { env: {} });
  expect(c.server).toEqual({ host: '127.0.0.1', port: 9000, corsOrigins: ['https://ohif.example.org'], viewer: true });
  expect(c.orthanc).toEqual({
    restUrl: 'http://pacs.local:8042',
    dicomwebRoot: 'http://pacs.local:8042/dicom-web',
    username: 'heron-svc',
    password: 'secret-from-file',
  });
  expect(c.readers).toEqual({ 'dr-smith': 'a-long-password-1' });
  expect(c.modelsDir).toBe(join(dir, 'models'));
  expect(c.stateDir).toBe(join(dir, 'state'));
  expect(c.demo).toBe(false);
});

it('lets the environment override the file and give the password', () => {
  const f = file('env.yaml', 'orthanc: { passwordFile: orthanc-password }\nreadersFile: readers.yaml\nmodelsDir: m\n');
  const c = loadConfig(f, {
    env: { HERON_PORT: '8700', HERON_ORTHANC_PASSWORD: 'from-env', HERON_DEMO: 'yes', HERON_LOG_LEVEL: 'debug' },
  });
  expect(c.server.port).toBe(8700);
  expect(c.orthanc.password).toBe('from-env');
  expect(c.demo).toBe(true);
  expect(c.logLevel).toBe('debug');
  expect(c.sources['server.port']).toBe('environment HERON_PORT');
});

it('names every problem with its fix: unknown keys with a suggestion, bad values, a password in the file', () => {
  const f = file(
    'bad.yaml',
    ['server: { prot: 80 }', 'orthanc: { restUrl: "pacs:8042", password: "x" }', 'logLevle: info', 'demo: maybe'].join(
      '\n',
    ),
  );
  const p = problems(() => loadConfig(f, { env: {} }));
  expect(p).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/password' is not allowed.*passwordFile/),
      "Unknown setting 'prot' in 'server' — did you mean 'port'?",
      "Unknown setting 'logLevle' — did you mean 'logLevel'?",
      expect.stringMatching(/^Setting 'orthanc.restUrl' is not valid/),
      expect.stringMatching(/^Setting 'demo' is not valid/),
    ]),
  );
});

it('names an environment variable with a bad value, and missing secrets and files', () => {
  expect(problems(() => loadConfig(file('e.yaml', ''), { env: { HERON_PORT: 'eighty' } }))).toEqual([
    expect.stringMatching(/^Setting HERON_PORT \(environment\) is not valid/),
  ]);
  const p = problems(() =>
    loadConfig(
      file('m.yaml', 'orthanc: { passwordFile: nowhere }\nserver: { corsOrigins: ["https://ohif.example.org/app"] }\n'),
      { env: {}, defaultModelsDir: '/m' },
    ),
  );
  expect(p).toEqual([
    expect.stringMatching(/orthanc.passwordFile: the file .*nowhere does not exist/),
    expect.stringMatching(/'https:\/\/ohif.example.org\/app' is not an origin/),
    expect.stringMatching(/No logins: add an account with 'heron user add/),
  ]);
  expect(problems(() => loadConfig(join(dir, 'absent.yaml'), { env: {} }))[0]).toMatch(
    /does not exist — check the path given to --config/,
  );
});

it('refuses a DICOMweb root on another path than /dicom-web', () => {
  const f = file(
    'root.yaml',
    'orthanc: { dicomwebRoot: "http://pacs:8042/pacs/dicom-web", passwordFile: orthanc-password }\nreadersFile: readers.yaml\n',
  );
  expect(problems(() => loadConfig(f, { env: {}, defaultModelsDir: '/m' }))).toEqual([
    expect.stringMatching(/its path must be \/dicom-web/),
  ]);
});

it('accepts every setting of packaging/heron.config.example.yaml (only its example secret files are missing here)', () => {
  const example = new URL('../../../packaging/heron.config.example.yaml', import.meta.url).pathname;
  const p = problems(() => loadConfig(example, { env: {} }));
  expect(p).toEqual([
    expect.stringMatching(/^orthanc.passwordFile: the file \/etc\/heron\/orthanc-password does not exist/),
    expect.stringMatching(/^readersFile: the file \/etc\/heron\/readers.yaml does not exist/),
  ]);
  const c = loadConfig(example, {
    env: { HERON_ORTHANC_PASSWORD: 'x', HERON_READERS_FILE: join(dir, 'readers.yaml') },
  });
  expect(c.server.publicUrl).toBe('https://heron.example.org');
});

describe('the oidc section', () => {
  file('oidc-secret', 'client-secret-from-file\n');
  const base = ['orthanc: { passwordFile: orthanc-password }', 'modelsDir: m'];

  it('makes the relying party settings: callback from publicUrl, secret from its file, Secure cookies over https', () => {
    const c = loadConfig(
      file(
        'oidc.yaml',
        [
          ...base,
          'server: { publicUrl: "https://heron.example.org/" }',
          'oidc:',
          '  issuer: https://sso.example.org/realms/hospital',
          '  clientId: heron',
          '  clientSecretFile: oidc-secret',
          '  roleClaim: realm_access.roles',
          '  roleMap: { heron-reader: reader, tumour-board: board }',
        ].join('\n'),
      ),
      { env: {} },
    );
    expect(c.oidc).toMatchObject({
      issuer: 'https://sso.example.org/realms/hospital',
      clientId: 'heron',
      clientSecret: 'client-secret-from-file',
      redirectUri: 'https://heron.example.org/auth/callback',
      postLogoutRedirectUri: 'https://heron.example.org/auth/signed-out',
      scopes: ['openid', 'profile', 'email'],
      roleClaim: 'realm_access.roles',
      roleMap: { 'heron-reader': 'reader', 'tumour-board': 'board' },
      sessionMaxAgeMs: 480 * 60_000,
      secureCookies: true,
      allowHttpProvider: false,
    });
    expect(c.secretFiles).toContain(join(dir, 'oidc-secret'));
    expect(c.usersFile).toBe('/var/lib/heron/users.json');
  });

  it('takes the issuer, client and secret from the environment', () => {
    const c = loadConfig(
      file('oidc-env.yaml', [...base, 'server: { publicUrl: "https://h.example.org" }'].join('\n')),
      {
        env: {
          HERON_OIDC_ISSUER: 'https://login.example.org/v2.0',
          HERON_OIDC_CLIENT_ID: 'abc',
          HERON_OIDC_CLIENT_SECRET: 'from-env',
          HERON_OIDC_ROLE_CLAIM: 'roles',
        },
      },
    );
    expect(c.oidc).toMatchObject({
      issuer: 'https://login.example.org/v2.0',
      clientId: 'abc',
      clientSecret: 'from-env',
    });
    expect(c.sources['oidc.clientSecret']).toBe('environment HERON_OIDC_CLIENT_SECRET');
  });

  it('refuses a secret in the file, a provider over http elsewhere than loopback, and no publicUrl', () => {
    const p = problems(() =>
      loadConfig(
        file(
          'oidc-bad.yaml',
          [...base, 'oidc: { issuer: "http://sso.example.org/realms/x", clientId: heron, clientSecret: s3cret }'].join(
            '\n',
          ),
        ),
        { env: {} },
      ),
    );
    expect(p).toEqual([
      expect.stringMatching(/^Setting 'oidc.clientSecret' is not allowed/),
      expect.stringMatching(/must be reached over https/),
      expect.stringMatching(/^oidc needs 'server.publicUrl'/),
    ]);
    expect(
      problems(() => loadConfig(file('oidc-typo.yaml', [...base, 'oidc: { isuer: x }'].join('\n')), { env: {} })),
    ).toContain("Unknown setting 'isuer' in 'oidc' — did you mean 'issuer'?");
  });
});

it('reads the queue from the file or HERON_REDIS_URL, and refuses an address that is not Redis', () => {
  const base = 'orthanc: { passwordFile: orthanc-password }\nreadersFile: readers.yaml\nmodelsDir: m\n';
  expect(loadConfig(file('q0.yaml', base), { env: {} }).queue).toEqual({
    prefix: 'heron',
    concurrency: 1,
    stallSeconds: 30,
  });
  const fromFile = loadConfig(
    file('q1.yaml', `${base}queue: { redisUrl: 'redis://10.0.0.5:6379', concurrency: 2 }\n`),
    {
      env: {},
    },
  );
  expect(fromFile.queue).toEqual({
    redisUrl: 'redis://10.0.0.5:6379',
    prefix: 'heron',
    concurrency: 2,
    stallSeconds: 30,
  });
  const fromEnv = loadConfig(file('q2.yaml', base), { env: { HERON_REDIS_URL: 'rediss://queue.local:6380' } });
  expect(fromEnv.queue.redisUrl).toBe('rediss://queue.local:6380');
  expect(fromEnv.sources['queue.redisUrl']).toBe('environment HERON_REDIS_URL');
  expect(
    problems(() =>
      loadConfig(file('q3.yaml', `${base}queue: { redisUrl: 'http://10.0.0.5:6379', prefx: a }\n`), { env: {} }),
    ),
  ).toEqual([
    expect.stringMatching(/redis:\/\/ or rediss:\/\//),
    expect.stringMatching(/prefx.*did you mean 'prefix'/),
  ]);
});
