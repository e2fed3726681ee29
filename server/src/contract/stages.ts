/**
 * The stages an analysis goes through, in order; the panel shows them as a progress bar. Kept apart from the
 * schemas: the panel needs only this list at run time, and as the package declares no side effects (package.json
 * `sideEffects`) its bundle then leaves zod out (some 450 kB).
 */
export const STAGES = ['fetch', 'map', 'extract', 'predict', 'explain', 'store'] as const;
