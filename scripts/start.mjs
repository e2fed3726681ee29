// `npm start`: set the machine up (Debian packages, npm dependencies), build the viewer if its
// sources changed, then run the demo: embedded Orthanc with synthetic studies + the Heron server.
import { setup, repoRoot } from './setup.mjs';

setup(['start']);
const { register } = await import('tsx/esm/api');
register();
const { buildViewer } = await import('./build-viewer.ts');
const viewerDir = await buildViewer();
const { startDemo } = await import('../server/src/demo/start-demo.ts');
await startDemo({ repoRoot, viewerDir });
