// `npm start`: set the machine up (Debian packages, npm dependencies), build the viewer if its
// sources changed, then run the demo: embedded Orthanc with synthetic studies + the Heron server.
import { repoRoot, setup } from './setup.mjs';

setup(['start']);
const { register } = await import('tsx/esm/api');
register();
try {
  const { buildViewer } = await import('./build-viewer.ts');
  const viewerDir = await buildViewer();
  const { startDemo } = await import('../server/src/demo/start-demo.ts');
  await startDemo({ repoRoot, viewerDir });
} catch (err) {
  // Start-up problems (a port in use, a failed download) are the user's to fix: say what, not where.
  console.error(`\n[heron] could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
