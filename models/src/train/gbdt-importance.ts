// GBDT-based feature selection of seed 001 (Li et al., "Third, the Gradient Boosting Decision Tree (GBDT) algorithm
// was performed to select the most predictive feature subset"). The seed does not say which importance; we use the
// total split gain (the reduction of the second-order log-loss, Chen & Guestrin, KDD 2016, eq. 7), the importance
// XGBoost and LightGBM call "gain", because split counts favour features with many distinct values.
import { trainGbdt } from './gbdt';

export interface GbdtImportance {
  /** Share of the total gain per input column (sums to 1 when any split was made). */
  gain: number[];
  /** Indices of the selected columns, highest gain first: at most `top`, and only columns with a split. */
  selected: number[];
}

/** Ranks the columns by the gain of a boosted ensemble (100 trees of depth 3, as `heron train --algo gbdt`). */
export function gbdtImportance(columns: Float64Array[], y: number[], top: number): GbdtImportance {
  if (!Number.isInteger(top) || top < 1) throw new Error(`the number of features to keep must be >= 1, got ${top}`);
  const n = y.length;
  const m = columns.length;
  const x = new Float64Array(n * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) x[i * m + j] = columns[j][i];
  const total = new Float64Array(m);
  trainGbdt(x, y, m, { trees: 100, depth: 3, onSplit: (j, gain) => (total[j] += gain) });
  const sum = total.reduce((s, v) => s + v, 0);
  const gain = Array.from(total, (v) => (sum > 0 ? v / sum : 0));
  const selected = gain
    .map((g, j) => ({ g, j }))
    .filter((e) => e.g > 0)
    .sort((a, b) => b.g - a.g || a.j - b.j)
    .slice(0, top)
    .map((e) => e.j);
  return { gain, selected };
}
