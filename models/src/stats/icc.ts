// Single-measure intraclass correlation coefficients of n targets rated by k judges, from the two-way ANOVA mean
// squares, as psych::ICC reports them: Shrout PE, Fleiss JL, Intraclass correlations: uses in assessing rater
// reliability, Psychol Bull 1979;86:420-428, table 1 (ICC(1,1) one-way random; ICC(2,1) two-way random, absolute
// agreement; ICC(3,1) two-way mixed, consistency).

export interface Icc {
  icc1: number;
  icc2: number;
  icc3: number;
  /** Mean squares: between targets, within targets, between judges, residual. */
  msr: number;
  msw: number;
  msc: number;
  mse: number;
}

/** `ratings[i][j]` is judge j's rating of target i; at least two targets and two judges, no missing values. */
export function icc(ratings: ArrayLike<number>[]): Icc {
  const n = ratings.length;
  const k = n > 0 ? ratings[0].length : 0;
  if (n < 2 || k < 2) throw new Error(`ICC: needs at least two targets and two judges, got ${n} x ${k}`);
  let grand = 0;
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    if (ratings[i].length !== k) throw new Error(`ICC: target ${i + 1} has ${ratings[i].length} ratings, not ${k}`);
    for (let j = 0; j < k; j++) {
      const v = ratings[i][j];
      if (!Number.isFinite(v)) throw new Error(`ICC: rating ${j + 1} of target ${i + 1} is not a number`);
      rowMean[i] += v / k;
      colMean[j] += v / n;
      grand += v;
    }
  }
  grand /= n * k;
  let sst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sst += (ratings[i][j] - grand) ** 2;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += k * (rowMean[i] - grand) ** 2;
  let ssc = 0;
  for (let j = 0; j < k; j++) ssc += n * (colMean[j] - grand) ** 2;
  const msr = ssr / (n - 1);
  const msw = (sst - ssr) / (n * (k - 1));
  const msc = ssc / (k - 1);
  const mse = (sst - ssr - ssc) / ((n - 1) * (k - 1));
  return {
    icc1: (msr - msw) / (msr + (k - 1) * msw),
    icc2: (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n),
    icc3: (msr - mse) / (msr + (k - 1) * mse),
    msr,
    msw,
    msc,
    mse,
  };
}
