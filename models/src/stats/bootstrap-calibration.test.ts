// Invariants of Harrell's optimism correction (rms::calibrate's bootstrap draws come from R's random number
// generator, which Heron does not reproduce), and the apparent curve as rms::calibrate draws it, within 1e-9 of R
// (lowess with iter = 0 read by approx; models/fixtures/r/lowess.json).
import { expectClose, rFixture } from '../testing/r-fixtures';
import { bootstrapCalibration } from './bootstrap-calibration';
import { interpolate, lowess } from './lowess';
import { expit } from './descriptive';
import { fitLogistic } from './logistic-fit';
import { gaussian, mulberry32 } from '../train/random';

function data(n: number, noise: number, seed: number) {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const signal = Float64Array.from({ length: n }, () => normal());
  const noiseCols = Array.from({ length: noise }, () => Float64Array.from({ length: n }, () => normal()));
  const y = Array.from(signal, (s) => (random() < expit(0.8 * s) ? 1 : 0));
  return { columns: [signal, ...noiseCols], y };
}

/** Maximum-likelihood logistic regression refitted on the rows, predicting every original case. */
const logisticFit = (columns: Float64Array[], y: number[]) => (rows: Int32Array) => {
  const beta = fitLogistic(
    columns.map((c) => Float64Array.from(rows, (i) => c[i])),
    Float64Array.from(rows, (i) => y[i]),
  ).coefficients;
  return (i: number) => expit(beta[0] + columns.reduce((s, c, j) => s + beta[j + 1] * c[i], 0));
};

describe('bootstrap optimism-corrected calibration', () => {
  it('finds the apparent calibration of a maximum-likelihood fit perfect, and corrects it downwards when it overfits', () => {
    const { columns, y } = data(120, 15, 7);
    const cal = bootstrapCalibration(y, logisticFit(columns, y), { B: 200, seed: 1 });
    // The score equations of a logistic fit with an intercept make its own recalibration the identity.
    expect(cal.apparentIntercept).toBeCloseTo(0, 8);
    expect(cal.apparentSlope).toBeCloseTo(1, 8);
    // The apparent curve is the lowess of the outcomes on the fit's own predictions (iter = 0), read at the grid.
    const p = logisticFit(columns, y)(Int32Array.from(y, (_, i) => i));
    const smooth = interpolate(
      lowess(
        Array.from(y, (_, i) => p(i)),
        y,
        { iter: 0 },
      ),
      cal.grid,
    );
    cal.grid.forEach((_, k) => expect(cal.apparent[k]).toBeCloseTo(Math.min(1, Math.max(0, smooth[k])), 12));
    // Sixteen covariates on 120 cases overfit: predictions are too extreme, the corrected slope well below 1.
    expect(cal.correctedSlope).toBeLessThan(0.85);
    expect(cal.B + cal.failed).toBe(200);
    // The corrected curve is flatter than the apparent one: lower at high predictions, higher at low ones.
    expect(cal.corrected.at(-1)!).toBeLessThan(cal.apparent.at(-1)!);
    expect(cal.corrected[0]).toBeGreaterThan(cal.apparent[0]);
  });

  it('corrects a one-covariate fit on many cases hardly at all, and finds no optimism in a fixed model', () => {
    const { columns, y } = data(1000, 0, 3);
    const cal = bootstrapCalibration(y, logisticFit(columns, y), { B: 200, seed: 2 });
    expect(Math.abs(cal.correctedSlope - 1)).toBeLessThan(0.03);
    // A model that does not learn from its rows has nothing to be optimistic about: only resampling noise is left
    // (each sample's recalibration differs from the original's, but not in one direction).
    const fixed = bootstrapCalibration(y, () => (i) => expit(0.5 * columns[0][i]), { B: 200, seed: 2 });
    expect(Math.abs(fixed.correctedSlope - fixed.apparentSlope)).toBeLessThan(0.01);
    fixed.corrected.forEach((v, k) => expect(Math.abs(v - fixed.apparent[k])).toBeLessThan(0.01));
  });

  it("draws the apparent curve as rms::calibrate does: R's lowess (iter = 0) and approx within 1e-9", () => {
    const f = rFixture<{ cases: { name: string; xIn: number[]; yIn: number[]; at: number[]; approx: number[] }[] }>(
      'lowess.json',
    ).cases.find((c) => c.name.startsWith('pima calibration'))!;
    // R's fitted probabilities as a model that does not learn from its rows.
    const cal = bootstrapCalibration(f.yIn, () => (i) => f.xIn[i], { B: 20, seed: 3, grid: f.at });
    expect(cal.grid).toEqual(f.at);
    f.approx.forEach((v, k) => expectClose(cal.apparent[k], v, 1e-9));
  });

  it('is reproducible for a seed and refuses B < 1', () => {
    const { columns, y } = data(150, 3, 11);
    const a = bootstrapCalibration(y, logisticFit(columns, y), { B: 30, seed: 5 });
    const b = bootstrapCalibration(y, logisticFit(columns, y), { B: 30, seed: 5 });
    expect(a).toEqual(b);
    expect(() => bootstrapCalibration(y, logisticFit(columns, y), { B: 0, seed: 5 })).toThrow(/>= 1/);
  });
});
