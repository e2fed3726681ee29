// `npm test`: every test. Sets the machine up (Debian packages incl. Chromium and the DICOM
// validators, npm dependencies), builds the viewer the browser tests open, type-checks every
// workspace, then runs jest's unit, integration and browser projects. Extra arguments go to jest
// (e.g. `npm test -- --selectProjects unit`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, setup } from './setup.mjs';

const TYPECHECKED = ['radiomics', 'models', 'server', 'extension', 'mode', 'test/phantom', 'test/browser', '.'];

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

setup(['start', 'test']);
const { register } = await import('tsx/esm/api');
register();
const { buildViewer } = await import('./build-viewer.ts');
await buildViewer();

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

const artifacts = join(repoRoot, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const results = join(artifacts, 'jest-results.json');
const status = run(
  process.execPath,
  [join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim() },
);
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // The plain closing line CI reads to count tests.
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
console.log(`[test] finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(status);
