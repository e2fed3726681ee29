// The numbers behind the SHAP waterfall: which bars, where each starts and ends on the model-output axis, and the
// axis itself. Kept apart from the SVG so that "the bars add up from base to value" can be tested directly.
import type { Explanation } from '@heron/server/contract';

type ShapSpace = Explanation['space'];

interface Step {
  shap: number;
  /** Model output before this bar's contribution. */
  start: number;
  /** start + shap. */
  end: number;
}

/** One model input's bar, or the remaining inputs summed in one. */
export type WaterfallBar =
  | (Step & { kind: 'input'; input: string; inputValue: number; outOfRange?: string })
  | (Step & { kind: 'rest'; count: number });

export interface AxisTick {
  at: number;
  label: string;
}

export interface Waterfall {
  space: ShapSpace;
  base: number;
  value: number;
  /**
   * Top to bottom as drawn, Python shap's order: the largest contribution first, ending at the model output; the
   * summed rest last, starting at the base. Each bar's start is the end of the bar below it.
   */
  bars: WaterfallBar[];
  domain: [number, number];
  ticks: AxisTick[];
}

// Room on either side of the outermost bar end, as a share of the span, so that value labels fit.
const DOMAIN_PADDING = 0.08;
const TARGET_TICKS = 5;

/** Tick positions at 1, 2 or 5 times a power of ten, labelled with as many decimals as the step needs. */
export function axisTicks(lo: number, hi: number, space: ShapSpace): AxisTick[] {
  const span = hi - lo;
  const magnitude = 10 ** Math.floor(Math.log10(span / TARGET_TICKS));
  const steps = [1, 2, 5, 10].map((m) => m * magnitude);
  const step = steps.reduce((best, st) =>
    Math.abs(span / st - TARGET_TICKS) < Math.abs(span / best - TARGET_TICKS) ? st : best,
  );
  // Percentages move the decimal point two places.
  const shown = space === 'probability' ? step * 100 : step;
  const decimals = Math.max(0, -Math.floor(Math.log10(shown) + 1e-9));
  const ticks: AxisTick[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) {
    const at = k * step || 0; // no −0
    const number = (space === 'probability' ? at * 100 : at).toFixed(decimals).replace('-', '−');
    ticks.push({ at, label: space === 'probability' ? `${number}%` : number });
  }
  return ticks;
}

/** The waterfall of `explanation`: the `topN` largest contributions by |shap|, the rest summed in one bar. */
export function waterfall(explanation: Explanation, topN: number): Waterfall {
  const ranked = [...explanation.contributions].sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap));
  // A "1 other input" bar would hide a name for nothing: show that input itself.
  const shown = ranked.length - topN === 1 ? ranked : ranked.slice(0, topN);
  const rest = ranked.slice(shown.length);

  // Walk up from the base: the rest first, then the shown inputs from smallest to largest.
  const upward: WaterfallBar[] = [];
  let at = explanation.base;
  if (rest.length) {
    const shap = rest.reduce((s, c) => s + c.shap, 0);
    upward.push({ kind: 'rest', count: rest.length, shap, start: at, end: at + shap });
    at += shap;
  }
  for (const c of [...shown].reverse()) {
    upward.push({
      kind: 'input',
      input: c.input,
      inputValue: c.value,
      outOfRange: c.outOfRange,
      shap: c.shap,
      start: at,
      end: at + c.shap,
    });
    at += c.shap;
  }

  const ends = [explanation.base, explanation.value, ...upward.map((b) => b.end)];
  let lo = Math.min(...ends);
  let hi = Math.max(...ends);
  const span = hi - lo || (explanation.space === 'probability' ? 0.1 : 1);
  lo -= span * DOMAIN_PADDING;
  hi += span * DOMAIN_PADDING;
  return {
    space: explanation.space,
    base: explanation.base,
    value: explanation.value,
    bars: upward.reverse(),
    domain: [lo, hi],
    ticks: axisTicks(lo, hi, explanation.space),
  };
}

/** Breaks `text` at spaces into lines of at most `maxChars` (a longer word gets a line of its own). */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
