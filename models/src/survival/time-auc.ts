// Time-dependent AUC with cumulative cases and dynamic controls, estimated by inverse probability of censoring
// weighting with the Kaplan-Meier estimate of the censoring distribution, as R's timeROC (weighting = "marginal"):
// Blanche P, Dartigues JF, Jacqmin-Gadda H, Review and comparison of ROC curve estimators for a time-dependent
// outcome with marker-dependent censoring, Biom J 2013;55:687-704 (section 3.2); Uno H et al., Evaluating prediction
// rules for t-year survivors with censored regression models, J Am Stat Assoc 2007;102:527-537.
//
// At time t, cases had the event strictly before t (timeROC 0.4.1's definition; a case at exactly t is neither case
// nor control) and weigh 1 / G(T_i-); controls are still event-free after t and weigh 1 / G(t), the same for all, so
// it cancels. AUC(t) = sum over case-control pairs of w_i [1(M_i > M_j) + 1/2 1(M_i = M_j)] / sum of their weights,
// which is the trapezoidal area under timeROC's weighted ROC curve. A higher marker means a higher risk.
import type { SurvivalData } from './survival-data';

export interface TimeAuc {
  time: number;
  /** NaN when there is no case or no control at that time. */
  auc: number;
  cases: number;
  controls: number;
}

/** G(u-) for each case's own time: the censoring survival just before it. At a time with both events and
 *  censorings the events leave the risk set first (prodlim's reverse Kaplan-Meier, which timeROC uses). */
function censoringSurvival({ time, event }: SurvivalData) {
  const order = Array.from(time, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const steps: { time: number; before: number; after: number }[] = [];
  let g = 1;
  let atRisk = time.length;
  for (let k = 0; k < order.length;) {
    const t = time[order[k]];
    let d = 0;
    let c = 0;
    for (; k < order.length && time[order[k]] === t; k++) {
      if (event[order[k]]) d++;
      else c++;
    }
    const before = g;
    if (c > 0) g *= 1 - c / (atRisk - d);
    steps.push({ time: t, before, after: g });
    atRisk -= d + c;
  }
  const at = (t: number) => {
    let s = 1;
    for (const step of steps) {
      if (step.time > t) break;
      s = step.after;
    }
    return s;
  };
  const justBefore = (t: number) => {
    let s = 1;
    for (const step of steps) {
      if (step.time >= t) break;
      s = step.after;
    }
    return s;
  };
  return { at, justBefore };
}

export function timeDependentAuc(data: SurvivalData, marker: ArrayLike<number>, times: ArrayLike<number>): TimeAuc[] {
  const { time, event } = data;
  const n = time.length;
  if (marker.length !== n) throw new Error(`time-dependent AUC: ${marker.length} marker values for ${n} cases`);
  const g = censoringSurvival(data);
  const caseWeight = Float64Array.from(time, (t) => 1 / g.justBefore(t));
  return Array.from(times, (t) => {
    const cases: number[] = [];
    const controls: number[] = [];
    for (let i = 0; i < n; i++) {
      if (time[i] < t && event[i]) cases.push(i);
      else if (time[i] > t) controls.push(i);
    }
    if (cases.length === 0 || controls.length === 0)
      return { time: t, auc: NaN, cases: cases.length, controls: controls.length };
    const sorted = Float64Array.from(controls, (j) => marker[j]).sort();
    // Controls below and equal to a marker value by binary search.
    const below = (m: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < m) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const notAbove = (m: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] <= m) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    let num = 0;
    let den = 0;
    for (const i of cases) {
      const m = marker[i];
      const lower = below(m);
      const ties = notAbove(m) - lower;
      num += caseWeight[i] * (lower + ties / 2);
      den += caseWeight[i];
    }
    return { time: t, auc: num / (den * controls.length), cases: cases.length, controls: controls.length };
  });
}
