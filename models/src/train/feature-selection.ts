// Feature screening of seed 001 (Li et al., mpMRI radiomics for HER2 in IHC 2+ breast cancer, "Feature selection
// and model construction"): z-scoring, removal of collinear features (Pearson |r| > 0.8, keeping the one with the
// higher univariate discriminative power, here the univariate AUC distance from 0.5), then a univariate filter
// (Mann-Whitney p < 0.05, or seed 004's ANOVA F test, scikit-learn's f_classif). The LASSO then selects among the
// survivors (seed 002).
import { auc } from '../stats/delong';
import { mean, pearson, sd } from '../stats/descriptive';
import { fClassif } from '../stats/f-classif';
import { mannWhitney } from '../stats/mann-whitney';

/** The univariate test of the last screening step. */
export type UnivariateTest = 'mann-whitney' | 'f-classif';

export interface Screening {
  /** Indices (into the input columns) that survive, in input order. */
  kept: number[];
  univariateAuc: number[];
  mannWhitneyP: number[];
  /** The univariate filter used, and its p-values (Mann-Whitney's or the ANOVA F test's). */
  univariate: UnivariateTest;
  univariateP: number[];
  removedConstant: number;
  removedCollinear: number;
  removedUnivariate: number;
}

export function screenFeatures(
  columns: Float64Array[],
  y: number[],
  options: { maxCorrelation?: number; alpha?: number; univariate?: UnivariateTest } = {},
): Screening {
  const maxR = options.maxCorrelation ?? 0.8;
  const alpha = options.alpha ?? 0.05;
  const univariateAuc = columns.map((c) => auc(c, y));
  const mannWhitneyP = columns.map((c) => mannWhitney(c, y).p);
  const univariate = options.univariate ?? 'mann-whitney';
  const univariateP = univariate === 'f-classif' ? fClassif(columns, y).p : mannWhitneyP;
  const constant = columns.map((c) => sd(c) === 0);
  const z = columns.map((c) => {
    const m = mean(c);
    const s = sd(c);
    return s > 0 ? Float64Array.from(c, (v) => (v - m) / s) : c;
  });
  const order = columns.map((_, j) => j).filter((j) => !constant[j]);
  order.sort((a, b) => Math.abs(univariateAuc[b] - 0.5) - Math.abs(univariateAuc[a] - 0.5) || a - b);
  const uncorrelated: number[] = [];
  for (const j of order) if (uncorrelated.every((k) => Math.abs(pearson(z[j], z[k])) <= maxR)) uncorrelated.push(j);
  const kept = uncorrelated.filter((j) => univariateP[j] < alpha).sort((a, b) => a - b);
  return {
    kept,
    univariateAuc,
    mannWhitneyP,
    univariate,
    univariateP,
    removedConstant: constant.filter(Boolean).length,
    removedCollinear: order.length - uncorrelated.length,
    removedUnivariate: uncorrelated.length - kept.length,
  };
}
