// Published worked example: the aSAH data set (Turck et al. 2010) as analysed in the pROC paper (Robin X et al.,
// pROC: an open-source package for R and S+ to analyze and compare ROC curves, BMC Bioinformatics 2011;12:77),
// whose section "Comparison of two ROC curves" reports Z = 2.209, p = 0.0272 for WFNS vs S100B. The full-precision
// reference values are those pROC's own test suite asserts (tests/testthat/test-var.R, test-cov.R, test-roc.test.R,
// test-ci.auc.R).
import asah from '../testing/asah.json';
import { auc, aucWithCi, delongCovariance, delongTest, placements } from './delong';

const y = asah.outcome;

describe('AUC and DeLong on the aSAH data (pROC)', () => {
  it('gives the published AUCs', () => {
    expect(auc(asah.wfns, y)).toBeCloseTo(0.8236789, 7);
    expect(auc(asah.s100b, y)).toBeCloseTo(0.7313686, 7);
    expect(auc(asah.ndka, y)).toBeCloseTo(0.611958, 7);
  });

  it('gives the DeLong variances and covariances', () => {
    const [w, n, s] = [asah.wfns, asah.ndka, asah.s100b].map((x) => placements(x, y));
    expect(delongCovariance(w, w)).toBeCloseTo(0.00146991470882363, 15);
    expect(delongCovariance(n, n)).toBeCloseTo(0.0031908105493913, 15);
    expect(delongCovariance(s, s)).toBeCloseTo(0.00266868245717244, 15);
    expect(delongCovariance(w, n)).toBeCloseTo(-0.000532967856762438, 15);
    expect(delongCovariance(n, s)).toBeCloseTo(-0.000756164938056579, 15);
    expect(delongCovariance(s, w)).toBeCloseTo(0.00119615567376754, 15);
  });

  it('gives the 95 % DeLong confidence interval', () => {
    const est = aucWithCi(asah.ndka, y);
    expect(est.ci[0]).toBeCloseTo(0.501244999271703, 12);
    expect(est.ci[1]).toBeCloseTo(0.722670989888189, 12);
  });

  it('gives the DeLong test statistics', () => {
    const t1 = delongTest(asah.wfns, asah.s100b, y);
    expect(t1.z).toBeCloseTo(2.20898359144091, 11);
    expect(t1.p).toBeCloseTo(0.0271757822291882, 12);
    expect(t1.ci[0]).toBeCloseTo(0.0104061769564846, 12);
    expect(t1.ci[1]).toBeCloseTo(0.174214419249478, 12);
    const t2 = delongTest(asah.wfns, asah.ndka, y);
    expect(t2.z).toBeCloseTo(2.79777591868904, 11);
    expect(t2.p).toBeCloseTo(0.00514557970691098, 12);
    const t3 = delongTest(asah.ndka, asah.s100b, y);
    expect(t3.z).toBeCloseTo(-1.39077002573558, 11);
    expect(t3.p).toBeCloseTo(0.164295175223054, 12);
  });

  it('gives Z = 0 and p = 1 for identical curves', () => {
    const t = delongTest(asah.wfns, asah.wfns, y);
    expect(t.z).toBe(0);
    expect(t.p).toBe(1);
  });

  it('agrees with the O(mn) definition of the placement values', () => {
    const p = placements(asah.s100b, y);
    const cases = asah.s100b.filter((_, i) => y[i] === 1);
    const controls = asah.s100b.filter((_, i) => y[i] === 0);
    const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
    cases.forEach((c, i) =>
      expect(p.v10[i]).toBeCloseTo(controls.reduce((s, d) => s + psi(c, d), 0) / controls.length, 14),
    );
    controls.forEach((d, j) =>
      expect(p.v01[j]).toBeCloseTo(cases.reduce((s, c) => s + psi(c, d), 0) / cases.length, 14),
    );
  });

  it('refuses labels that are not binary and a single class', () => {
    expect(() => auc([1, 2, 3], [0, 1, 2])).toThrow(/labels must be 0 or 1/);
    expect(() => auc([1, 2, 3], [1, 1, 1])).toThrow(/both classes/);
    expect(() => auc([1, NaN], [0, 1])).toThrow(/not a finite number/);
  });
});
