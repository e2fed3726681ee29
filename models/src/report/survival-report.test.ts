// The survival report arranges numbers computed elsewhere (and checked against R there): what it writes must be
// exactly those numbers, with the optimism of an optimal cut-off and the research-use notice stated.
import { rTable } from '../testing/r-fixtures';
import { concordance } from '../survival/concordance';
import { fitCox } from '../survival/cox';
import { riskGroups } from '../survival/risk-groups';
import { survivalData } from '../survival/survival-data';
import { timeDependentAuc } from '../survival/time-auc';
import { survivalReport } from './survival-report';

describe('survival report of a Cox risk score on lung', () => {
  const t = rTable('lung.csv');
  const data = survivalData(t.time, t.status);
  const x = [t.age, t.sex, t.ph_ecog];
  const beta = fitCox(x, data).coefficients;
  const score = Float64Array.from(t.time, (_, i) => x.reduce((s, c, j) => s + beta[j] * c[i], 0));
  const at = [180, 365, 730];

  it('states C, AUC(t), the groups, their log-rank and adjusted p, and survival at the stated times', () => {
    const r = survivalReport({ title: 'Lung', scoreName: 'lp', timeName: 'days', data, score, at, cutoff: 'optimal' });
    expect(r.concordance).toBe(concordance(data, score).concordance);
    expect(r.auc).toEqual(timeDependentAuc(data, score, at));
    const groups = riskGroups(data, score, { cutoff: 'optimal' });
    expect(r.groups.cutoff).toBe(groups.cutoff);
    expect(r.groups.logrank).toEqual(groups.logrank);
    const md = r.files['REPORT.md'];
    expect(md).toContain('Research use only');
    expect(md).toContain(`Harrell's C: ${r.concordance.toFixed(3)}`);
    expect(md).toContain(`| 365 | ${r.auc[1].auc.toFixed(3)} |`);
    expect(md).toContain(`Lausen-Schumacher adjusted p = ${groups.optimal!.p.toPrecision(3)}`);
    expect(md).toMatch(/log-rank p of these groups .* is optimistic/);
    // High-risk patients fare worse at every stated time.
    r.survival.forEach((s) => expect(s.high).toBeLessThan(s.low));
    expect(r.files['km-risk-groups.svg']).toContain('search-adjusted p');
    expect(r.files['time-auc.svg']).toContain('Time-dependent AUC');
  });

  it('with a median cut-off says no adjustment is needed, and writes n/a where an AUC is undefined', () => {
    const r = survivalReport({
      title: 'Lung',
      scoreName: 'lp',
      timeName: 'days',
      data,
      score,
      at: [1, 365],
      cutoff: 'median',
    });
    expect(r.files['REPORT.md']).toContain('fixed before looking at outcomes');
    expect(r.files['REPORT.md']).toContain('| 1 | n/a | 0 |');
    // Beyond every follow-up no survival is estimated.
    const late = survivalReport({
      title: 'L',
      scoreName: 'lp',
      timeName: 'days',
      data,
      score,
      at: [5000],
      cutoff: 'median',
    });
    expect(Number.isNaN(late.survival[0].low) && Number.isNaN(late.survival[0].high)).toBe(true);
    expect(late.files['REPORT.md']).toContain(
      '| 5000 | n/a (after the last follow-up) | n/a (after the last follow-up) |',
    );
    expect(r.files['time-auc.svg']).toBeUndefined();
    expect(() =>
      survivalReport({ title: 'x', scoreName: 'lp', timeName: 'days', data, score, at: [], cutoff: 'median' }),
    ).toThrow(/at least one time/);
  });
});
