// The numbers behind the kinetic curve chart: the axes and where each phase's point lies. Kept apart from the SVG
// so that "every point is a measured phase, placed on its time and signal" can be tested directly.
import type { KineticCurve } from '../kinetics/kinetics-result';

export interface Tick {
  at: number;
  label: string;
}

export interface CurvePoint {
  timeS: number;
  signal: number;
  x: number;
  y: number;
}

export interface CurveChart {
  /** The plot area in the chart's own coordinates. */
  plot: { left: number; right: number; top: number; bottom: number };
  timeDomain: [number, number];
  signalDomain: [number, number];
  timeTicks: Tick[];
  signalTicks: Tick[];
  mean: CurvePoint[];
  hotspot: CurvePoint[];
}

/** Ticks at 1, 2 or 5 times a power of ten, about `target` of them across [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 5): Tick[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const magnitude = 10 ** Math.floor(Math.log10(span / target));
  const step = [1, 2, 5, 10]
    .map((m) => m * magnitude)
    .reduce((best, st) => (Math.abs(span / st - target) < Math.abs(span / best - target) ? st : best));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: Tick[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    const at = k * step || 0; // no −0
    ticks.push({ at, label: at.toFixed(decimals).replace('-', '−') });
  }
  return ticks;
}

/** Why a curve cannot be drawn, or null when it can: the server's arrays must pair up, be finite and hold ≥ 2 phases. */
export function curveProblem(curve: KineticCurve): string | null {
  const { timeS, meanSignal, hotspotSignal } = curve;
  if (timeS.length < 2) return 'The curve has fewer than two phases.';
  if (meanSignal.length !== timeS.length || hotspotSignal.length !== timeS.length)
    return 'The curve has a different number of times and signals.';
  if (![...timeS, ...meanSignal, ...hotspotSignal].every(Number.isFinite)) return 'The curve holds a missing value.';
  return null;
}

/**
 * Places the curve in a `width`×`height` chart with `margin` room for the axes (left, bottom). The signal axis
 * starts at zero (signal intensities are positive, and a zero-based axis keeps relative enhancement readable);
 * both axes end at a tick beyond the largest value.
 */
export function curveChart(
  curve: KineticCurve,
  width: number,
  height: number,
  margin: { left: number; bottom: number; top: number; right: number },
): CurveChart {
  const problem = curveProblem(curve);
  if (problem) throw new Error(problem);
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const tLo = Math.min(0, ...curve.timeS);
  const tHi = Math.max(...curve.timeS);
  const sLo = Math.min(0, ...curve.meanSignal, ...curve.hotspotSignal);
  const sHi = Math.max(...curve.meanSignal, ...curve.hotspotSignal);
  const timeTicks = niceTicks(tLo, tHi);
  const signalTicks = niceTicks(sLo, sHi, 4);
  const timeDomain: [number, number] = [
    Math.min(tLo, timeTicks[0]!.at),
    Math.max(tHi, timeTicks[timeTicks.length - 1]!.at),
  ];
  const signalDomain: [number, number] = [
    Math.min(sLo, signalTicks[0]!.at),
    Math.max(sHi, signalTicks[signalTicks.length - 1]!.at),
  ];
  const x = (t: number) =>
    plot.left + ((t - timeDomain[0]) / (timeDomain[1] - timeDomain[0] || 1)) * (plot.right - plot.left);
  const y = (v: number) =>
    plot.bottom - ((v - signalDomain[0]) / (signalDomain[1] - signalDomain[0] || 1)) * (plot.bottom - plot.top);
  const points = (signal: number[]) =>
    curve.timeS.map((t, i) => ({ timeS: t, signal: signal[i]!, x: x(t), y: y(signal[i]!) }));
  return {
    plot,
    timeDomain,
    signalDomain,
    timeTicks: timeTicks.map((t) => ({ ...t, at: x(t.at) })),
    signalTicks: signalTicks.map((t) => ({ ...t, at: y(t.at) })),
    mean: points(curve.meanSignal),
    hotspot: points(curve.hotspotSignal),
  };
}
