// Centring and scaling columns as glmnet does with standardize = TRUE and unit weights: the mean and the population
// standard deviation (divisor n, not n - 1), so a penalty lambda means what it means in glmnet (Friedman, Hastie &
// Tibshirani 2010, section 2.1; glmnet's documentation of `standardize`).

export interface Standardised {
  x: Float64Array[];
  mean: Float64Array;
  /** Population standard deviation of each column. */
  scale: Float64Array;
}

/** Standardises each column; a constant column cannot be scaled and is named in the error. */
export function standardise(columns: ArrayLike<number>[], names?: string[]): Standardised {
  const mean = new Float64Array(columns.length);
  const scale = new Float64Array(columns.length);
  const x = columns.map((col, j) => {
    const n = col.length;
    let m = 0;
    for (let i = 0; i < n; i++) m += col[i];
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i] - m) ** 2;
    const s = Math.sqrt(ss / n);
    if (!(s > 0)) throw new Error(`column '${names?.[j] ?? j + 1}' is constant, so it cannot be standardised`);
    mean[j] = m;
    scale[j] = s;
    return Float64Array.from(col, (v) => (v - m) / s);
  });
  return { x, mean, scale };
}
