// Risk groups by median and optimal cut-off, against R's maxstat 0.7-25 (maxstat.test, smethod = "LogRank",
// pmethod = "Lau92") and survdiff on the public lung and veteran data; expected values in
// models/fixtures/r/maxstat.json, written by make-r-fixtures.R.
import { expectClose, rFixture, rTable } from '../testing/r-fixtures';
import { lausenSchumacherP, maxSelectedLogRank, riskGroups } from './risk-groups';
import { survivalData } from './survival-data';

interface MaxstatCase {
  file: string;
  score: string;
  minprop: number;
  statistic: number;
  cutoff: number;
  p: number;
  cuts: number[];
  stats: number[];
  logrank: { chisq: number; p: number };
  median: { cutoff: number; chisq: number };
}

describe.each(rFixture<MaxstatCase[]>('maxstat.json'))('$score on $file (minprop $minprop) as maxstat', (c) => {
  const t = rTable(c.file);
  const data = survivalData(t.time, t.status);
  const score = t[c.score];

  it('searches the same cut-offs, with the same standardised statistics, maximum and Lausen-Schumacher p', () => {
    const m = maxSelectedLogRank(data, score, c.minprop);
    expect(m.cuts).toEqual(c.cuts);
    m.stats.forEach((s, k) => expectClose(s, c.stats[k], 1e-9, true));
    expect(m.cutoff).toBe(c.cutoff);
    expectClose(m.statistic, c.statistic, 1e-9, true);
    expectClose(m.p, Math.min(1, c.p), 1e-9, true);
  });

  it('splits at the optimal cut-off and at the median with the log-rank of survdiff, and says which p to trust', () => {
    const opt = riskGroups(data, score, { cutoff: 'optimal', minProp: c.minprop });
    expect(opt.cutoff).toBe(c.cutoff);
    expectClose(opt.logrank.chisq, c.logrank.chisq, 1e-6, true);
    expectClose(opt.logrank.p, c.logrank.p, 1e-9, true);
    expect(opt.n.low + opt.n.high).toBe(score.length);
    expect(opt.note).toMatch(/optimistic; the p-value that accounts for the search is Lausen & Schumacher/);
    // The adjusted p is never smaller than the naive one: the search only adds chances.
    expect(opt.optimal!.p).toBeGreaterThanOrEqual(opt.logrank.p);
    const med = riskGroups(data, score, { cutoff: 'median' });
    expect(med.cutoff).toBe(c.median.cutoff);
    expectClose(med.logrank.chisq, c.median.chisq, 1e-6, true);
    expect(med.optimal).toBeUndefined();
    expect(med.km.low.time.length + med.km.high.time.length).toBeGreaterThan(0);
  });
});

describe('risk groups: edge cases', () => {
  const data = survivalData([1, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 1]);

  it('refuses a score that cannot be split, a non-finite score and a bad group share', () => {
    expect(() => riskGroups(data, [1, 1, 1, 1, 1, 1], { cutoff: 'median' })).toThrow(/does not split the cases/);
    expect(() => riskGroups(data, [1, 2, NaN, 4, 5, 6], { cutoff: 'median' })).toThrow(/case 3 is not a number/);
    expect(() => maxSelectedLogRank(data, [1, 2, 3, 4, 5, 6], 0.6)).toThrow(/must be in \(0, 0.5\)/);
    expect(() => maxSelectedLogRank(data, [1, 1, 1, 1, 1, 1], 0.1)).toThrow(/no cut-off of the score/);
  });

  it('caps the Lausen-Schumacher approximation at 1 and gives 1 below b = 1', () => {
    expect(lausenSchumacherP(0.5, 0.1, 0.9)).toBe(1);
    // With a wide search the approximation exceeds 1 just above b = 1 (R's maxstat returns it uncapped).
    expect(lausenSchumacherP(1.2, 0.01, 0.99)).toBe(1);
    expect(lausenSchumacherP(4, 0.1, 0.9)).toBeLessThan(0.01);
  });
});
