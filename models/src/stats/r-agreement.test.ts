// Agreement with R on public data (expected values in models/fixtures/r, written by make-r-fixtures.R): ICC with
// psych::ICC, the paired DeLong test and DeLong intervals with pROC, LASSO logistic regression with glmnet.
import { expectClose, rFixture, rTable } from '../testing/r-fixtures';
import { readCsv } from '../train/table';
import { fitLassoLogistic } from '../train/lasso-logistic';
import { aucWithCi, delongTest } from './delong';
import { icc } from './icc';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { R_FIXTURES } from '../testing/r-fixtures';

interface IccValues {
  icc1: number;
  icc2: number;
  icc3: number;
}

describe('ICC as psych::ICC', () => {
  const f = rFixture<{ sf: { ratings: number[][]; icc: IccValues }; readers: Record<string, IccValues> }>('icc.json');

  it('gives Shrout & Fleiss table 2 (six targets, four judges) within 1e-9', () => {
    const r = icc(f.sf.ratings);
    expectClose(r.icc1, f.sf.icc.icc1, 1e-9);
    expectClose(r.icc2, f.sf.icc.icc2, 1e-9);
    expectClose(r.icc3, f.sf.icc.icc3, 1e-9);
  });

  it('gives each feature of two readers within 1e-9, cases matched by id', () => {
    const read = (name: string) => readCsv(readFileSync(join(R_FIXTURES, name), 'utf8'), name);
    const a = read('reader1.csv');
    const b = read('reader2.csv');
    const rowOf = new Map(b.rows.map((r, i) => [r[0], i]));
    for (const [feature, expected] of Object.entries(f.readers)) {
      const ca = a.header.indexOf(feature);
      const cb = b.header.indexOf(feature);
      const r = icc(a.rows.map((row) => [Number(row[ca]), Number(b.rows[rowOf.get(row[0])!][cb])]));
      expectClose(r.icc1, expected.icc1, 1e-9);
      expectClose(r.icc2, expected.icc2, 1e-9);
      expectClose(r.icc3, expected.icc3, 1e-9);
    }
  });

  it('refuses fewer than two targets or judges', () => {
    expect(() => icc([[1, 2]])).toThrow(/at least two targets and two judges/);
  });
});

interface DelongCase {
  data: string;
  label: string;
  scores: [string, string];
  auc: Record<string, number>;
  ci: Record<string, [number, number]>;
  z: number;
  p: number;
}

describe.each(rFixture<DelongCase[]>('delong.json'))('DeLong on $data, $scores as pROC', (c) => {
  it('gives the AUCs, their DeLong intervals and the paired test within 1e-9', () => {
    const t = rTable(c.data);
    const y = t[c.label];
    const [s1, s2] = c.scores;
    for (const s of c.scores) {
      const e = aucWithCi(t[s], y);
      expectClose(e.auc, c.auc[s], 1e-9);
      expectClose(e.ci[0], c.ci[s][0], 1e-9);
      expectClose(e.ci[1], c.ci[s][1], 1e-9);
    }
    const test = delongTest(t[s1], t[s2], y);
    expectClose(test.z, c.z, 1e-9);
    expectClose(test.p, c.p, 1e-9);
  });
});

interface LassoLogisticCase {
  data: string;
  label: string;
  features: string[];
  lambda: number;
  intercept: number;
  coefficients: Record<string, number>;
}

describe.each(rFixture<LassoLogisticCase[]>('lasso-logistic.json'))(
  'LASSO logistic at lambda $lambda as glmnet',
  (c) => {
    it('gives the intercept and coefficients in original units within 1e-4', () => {
      const t = rTable(c.data);
      const fit = fitLassoLogistic(
        c.features.map((f) => t[f]),
        t[c.label],
        c.lambda,
      );
      expectClose(fit.intercept, c.intercept, 1e-4);
      c.features.forEach((f, j) => {
        expectClose(fit.coefficients[j], c.coefficients[f], 1e-4);
        expect(fit.coefficients[j] === 0).toBe(c.coefficients[f] === 0);
      });
    });
  },
);
