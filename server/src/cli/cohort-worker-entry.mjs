// Worker threads do not inherit the parent's TypeScript loader, so each registers tsx before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./cohort-worker.ts');
