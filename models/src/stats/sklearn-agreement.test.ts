// Agreement with scikit-learn (expected values in models/fixtures/r/f-classif.json, written by
// models/fixtures/make-sklearn-fixtures.py): the ANOVA F test of f_classif and MinMaxScaler.
import { expectClose, rFixture, rTable } from '../testing/r-fixtures';
import { fClassif } from './f-classif';
import { minMax } from './min-max';

interface FClassifCase {
  data: string;
  label: string;
  features: string[];
  f: number[];
  p: number[];
  minMaxHead: number[][];
}

describe.each(rFixture<{ cases: FClassifCase[] }>('f-classif.json').cases)('f_classif on $data by $label', (c) => {
  const t = rTable(c.data);
  const x = c.features.map((f) => t[f]);

  it('gives F within 1e-9 relative and p within 1e-9 relative (or 1e-300 absolute), as sklearn', () => {
    const r = fClassif(x, t[c.label]);
    r.f.forEach((f, j) => expectClose(f, c.f[j], 1e-9, true));
    r.p.forEach((p, j) => expect(Math.abs(p - c.p[j])).toBeLessThanOrEqual(Math.max(1e-9 * c.p[j], 1e-300)));
  });

  it('scales to [0, 1] as MinMaxScaler', () => {
    const { min, range } = minMax(x, c.features);
    c.minMaxHead.forEach((head, j) => head.forEach((v, i) => expectClose((x[j][i] - min[j]) / range[j], v, 1e-15)));
  });
});

it('refuses one class, and constant columns for min-max', () => {
  expect(() => fClassif([[1, 2, 3]], [0, 0, 0])).toThrow(/at least two classes/);
  expect(() => minMax([[2, 2, 2]], ['T2/tumour/x'])).toThrow(/'T2\/tumour\/x' is constant/);
  expect(fClassif([[1, 1, 2, 2]], [0, 0, 1, 1])).toEqual({ f: [Infinity], p: [0] });
  expect(fClassif([[3, 3, 3, 3]], [0, 0, 1, 1]).f[0]).toBeNaN();
});
