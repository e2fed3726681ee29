// Univariate one-way ANOVA F test of each feature against the class labels, as scikit-learn's
// sklearn.feature_selection.f_classif (seed 004 selects features by it): F = (between-class mean square) /
// (within-class mean square) with k - 1 and n - k degrees of freedom, and its p-value. A feature constant within
// every class has no within-class variance: F is infinite (p = 0) when the class means differ and NaN when the
// feature is constant overall, as scikit-learn returns them (with a warning).
import { fDistributionP } from './f-distribution';

export interface FClassif {
  f: number[];
  p: number[];
}

export function fClassif(columns: ArrayLike<number>[], labels: ArrayLike<number>): FClassif {
  const n = labels.length;
  const classes = [...new Set(Array.from(labels))];
  const k = classes.length;
  if (k < 2) throw new Error('f_classif: needs at least two classes');
  if (n <= k) throw new Error(`f_classif: needs more cases (${n}) than classes (${k})`);
  const index = Int32Array.from(labels, (v) => classes.indexOf(v));
  const count = new Float64Array(k);
  for (let i = 0; i < n; i++) count[index[i]]++;
  const f: number[] = [];
  const p: number[] = [];
  for (const col of columns) {
    if (col.length !== n) throw new Error(`f_classif: a column has ${col.length} values for ${n} labels`);
    const sum = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < n; i++) {
      sum[index[i]] += col[i];
      total += col[i];
    }
    const grand = total / n;
    let between = 0;
    for (let g = 0; g < k; g++) between += count[g] * (sum[g] / count[g] - grand) ** 2;
    let within = 0;
    for (let i = 0; i < n; i++) within += (col[i] - sum[index[i]] / count[index[i]]) ** 2;
    const value = between / (k - 1) / (within / (n - k));
    f.push(value);
    p.push(value === Infinity ? 0 : Number.isFinite(value) ? fDistributionP(value, k - 1, n - k) : NaN);
  }
  return { f, p };
}
