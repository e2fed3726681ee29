import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Test artifacts (screenshots, logs) that CI keeps; git ignores them. */
export const artifactsDir = join(repoRoot, 'test-artifacts');
