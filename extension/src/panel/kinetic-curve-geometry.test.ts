import { curveChart, curveProblem, niceTicks } from './kinetic-curve-geometry';

const curve = {
  timeS: [-90, 0, 60, 120, 180, 240, 300],
  meanSignal: [200, 210, 420, 470, 455, 440, 430],
  hotspotSignal: [205, 215, 520, 560, 530, 500, 480],
};
const margin = { left: 40, right: 10, top: 10, bottom: 30 };

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 300).map((t) => t.at)).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(niceTicks(-90, 300).map((t) => t.label)).toEqual(['0', '100', '200', '300']);
    expect(niceTicks(-100, 20).map((t) => t.label)).toEqual(['−100', '−80', '−60', '−40', '−20', '0', '20']);
    expect(niceTicks(0, 1.3, 4).map((t) => t.label)).toEqual(['0.0', '0.5', '1.0']);
  });
});

describe('curveChart', () => {
  const chart = curveChart(curve, 300, 160, margin);

  it('places every phase at its time and signal, earlier phases to the left, more signal higher', () => {
    expect(chart.mean).toHaveLength(7);
    expect(chart.mean.map((p) => p.timeS)).toEqual(curve.timeS);
    for (let i = 1; i < 7; i++) expect(chart.mean[i]!.x).toBeGreaterThan(chart.mean[i - 1]!.x);
    expect(chart.mean[2]!.y).toBeLessThan(chart.mean[0]!.y);
    // The hotspot enhances more than the mean: drawn above it after injection.
    expect(chart.hotspot[3]!.y).toBeLessThan(chart.mean[3]!.y);
  });

  it('keeps every point inside the plot, with axes from zero signal to a tick beyond the largest', () => {
    for (const p of [...chart.mean, ...chart.hotspot]) {
      expect(p.x).toBeGreaterThanOrEqual(chart.plot.left);
      expect(p.x).toBeLessThanOrEqual(chart.plot.right);
      expect(p.y).toBeGreaterThanOrEqual(chart.plot.top);
      expect(p.y).toBeLessThanOrEqual(chart.plot.bottom);
    }
    expect(chart.signalDomain[0]).toBe(0);
    expect(chart.signalDomain[1]).toBeGreaterThanOrEqual(560);
    expect(chart.timeDomain[0]).toBeLessThanOrEqual(-90);
    // Zero signal lies on the time axis.
    const zero = chart.signalTicks.find((t) => t.label === '0')!;
    expect(zero.at).toBeCloseTo(chart.plot.bottom);
  });

  it('refuses curves it cannot draw honestly', () => {
    expect(curveProblem({ timeS: [0], meanSignal: [1], hotspotSignal: [1] })).toMatch(/fewer than two/);
    expect(curveProblem({ timeS: [0, 60], meanSignal: [1], hotspotSignal: [1, 2] })).toMatch(/different number/);
    expect(curveProblem({ timeS: [0, 60], meanSignal: [1, NaN], hotspotSignal: [1, 2] })).toMatch(/missing/);
    expect(curveProblem(curve)).toBeNull();
    expect(() => curveChart({ timeS: [0], meanSignal: [1], hotspotSignal: [1] }, 300, 160, margin)).toThrow();
  });
});
