// Cox proportional-hazards regression by maximum partial likelihood, as R's survival::coxph: Newton-Raphson from
// beta = 0 with step halving when the log-likelihood falls, ties by Efron's approximation (coxph's default) or
// Breslow's, standard errors from the inverse of the observed information at the maximum.
// Cox DR, Regression models and life-tables, J R Stat Soc B 1972;34:187-220. Efron B, The efficiency of Cox's
// likelihood function for censored data, J Am Stat Assoc 1977;72:557-565. Therneau TM, Grambsch PM, Modeling
// Survival Data: Extending the Cox Model, Springer 2000, sections 3.2-3.3 (likelihood, score, information, ties).
import { choleskyInverse, choleskySolve } from '../stats/cholesky';
import { type SurvivalData, timeOrder } from './survival-data';

export type Ties = 'efron' | 'breslow';

export interface CoxFit {
  coefficients: Float64Array;
  standardErrors: Float64Array;
  /** Inverse information, row-major p x p. */
  variance: Float64Array;
  logLikelihood: number;
  /** Log partial likelihood at beta = 0. */
  nullLogLikelihood: number;
  iterations: number;
}

export interface PartialLikelihood {
  logLikelihood: number;
  /** Score vector U(beta). */
  score: Float64Array;
  /** Observed information -d2 l / d beta2, row-major p x p. */
  information: Float64Array;
}

/**
 * The log partial likelihood, its score and information at `beta` (Therneau & Grambsch eq. 3.4-3.6). At each event
 * time with d deaths, Efron's approximation replaces the risk-set sums S by S - (l/d) S_deaths for l = 0..d-1;
 * Breslow's keeps S for all d. Covariates `x[j][i]` should be centred (it changes nothing but rounding).
 */
export function partialLikelihood(
  x: Float64Array[],
  data: SurvivalData,
  beta: ArrayLike<number>,
  ties: Ties,
  order: number[] = timeOrder(data),
): PartialLikelihood {
  const p = x.length;
  const { time, event } = data;
  const n = time.length;
  const eta = new Float64Array(n);
  for (let j = 0; j < p; j++) if (beta[j] !== 0) for (let i = 0; i < n; i++) eta[i] += beta[j] * x[j][i];
  const risk = Float64Array.from(eta, Math.exp);
  // Sums over the risk set, accumulated from the latest time backwards.
  let s0 = 0;
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const d1 = new Float64Array(p);
  const d2 = new Float64Array(p * p);
  const a = new Float64Array(p);
  let ll = 0;
  const score = new Float64Array(p);
  const info = new Float64Array(p * p);
  let k = n - 1;
  while (k >= 0) {
    const t = time[order[k]];
    // Every case with this time joins the risk set; the deaths among them are also summed apart.
    let deaths = 0;
    let d0 = 0;
    d1.fill(0);
    d2.fill(0);
    let first = k;
    while (first >= 0 && time[order[first]] === t) {
      const i = order[first];
      const r = risk[i];
      s0 += r;
      for (let u = 0; u < p; u++) {
        const xu = x[u][i];
        s1[u] += r * xu;
        for (let v = 0; v <= u; v++) s2[u * p + v] += r * xu * x[v][i];
      }
      if (event[i]) {
        deaths++;
        d0 += r;
        ll += eta[i];
        for (let u = 0; u < p; u++) {
          const xu = x[u][i];
          score[u] += xu;
          d1[u] += r * xu;
          for (let v = 0; v <= u; v++) d2[u * p + v] += r * xu * x[v][i];
        }
      }
      first--;
    }
    for (let l = 0; l < deaths; l++) {
      const f = ties === 'efron' ? l / deaths : 0;
      const den = s0 - f * d0;
      ll -= Math.log(den);
      for (let u = 0; u < p; u++) {
        a[u] = (s1[u] - f * d1[u]) / den;
        score[u] -= a[u];
      }
      for (let u = 0; u < p; u++)
        for (let v = 0; v <= u; v++) info[u * p + v] += (s2[u * p + v] - f * d2[u * p + v]) / den - a[u] * a[v];
    }
    k = first;
  }
  for (let u = 0; u < p; u++) for (let v = 0; v < u; v++) info[v * p + u] = info[u * p + v];
  return { logLikelihood: ll, score, information: info };
}

/** Subtracts each column's mean: the partial likelihood is invariant to it, and exp() stays in range. */
export function centred(x: ArrayLike<number>[]): Float64Array[] {
  return x.map((col) => {
    let m = 0;
    for (let i = 0; i < col.length; i++) m += col[i];
    m /= col.length;
    return Float64Array.from(col, (v) => v - m);
  });
}

export interface CoxOptions {
  ties?: Ties;
  maxIterations?: number;
  /** Convergence on the relative change of the log-likelihood, as coxph.control(eps). */
  tolerance?: number;
}

/** Fits the Cox model h(t | x) = h0(t) exp(x' beta); `x[j][i]` is covariate j of case i. */
export function fitCox(x: ArrayLike<number>[], data: SurvivalData, options: CoxOptions = {}): CoxFit {
  const ties = options.ties ?? 'efron';
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-13;
  const p = x.length;
  const xc = centred(x);
  const order = timeOrder(data);
  const singular = 'Cox model: the information matrix is singular (a covariate is constant or collinear with others)';
  const separated = `Cox model: no convergence (a covariate separates the events, or too few events for the covariates)`;
  let beta = new Float64Array(p);
  let cur = partialLikelihood(xc, data, beta, ties, order);
  const nullLogLikelihood = cur.logLikelihood;
  let iterations = 0;
  let converged = false;
  for (let it = 1; it <= maxIterations; it++) {
    iterations = it;
    // Singular at beta = 0: constant or collinear covariates. Singular later: the information vanished as a
    // coefficient grew without bound, which is separation, not collinearity.
    const step = choleskySolve(cur.information, cur.score, p, it === 1 ? singular : separated);
    let next = Float64Array.from(beta, (b, j) => b + step[j]);
    let trial = partialLikelihood(xc, data, next, ties, order);
    // Step halving, as coxph: a step that lowers the likelihood (or overflows) is halved until it does not.
    for (let h = 0; h < 60 && !(trial.logLikelihood >= cur.logLikelihood); h++) {
      next = Float64Array.from(beta, (b, j) => (b + next[j]) / 2);
      trial = partialLikelihood(xc, data, next, ties, order);
    }
    if (!Number.isFinite(trial.logLikelihood))
      throw new Error('Cox model: the fit diverged (a covariate separates the events)');
    const change = Math.abs(trial.logLikelihood - cur.logLikelihood);
    let stepSize = 0;
    for (let j = 0; j < p; j++) stepSize = Math.max(stepSize, Math.abs(next[j] - beta[j]));
    beta = next;
    cur = trial;
    if (change <= tolerance * Math.abs(cur.logLikelihood) && stepSize < 1e-9) {
      converged = true;
      break;
    }
  }
  // A likelihood that keeps rising as a coefficient grows (monotone likelihood) has no maximum: no estimate to report.
  if (!converged || !beta.every((b) => Number.isFinite(b) && Math.abs(b) < 1e6)) throw new Error(separated);
  const variance = choleskyInverse(cur.information, p, separated);
  const standardErrors = Float64Array.from({ length: p }, (_, j) => Math.sqrt(variance[j * p + j]));
  return {
    coefficients: beta,
    standardErrors,
    variance,
    logLikelihood: cur.logLikelihood,
    nullLogLikelihood,
    iterations,
  };
}
