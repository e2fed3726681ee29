// lowess against R's `lowess` (models/fixtures/r/lowess.json, written by models/fixtures/make-lowess-fixture.R):
// R's defaults and iter = 0, ties, outliers, a small span without delta, and the calibration curve rms::calibrate
// reads from a lowess of binary outcomes on predicted probabilities (approx, first of tied x).
import { expectClose, rFixture } from '../testing/r-fixtures';
import { interpolate, lowess } from './lowess';

interface Case {
  name: string;
  f: number;
  iter: number;
  delta: number;
  xIn: number[];
  yIn: number[];
  x: number[];
  y: number[];
  at?: number[];
  approx?: number[];
}

const { cases } = rFixture<{ cases: Case[] }>('lowess.json');

describe("lowess as R's lowess", () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: within 1e-9', (_, c) => {
    const s = lowess(c.xIn, c.yIn, { f: c.f, iter: c.iter, delta: c.delta });
    expect(Array.from(s.x)).toEqual(c.x);
    c.y.forEach((v, i) => expectClose(s.y[i], v, 1e-9));
    if (c.at && c.approx) {
      const cal = interpolate(s, c.at);
      c.approx.forEach((v, i) => expectClose(cal[i], v, 1e-9));
    }
  });

  it("uses R's defaults (f = 2/3, iter = 3, delta = 1 % of the x range) when none are given", () => {
    const c = cases.find((k) => k.name === "cars, R's defaults")!;
    const s = lowess(c.xIn, c.yIn);
    c.y.forEach((v, i) => expectClose(s.y[i], v, 1e-9));
  });

  it('refuses mismatched lengths, non-finite values and a bad span or iteration count', () => {
    expect(() => lowess([1, 2], [1])).toThrow(/2 x values but 1 y values/);
    expect(() => lowess([1, NaN], [1, 2])).toThrow(/finite/);
    expect(() => lowess([1, 2], [1, 2], { f: 0 })).toThrow(/span/);
    expect(() => lowess([1, 2], [1, 2], { iter: 1.5 })).toThrow(/iter/);
  });

  it('interpolates NaN outside the range and the first value of tied x', () => {
    const s = { x: Float64Array.of(0, 1, 1, 2), y: Float64Array.of(0, 10, 20, 30) };
    expect(Array.from(interpolate(s, [-1, 0.5, 1, 1.5, 2, 3]))).toEqual([NaN, 5, 10, 20, 30, NaN]);
  });
});
