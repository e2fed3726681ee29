// Warnings for a case's inputs outside what the model was trained on, shared by classifiers (explain.ts) and survival
// packages (survival-case.ts): a model extrapolates there, and the reader should know which input it is.
import type { Manifest } from './manifest';

export interface RangeWarning {
  input: string;
  value: number;
  /** 'outside-range': beyond the training min/max; 'extreme': beyond the 1st/99th percentile. */
  kind: 'outside-range' | 'extreme';
  message: string;
}

export function rangeWarnings(inputs: Manifest['inputs'], x: ArrayLike<number>): RangeWarning[] {
  const warnings: RangeWarning[] = [];
  inputs.forEach((input, j) => {
    const v = x[j];
    const s = input.training;
    if (v < s.min || v > s.max) {
      warnings.push({
        input: input.name,
        value: v,
        kind: 'outside-range',
        message: `${input.name} = ${v} is outside the training range ${s.min} to ${s.max}`,
      });
    } else if (v < s.quantiles.p01 || v > s.quantiles.p99) {
      warnings.push({
        input: input.name,
        value: v,
        kind: 'extreme',
        message: `${input.name} = ${v} is beyond the 1st-99th percentile of the training cases`,
      });
    }
  });
  return warnings;
}
