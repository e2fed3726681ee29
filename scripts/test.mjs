// `npm test`: every test. Sets the machine up (Debian packages incl. Chromium and the DICOM
// validators, npm dependencies), builds the viewer the browser tests open, type-checks every
// workspace, then runs jest's unit, integration and browser projects. Extra arguments go to jest
// (e.g. `npm test -- --selectProjects unit`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, setup } from './setup.mjs';

const TYPECHECKED = ['radiomics', 'models', 'dicom', 'server', 'extension', 'mode', 'phantom', 'test/browser', '.'];

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

setup(['start', 'test']);
const { register } = await import('tsx/esm/api');
register();
const { buildViewer } = await import('./build-viewer.ts');
await buildViewer();
await buildViewer({ variant: 'test' });

const started = Date.now();
for (const ws of TYPECHECKED) {
  const project = join(ws, 'tsconfig.json');
  if (!existsSync(join(repoRoot, project))) continue;
  if (run(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', project]) !== 0) {
    console.error(`\n[test] type errors in ${ws}`);
    process.exit(1);
  }
}
console.log(`[test] type-check passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);

// One format for every file (prettier, .prettierrc.json): a diff then shows what changed, not how it was typed.
// `npx prettier --write .` fixes what this reports.
if (run(join(repoRoot, 'node_modules', '.bin', 'prettier'), ['--check', '--log-level', 'warn', '.']) !== 0) {
  console.error('\n[test] files not formatted (listed above): run npx prettier --write .');
  process.exit(1);
}

// Import cycles between modules (type-only imports aside): each is a knot that makes both files harder to read,
// test and move. dpdm exits non-zero when it finds one.
const CYCLE_CHECKED = ['radiomics', 'models', 'dicom', 'server', 'extension', 'mode', 'phantom'].map(
  (ws) => `${ws}/src/**/*.{ts,tsx}`,
);
const dpdm = join(repoRoot, 'node_modules', '.bin', 'dpdm');
if (run(dpdm, ['--no-warning', '--no-tree', '--transform', '--exit-code', 'circular:1', ...CYCLE_CHECKED]) !== 0) {
  console.error('\n[test] import cycles (listed above): move what both sides need into a module of its own');
  process.exit(1);
}

const artifacts = join(repoRoot, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const jestBin = join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const env = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim() };
const extra = process.argv.slice(2);

// Unit and integration tests share the cores; the browser tests run afterwards, one at a time: two software-WebGL
// Chromiums side by side on two cores lose renders, which made the viewer tests flaky.
const runs = [
  { name: 'unit-integration', args: ['--selectProjects', 'unit', 'integration'] },
  { name: 'browser', args: ['--selectProjects', 'browser', '--runInBand'] },
];
let status = 0;
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const r of runs) {
  // A caller choosing projects (npm test -- --selectProjects unit) runs jest once with its own arguments.
  if (extra.includes('--selectProjects') && r.name === 'browser') continue;
  const results = join(artifacts, `jest-${r.name}.json`);
  const args = extra.includes('--selectProjects') ? extra : [...r.args, ...extra];
  rmSync(results, { force: true });
  const code = run(process.execPath, [jestBin, '--ci', '--json', `--outputFile=${results}`, ...args], env);
  status ||= code;
  if (existsSync(results)) {
    const j = JSON.parse(readFileSync(results, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + j.numTodoTests;
  }
}
// The plain closing line CI reads to count tests.
console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
console.log(`[test] finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(status);
