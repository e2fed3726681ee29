// Worker threads do not inherit the TypeScript loader bin/heron.mjs registers, so each thread registers tsx before
// loading the task.
import { register } from 'tsx/esm/api';

register();
const task = await import('./cohort-task.ts');
export default task.default;
