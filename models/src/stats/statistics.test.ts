import { calibration } from './calibration';
import { decisionCurve } from './decision-curve';
import { expit } from './descriptive';
import { generalizationDecay } from './generalization';
import { fitLogistic } from './logistic-fit';
import { mannWhitney } from './mann-whitney';
import { erfc, normalCdf, normalQuantile } from './normal';
import { metricsAt, youdenThreshold } from './threshold';

describe('normal distribution', () => {
  it('matches tabulated values (Abramowitz & Stegun, table 7.1 / 26.1)', () => {
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 15);
    expect(erfc(3.5) / 7.43098372341412e-7).toBeCloseTo(1, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
  });
});

describe('Mann-Whitney U', () => {
  it('reproduces the scipy.stats.mannwhitneyu documentation example (asymptotic, continuity corrected)', () => {
    const males = [19, 22, 16, 29, 24];
    const females = [20, 11, 17, 12];
    const r = mannWhitney([...males, ...females], [1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(r.u).toBe(17);
    expect(r.p).toBeCloseTo(0.11134688653314041, 12);
  });
  it('handles ties by mid-ranks', () => {
    const r = mannWhitney([1, 1, 2, 2, 3, 3], [0, 1, 0, 1, 0, 1]);
    expect(r.u).toBe(4.5);
    expect(r.p).toBe(1);
  });
});

describe('calibration (hand-computed two-group case)', () => {
  // Predictions logit -1 for four patients (one positive) and +1 for four (three positive): the observed log-odds
  // are -ln 3 and +ln 3, so the recalibration slope is ln 3 and, by symmetry, the intercept is 0.
  const p = [-1, -1, -1, -1, 1, 1, 1, 1].map(expit);
  const y = [1, 0, 0, 0, 1, 1, 1, 0];
  const c = calibration(p, y, 2);
  it('gives intercept 0 and slope ln 3', () => {
    expect(c.intercept).toBeCloseTo(0, 12);
    expect(c.slope).toBeCloseTo(Math.log(3), 12);
  });
  it('gives the Brier score', () => {
    const q = expit(-1);
    expect(c.brier).toBeCloseTo((3 * q * q + (1 - q) ** 2) / 4, 15);
  });
  it('bins the reliability curve', () => {
    expect(c.bins).toEqual([
      { lower: 0, upper: 0.5, count: 4, meanPredicted: expit(-1), observed: 0.25 },
      { lower: 0.5, upper: 1, count: 4, meanPredicted: expit(1), observed: 0.75 },
    ]);
  });
  it('refuses probabilities outside [0, 1]', () => {
    expect(() => calibration([1.2, 0.1], [1, 0])).toThrow(/outside \[0, 1\]/);
  });
});

describe('logistic regression by Newton-Raphson', () => {
  it('satisfies the score equations X^T (y - p) = 0', () => {
    const x = [0.5, 1.2, -0.3, 2.2, 0.1, -1.4, 0.9, 1.7, -0.8, 0.3];
    const y = [0, 1, 0, 1, 1, 0, 0, 1, 0, 1];
    const [b0, b1] = fitLogistic([x], y).coefficients;
    let s0 = 0;
    let s1 = 0;
    x.forEach((xi, i) => {
      const r = y[i] - expit(b0 + b1 * xi);
      s0 += r;
      s1 += r * xi;
    });
    expect(Math.abs(s0)).toBeLessThan(1e-12);
    expect(Math.abs(s1)).toBeLessThan(1e-12);
  });
});

describe('decision curve (hand-computed)', () => {
  it('gives TP/n - FP/n * pt/(1-pt) and treat-all', () => {
    const [pt] = decisionCurve([0.9, 0.7, 0.4, 0.2, 0.1], [1, 0, 1, 0, 0], [0.3]);
    expect(pt.model).toBeCloseTo(2 / 5 - (1 / 5) * (0.3 / 0.7), 15);
    expect(pt.treatAll).toBeCloseTo(0.4 - 0.6 * (0.3 / 0.7), 15);
    expect(pt.treatNone).toBe(0);
  });
});

describe('Youden threshold', () => {
  it('picks the lowest score with the highest J', () => {
    const m = youdenThreshold([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 0, 1, 0, 1, 1]);
    expect(m.threshold).toBe(0.3);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([3, 1, 2, 0]);
    expect(m.accuracy).toBeCloseTo(5 / 6, 15);
    expect(m.f1).toBeCloseTo(6 / 7, 15);
    expect(metricsAt([0.1, 0.9], [0, 1], 0.5).sensitivity).toBe(1);
  });
});

describe('generalization decay index (seed 002 zones)', () => {
  it('classifies 15 % as safe, 17.5 % as warning and 20 % as high risk', () => {
    expect(generalizationDecay(0.8, 0.68)).toEqual({ gdi: expect.closeTo(0.15, 12), zone: 'safe' });
    expect(generalizationDecay(0.8, 0.66).zone).toBe('warning');
    expect(generalizationDecay(0.8, 0.64).zone).toBe('high-risk');
    expect(generalizationDecay(0.8, 0.85).gdi).toBeCloseTo(-0.0625, 15);
  });
});
