// `heron doctor` against real Orthancs: a healthy deployment passes, and each broken configuration the issue names
// (wrong URL, wrong password, no DICOMweb plugin, a model whose ONNX does not match its manifest) is named in exactly
// one line with its fix.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type Finding, runDoctor, writeDropIn } from '@heron/server/deployment';
import { freePort, type RunningOrthanc, startOrthanc } from '@heron/server/testing';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc-harness';
import { repoRoot } from '../support/paths';
import { startStaticOhif } from '../support/static-ohif-server';

const dir = mkdtempSync(join(tmpdir(), 'heron-doctor-'));
let orthanc: TestOrthanc;
let bare: RunningOrthanc;

beforeAll(async () => {
  orthanc = await startTestOrthanc();
  bare = await startOrthanc({
    stateDir: join(dir, 'bare-orthanc'),
    port: await freePort(),
    credentials: { user: 'heron-svc', password: randomBytes(12).toString('hex') },
    templatePath: join(repoRoot, 'orthanc-config', 'orthanc.json'),
    dicomweb: false,
  });
  writeFileSync(join(dir, 'readers.yaml'), 'dr-site: site-reader-password-1\n', { mode: 0o600 });
  cpSync(join(repoRoot, 'models', 'her2-demo'), join(dir, 'tampered-models', 'her2-demo'), { recursive: true });
  appendFileSync(join(dir, 'tampered-models', 'her2-demo', 'model.onnx'), Buffer.from([0]));
}, 60_000);

afterAll(async () => {
  await orthanc?.dispose();
  await bare?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

let n = 0;
/** A configuration file for one case: the healthy settings with some replaced. */
function config(
  o: { url?: string; password?: string; models?: string; server?: string; extra?: string[] } = {},
): string {
  const id = ++n;
  writeFileSync(join(dir, `password-${id}`), `${o.password ?? orthanc.credentials.password}\n`, { mode: 0o600 });
  const file = join(dir, `heron-${id}.yaml`);
  writeFileSync(
    file,
    [
      o.server ?? 'server: { viewer: false }',
      'orthanc:',
      `  restUrl: ${o.url ?? orthanc.url}`,
      `  username: ${orthanc.credentials.user}`,
      `  passwordFile: password-${id}`,
      'readersFile: readers.yaml',
      `modelsDir: ${o.models ?? join(repoRoot, 'models')}`,
      ...(o.extra ?? []),
    ].join('\n'),
  );
  return file;
}

const problems = (f: Finding[]) => f.filter((x) => x.severity === 'problem').map((x) => x.text);

it('passes a healthy deployment and says what it checked', async () => {
  const findings = await runDoctor(config(), {});
  expect(problems(findings)).toEqual([]);
  const text = findings.map((f) => f.text).join('\n');
  expect(text).toMatch(/Orthanc 1\.\d+\.\d+ .* accepts the service account 'heron-test'/);
  expect(text).toMatch(/DICOMweb plugin 1\.\d+ answers/);
  expect(text).toMatch(/ignores comma-separated includefield lists; Heron's proxy repeats the parameter/);
  expect(text).toMatch(/No GDCM plugin: .* install orthanc-gdcm/);
  expect(text).toMatch(/may store results \(STOW-RS\)/);
  expect(text).toMatch(/Clocks agree with Orthanc's/);
  expect(text).toMatch(/Model her2-demo .* model.onnx matches its manifest/);
  expect(text).toMatch(/Survival model dfs-demo .* is a Cox linear predictor over its 5 inputs\./);
});

it('names a wrong Orthanc URL in one line with its fix', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;
  expect(problems(await runDoctor(config({ url }), {}))).toEqual([
    `Orthanc cannot be reached at ${url} (ECONNREFUSED) — check orthanc.restUrl (HERON_ORTHANC_URL) and that Orthanc runs (systemctl status orthanc, or docker compose ps).`,
  ]);
});

it('names a wrong password in one line with its fix', async () => {
  expect(problems(await runDoctor(config({ password: 'not-the-password' }), {}))).toEqual([
    expect.stringMatching(
      /^Orthanc at http:\/\/127\.0\.0\.1:\d+ refused the service account 'heron-test' \(HTTP 401\) — make the password in .*password-\d+ match RegisteredUsers/,
    ),
  ]);
});

it('names a missing DICOMweb plugin in one line with its fix', async () => {
  writeFileSync(join(dir, 'bare-password'), bare.credentials.password, { mode: 0o600 });
  const file = config({ url: bare.url });
  const text = readFileSync(file, 'utf8')
    .replace(/username: .*/, 'username: heron-svc')
    .replace(/passwordFile: .*/, 'passwordFile: bare-password');
  writeFileSync(file, text);
  expect(problems(await runDoctor(file, {}))).toEqual([
    expect.stringMatching(/^Orthanc has no DICOMweb plugin loaded — install it \(apt-get install orthanc-dicomweb/),
  ]);
});

it('names a model whose ONNX does not match its manifest in one line with its fix', async () => {
  expect(problems(await runDoctor(config({ models: join(dir, 'tampered-models') }), {}))).toEqual([
    expect.stringMatching(
      /^Model package .*her2-demo: model her2-demo: model.onnx does not match its manifest \(sha256 [0-9a-f]{64}, manifest says [0-9a-f]{64}\) — copy the package again/,
    ),
  ]);
});

it('names a readable secret file and a mistyped setting, and exits non-zero from the command line', () => {
  const leaky = config();
  writeFileSync(join(dir, 'leaky-password'), orthanc.credentials.password, { mode: 0o644 });
  writeFileSync(
    leaky,
    readFileSync(leaky, 'utf8')
      .replace(/passwordFile: .*/, 'passwordFile: leaky-password')
      .replace('restUrl:', 'restUrll:'),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HERON_')));
  const run = spawnSync(process.execPath, [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'doctor', '--config', leaky], {
    env,
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stdout).toContain("PROBLEM  Unknown setting 'restUrll' in 'orthanc' — did you mean 'restUrl'?");
  expect(run.stdout).toContain('1 problem(s) to fix');

  writeFileSync(leaky, readFileSync(leaky, 'utf8').replace('restUrll:', 'restUrl:'));
  const again = spawnSync(
    process.execPath,
    [join(repoRoot, 'server', 'bin', 'heron.mjs'), 'doctor', '--config', leaky],
    { env, encoding: 'utf8' },
  );
  expect(again.status).toBe(1);
  expect(again.stdout).toMatch(
    /PROBLEM {2}.*leaky-password holds a secret but other users of this machine may read it — chmod 600/,
  );
}, 60_000);

it("checks the site's OHIF: Heron's plugins of this version loaded and served, its origin allowed", async () => {
  const plugins = join(dir, 'plugins');
  await writeDropIn(plugins, { baseUrl: '/heron-plugins', apiBase: 'http://127.0.0.1:1/api' });
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>OHIF</title>');
  const lines = readFileSync(join(plugins, 'app-config-ohif-3.13.js'), 'utf8');
  const site = (appConfig: string, mounts: Record<string, string> = { '/heron-plugins': plugins }) =>
    startStaticOhif({ distDir: dist, appConfig, mounts, orthanc: { url: orthanc.url, authorization: '' } });

  const good = await site(`window.config = {};\n${lines}`);
  const allowed = config({ server: `server: { viewer: false, corsOrigins: ["${good.url}"] }` });
  const findings = await runDoctor(allowed, {}, { ohifUrl: good.url });
  expect(problems(findings)).toEqual([]);
  expect(findings.map((f) => f.text)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/loads @heron\/ohif-extension 0\.1\.0 from/),
      expect.stringMatching(/loads @heron\/ohif-mode 0\.1\.0 from/),
    ]),
  );
  // The same OHIF, but its origin not in server.corsOrigins.
  expect(problems(await runDoctor(config(), {}, { ohifUrl: good.url }))).toEqual([
    `The OHIF at ${good.url} may not call Heron's API — add '${good.url}' to server.corsOrigins (HERON_CORS_ORIGINS).`,
  ]);
  await good.close();

  const stale = await site(`window.config = {};\n${lines.replaceAll('/0.1.0/', '/0.0.9/')}`, {});
  expect(
    problems(await runDoctor(config(), {}, { ohifUrl: stale.url })).filter((p) => !p.includes('corsOrigins')),
  ).toEqual([
    expect.stringMatching(/loads @heron\/ohif-extension 0\.0\.9, this Heron has 0\.1\.0 — run 'heron plugins' again/),
    expect.stringMatching(/loads @heron\/ohif-mode 0\.0\.9, this Heron has 0\.1\.0/),
  ]);
  await stale.close();

  const missing = await site('window.config = {};\n', {});
  expect(
    problems(await runDoctor(config(), {}, { ohifUrl: missing.url })).filter((p) => !p.includes('corsOrigins')),
  ).toEqual([
    expect.stringMatching(/does not load @heron\/ohif-extension — append the lines of app-config-ohif-3\.13\.js/),
    expect.stringMatching(/does not load @heron\/ohif-mode/),
  ]);
  await missing.close();
}, 60_000);
