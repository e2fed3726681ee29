// The nomogram's scales against rms 6.5-0's nomogram() of lrm(diabetes ~ glucose + mass + age) on mlbench's Pima
// data (models/fixtures/r/nomogram.json, written by make-r-fixtures.R), and its defining property: the probability
// read off the total points is the model's probability.
import { expit } from './descriptive';
import { expectClose, rFixture } from '../testing/r-fixtures';
import { niceTicks, nomogram, pointsOf } from './nomogram';

interface NomogramFixture {
  coefficients: Record<string, number>;
  pointsPerLp: number;
  variables: Record<string, { values: number[]; points: number[] }>;
  probability: { p: number[]; points: number[] };
}

describe('nomogram', () => {
  const f = rFixture<NomogramFixture>('nomogram.json');
  const names = Object.keys(f.variables);
  // rms draws each axis over its tick range; give the same axes.
  const inputs = names.map((name) => ({
    name,
    coefficient: f.coefficients[name],
    range: [f.variables[name].values[0], f.variables[name].values.at(-1)!] as [number, number],
  }));
  const nomo = nomogram(f.coefficients.Intercept, inputs, {
    probabilities: f.probability.p,
    ticks: Object.fromEntries(names.map((n) => [n, f.variables[n].values])),
  });

  it('gives every tick the points of rms::nomogram and maps probabilities to the same total points', () => {
    expectClose(nomo.pointsPerLp, f.pointsPerLp, 1e-12, true);
    nomo.variables.forEach((v) =>
      v.ticks.forEach((t, k) => expectClose(t.points, f.variables[v.name].points[k], 1e-9)),
    );
    expect(nomo.probability.map((t) => t.p)).toEqual(f.probability.p);
    // rms places probability ticks by interpolating over a grid of the linear predictor; Heron inverts the
    // logistic function exactly, so the two agree to that interpolation (1.3e-4 points measured).
    nomo.probability.forEach((t, k) => expectClose(t.points, f.probability.points[k], 1e-3));
  });

  it('reads back the model probability from the total points of any case, negative coefficients included', () => {
    const model = nomogram(0.4, [
      { name: 'Rad-score', coefficient: 1.3, range: [-3, 2.5] },
      { name: 'ki67_high', coefficient: -0.7, range: [0, 1] },
      { name: 'age', coefficient: 0.02, range: [30, 80] },
    ]);
    const cases = [
      [-3, 0, 30],
      [0.2, 1, 55],
      [2.5, 1, 80],
    ];
    for (const x of cases) {
      const total = model.variables.reduce(
        (s, v, j) => s + pointsOf({ ...v, coefficient: [1.3, -0.7, 0.02][j] }, model.pointsPerLp, x[j]),
        0,
      );
      const lp = 0.4 + 1.3 * x[0] - 0.7 * x[1] + 0.02 * x[2];
      expectClose(expit(model.lpAtZero + total / model.pointsPerLp), expit(lp), 1e-12);
    }
    // The widest effect spans exactly 0-100; a negative coefficient gives its highest value 0 points.
    expect(model.variables[0].ticks[0].points).toBe(0);
    expectClose(model.variables[0].ticks.at(-1)!.points, 100, 1e-12);
    expect(model.variables[1].ticks.at(-1)!.points).toBe(0);
    expect(() => nomogram(0, [{ name: 'x', coefficient: 0, range: [0, 1] }])).toThrow(/every coefficient is 0/);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-2.37, 1.91)).toEqual([-2.37, -1, 0, 1, 1.91]);
    expect(niceTicks(-3.2, 2.7)).toEqual([-3.2, -2, -1, 0, 1, 2, 2.7]);
    expect(niceTicks(0, 1, 1)).toEqual([0, 1]);
    expect(model.variables[1].ticks.map((t) => t.value)).toEqual([0, 1]);
  });
});
