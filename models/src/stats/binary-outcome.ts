// Validation shared by every statistic that scores predictions against a binary outcome.

/** Scores split by outcome: `cases` (label 1) and `controls` (label 0). */
export interface SplitScores {
  cases: number[];
  controls: number[];
}

/** Checks that labels are 0/1, scores are finite and the arrays match; throws a message a user understands. */
export function assertBinaryOutcome(scores: ArrayLike<number>, labels: ArrayLike<number>, what = 'scores'): void {
  if (scores.length !== labels.length) {
    throw new Error(`${what}: ${scores.length} values but ${labels.length} labels`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new Error(`labels must be 0 or 1; row ${i + 1} has ${labels[i]}`);
    if (!Number.isFinite(scores[i])) throw new Error(`${what}: row ${i + 1} is ${scores[i]}, not a finite number`);
  }
}

/** Splits scores by outcome, requiring at least one case and one control. */
export function splitByOutcome(scores: ArrayLike<number>, labels: ArrayLike<number>, what = 'scores'): SplitScores {
  assertBinaryOutcome(scores, labels, what);
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? cases : controls).push(scores[i]);
  if (cases.length === 0 || controls.length === 0) {
    throw new Error(`${what}: the outcome needs both classes (${cases.length} positive, ${controls.length} negative)`);
  }
  return { cases, controls };
}
