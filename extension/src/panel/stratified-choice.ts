import type { ModelSummary } from '@heron/server/contract';

/** The question select's value for the stratified reading (model ids are lower-case words and dashes, never this). */
export const STRATIFIED_CHOICE = 'flow:her2-stratified';

export const STRATIFIED_LABEL = 'HER2 status, stratified (positive/negative, then low/zero)';

/**
 * The two models of seed 002's stratified reading among the installed ones, or null when one is missing (the select
 * then does not offer it). The server applies the same rule to the request (server/src/analysis/stratified-flow.ts).
 */
export function stratifiedChoice(models: ModelSummary[]): { first: ModelSummary; second: ModelSummary } | null {
  const first = models.find((m) => m.question === 'her2-positive-vs-negative');
  const second = models.find((m) => m.question === 'her2-low-vs-zero');
  return first && second ? { first, second } : null;
}
