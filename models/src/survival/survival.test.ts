// Agreement with R's survival package (coxph, concordance, survfit, survdiff), glmnet (family = "cox") and timeROC on the
// public lung and veteran data sets; expected values in models/fixtures/r, written by make-r-fixtures.R.
import { expectClose, rFixture, rTable } from '../testing/r-fixtures';
import { concordance } from './concordance';
import { fitCox, type Ties } from './cox';
import { kaplanMeier, survivalAt } from './kaplan-meier';
import { fitLassoCox } from './lasso-cox';
import { logRank } from './log-rank';
import { survivalData } from './survival-data';
import { timeDependentAuc } from './time-auc';

interface CoxCase {
  data: string;
  covariates: string[];
  ties: Ties;
  coefficients: Record<string, number>;
  standardErrors: Record<string, number>;
  logLikelihood: number;
  nullLogLikelihood: number;
  concordance: number;
  counts: { concordant: number; discordant: number; 'tied.x': number; 'tied.y': number; 'tied.xy': number };
}

describe.each(rFixture<CoxCase[]>('cox.json'))('Cox model on $data ($ties ties) as coxph', (c) => {
  const t = rTable(c.data);
  const data = survivalData(t.time, t.status);
  const x = c.covariates.map((n) => t[n]);
  const fit = fitCox(x, data, { ties: c.ties });

  it('gives the coefficients within 1e-6 relative and their standard errors', () => {
    c.covariates.forEach((n, j) => {
      expectClose(fit.coefficients[j], c.coefficients[n], 1e-6, true);
      expectClose(fit.standardErrors[j], c.standardErrors[n], 1e-6, true);
    });
  });

  it('gives the log partial likelihood, fitted and null', () => {
    expectClose(fit.logLikelihood, c.logLikelihood, 1e-10, true);
    expectClose(fit.nullLogLikelihood, c.nullLogLikelihood, 1e-12, true);
  });

  it("gives Harrell's C within 1e-9 with survival::concordance's pair counts", () => {
    const lp = Float64Array.from(data.time, (_, i) =>
      c.covariates.reduce((s, _n, j) => s + fit.coefficients[j] * x[j][i], 0),
    );
    const cc = concordance(data, lp);
    expectClose(cc.concordance, c.concordance, 1e-9);
    expect([cc.concordant, cc.discordant, cc.tiedRisk, cc.tiedTime, cc.tiedBoth]).toEqual([
      c.counts.concordant,
      c.counts.discordant,
      c.counts['tied.x'],
      c.counts['tied.y'],
      c.counts['tied.xy'],
    ]);
  });
});

interface KmCase {
  data: string;
  group?: string;
  time: number[];
  nRisk: number[];
  nEvent: number[];
  survival: number[];
  at: number[];
  survivalAt: number[];
  chisq: number;
  df: number;
  p: number;
  observed: number[];
  expected: number[];
}

const kmCases = rFixture<KmCase[]>('km.json');

describe.each(kmCases.filter((c) => !c.group))('Kaplan-Meier on $data as survfit', (c) => {
  it('gives every step within 1e-9, and S(t) at stated times', () => {
    const t = rTable(c.data);
    const km = kaplanMeier(survivalData(t.time, t.status));
    expect(km.time).toEqual(c.time);
    expect(km.nRisk).toEqual(c.nRisk);
    expect(km.nEvent).toEqual(c.nEvent);
    km.survival.forEach((s, k) => expectClose(s, c.survival[k], 1e-9));
    survivalAt(km, c.at).forEach((s, k) => expectClose(s, c.survivalAt[k], 1e-9));
  });
});

describe.each(kmCases.filter((c) => c.group))('log-rank test on $data by $group as survdiff', (c) => {
  it('gives chi-square within 1e-6, its p, observed and expected deaths', () => {
    const t = rTable(c.data);
    const lr = logRank(survivalData(t.time, t.status), t[c.group!]);
    expectClose(lr.chisq, c.chisq, 1e-6, true);
    expect(lr.df).toBe(c.df);
    expectClose(lr.p, c.p, 1e-9, true);
    lr.observed.forEach((o, g) => expect(o).toBe(c.observed[g]));
    lr.expected.forEach((e, g) => expectClose(e, c.expected[g], 1e-9, true));
  });
});

interface LassoCoxCase {
  data: string;
  covariates: string[];
  lambda: number;
  coefficients: Record<string, number>;
}

describe.each(rFixture<LassoCoxCase[]>('lasso-cox.json'))('LASSO-Cox on $data at lambda $lambda as glmnet', (c) => {
  it('gives the coefficients within 1e-4, zeros where glmnet has zeros', () => {
    const t = rTable(c.data);
    const fit = fitLassoCox(
      c.covariates.map((n) => t[n]),
      survivalData(t.time, t.status),
      c.lambda,
    );
    c.covariates.forEach((n, j) => {
      expectClose(fit.coefficients[j], c.coefficients[n], 1e-4);
      expect(fit.coefficients[j] === 0).toBe(c.coefficients[n] === 0);
    });
  });
});

describe('survival data at the boundary', () => {
  it('refuses negative times, unknown event codes, and data without events', () => {
    expect(() => survivalData([1, -2], [1, 0])).toThrow(/case 2: time -2 is not a non-negative number/);
    expect(() => survivalData([1, 2], [1, 2])).toThrow(/case 2: event 2 must be 0 \(censored\) or 1/);
    expect(() => survivalData([1, 2], [0, 0])).toThrow(/no events/);
  });

  it('reports no estimate when a covariate separates the events (monotone likelihood)', () => {
    const data = survivalData([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1]);
    expect(() => fitCox([[6, 5, 4, 3, 2, 1]], data)).toThrow(
      /Cox model: no convergence \(a covariate separates the events/,
    );
    expect(() => fitCox([[1, 1, 1, 1, 1, 1]], data)).toThrow(/singular \(a covariate is constant or collinear/);
  });
});

interface TimeAucCase {
  data: string;
  marker: string;
  times: number[];
  auc: number[];
  cases: number[];
  controls: number[];
}

describe.each(rFixture<TimeAucCase[]>('time-auc.json'))('time-dependent AUC of $marker on $data as timeROC', (c) => {
  it('gives AUC(t) within 1e-9 with the same cases and controls, an event time among the t', () => {
    const t = rTable(c.data);
    const got = timeDependentAuc(survivalData(t.time, t.status), t[c.marker], c.times);
    got.forEach((r, k) => {
      expect(r.time).toBe(c.times[k]);
      expect([r.cases, r.controls]).toEqual([c.cases[k], c.controls[k]]);
      expectClose(r.auc, c.auc[k], 1e-9);
    });
  });
});
