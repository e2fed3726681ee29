// The stratified HER2 reading of seed 002 as one action: first HER2-positive vs HER2-negative; when the first model
// calls the tumour negative, HER2-low vs HER2-zero among HER2-negative tumours. The second answer is conditional on
// the first (seed 002's own caveat: a first-stage error carries into the second), so both are always returned and
// shown together, and the second is never run on a tumour the first called positive.
import type { ModelSummary } from '../contract';

export interface StageAnswer {
  modelId: string;
  probability: number;
  /** At the model's threshold: true means the positive class (HER2-positive; HER2-low). */
  positive: boolean;
}

export interface StratifiedAnswer {
  first: StageAnswer;
  /** Null when the first stage called the tumour HER2-positive; `skipped` says why in words. */
  second: StageAnswer | null;
  skipped?: string;
}

/** The two models of the flow among the installed ones, or a message naming what is missing. */
export function stratifiedModels(models: ModelSummary[]): { first: string; second: string } {
  const first = models.find((m) => m.question === 'her2-positive-vs-negative');
  const second = models.find((m) => m.question === 'her2-low-vs-zero');
  const missing = [...(first ? [] : ['HER2-positive vs negative']), ...(second ? [] : ['HER2-low vs HER2-zero'])];
  if (missing.length)
    throw new Error(`The stratified HER2 reading needs a model for ${missing.join(' and ')}; none is installed.`);
  return { first: first!.id, second: second!.id };
}

/** Runs the flow with `analyse` (one model on the study); the second stage only after a negative first answer. */
export async function stratifiedHer2(
  models: ModelSummary[],
  analyse: (modelId: string) => Promise<StageAnswer>,
): Promise<StratifiedAnswer> {
  const ids = stratifiedModels(models);
  const first = await analyse(ids.first);
  if (first.positive)
    return {
      first,
      second: null,
      skipped:
        'HER2-low vs HER2-zero applies only to HER2-negative tumours; the first model called this one HER2-positive.',
    };
  return { first, second: await analyse(ids.second) };
}
