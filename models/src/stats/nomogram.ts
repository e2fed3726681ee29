// The points scales of a logistic-model nomogram, as rms::nomogram draws them (Harrell, Regression Modeling
// Strategies, 2nd ed., 2015, section 10.5; Iasonos A et al., How to build and interpret a nomogram for cancer
// prognosis, J Clin Oncol 2008;26:1364-1370): the variable whose effect b·x spans the widest range over its axis gets
// 0-100 points; every other variable gets points in proportion, b·x minus its smallest value on the axis; the total
// points map back to the linear predictor, and through the logistic function to a probability.
import { logit } from './descriptive';

export interface NomogramInput {
  name: string;
  coefficient: number;
  /** The axis drawn for the variable (e.g. its training range). */
  range: [number, number];
}

export interface Nomogram {
  /** Points per unit of the linear predictor. */
  pointsPerLp: number;
  variables: {
    name: string;
    range: [number, number];
    /** Tick values on the variable's axis with their points. */
    ticks: { value: number; points: number }[];
  }[];
  /** The linear predictor at 0 total points (intercept + each variable's smallest b·x). */
  lpAtZero: number;
  /** The largest total: every variable at its highest-points end. */
  maxTotal: number;
  /** Total points of each probability tick that falls within 0 … maxTotal. */
  probability: { p: number; points: number }[];
}

/** Round tick values (1, 2 or 5 × 10^k apart) covering [lo, hi], ends included. */
export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks = [lo];
  // Interior ticks closer than half a step to an end would print over the end's label.
  for (let v = Math.ceil(lo / step) * step; v < hi; v += step) {
    const rounded = Number(v.toPrecision(12));
    if (rounded >= lo + step / 2 && rounded <= hi - step / 2) ticks.push(rounded);
  }
  ticks.push(hi);
  return ticks;
}

/** Points of `value` on a variable's scale. */
export function pointsOf(input: NomogramInput, pointsPerLp: number, value: number): number {
  const low = Math.min(input.coefficient * input.range[0], input.coefficient * input.range[1]);
  return (input.coefficient * value - low) * pointsPerLp;
}

export function nomogram(
  intercept: number,
  inputs: NomogramInput[],
  options: { probabilities?: number[]; ticks?: Record<string, number[]> } = {},
): Nomogram {
  if (inputs.length === 0) throw new Error('a nomogram needs at least one variable');
  for (const v of inputs)
    if (!(v.range[1] > v.range[0]) || !Number.isFinite(v.coefficient))
      throw new Error(`nomogram: variable '${v.name}' needs a finite coefficient and a range with max > min`);
  const spans = inputs.map((v) => Math.abs(v.coefficient) * (v.range[1] - v.range[0]));
  const widest = Math.max(...spans);
  if (widest === 0) throw new Error('nomogram: every coefficient is 0, so no variable changes the prediction');
  const pointsPerLp = 100 / widest;
  const lpAtZero =
    intercept + inputs.reduce((s, v) => s + Math.min(v.coefficient * v.range[0], v.coefficient * v.range[1]), 0);
  const maxTotal = spans.reduce((s, w) => s + w * pointsPerLp, 0);
  const probabilities = options.probabilities ?? [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];
  return {
    pointsPerLp,
    variables: inputs.map((v) => ({
      name: v.name,
      range: v.range,
      // Fewer ticks on shorter axes (a binary input spanning 20 points gets only its ends).
      ticks: (
        options.ticks?.[v.name] ??
        niceTicks(
          v.range[0],
          v.range[1],
          Math.max(1, Math.round((6 * Math.abs(v.coefficient) * (v.range[1] - v.range[0])) / widest)),
        )
      ).map((value) => ({
        value,
        points: pointsOf(v, pointsPerLp, value),
      })),
    })),
    lpAtZero,
    maxTotal,
    probability: probabilities
      .map((p) => ({ p, points: (logit(p) - lpAtZero) * pointsPerLp }))
      .filter((t) => t.points >= 0 && t.points <= maxTotal),
  };
}
