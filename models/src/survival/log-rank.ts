// The log-rank test of equal survival in G groups, as R's survival::survdiff (rho = 0): at each event time the
// observed deaths of each group against those expected under H0, and the hypergeometric covariance of the counts;
// chi^2 = (O - E)' V^- (O - E) on the first G - 1 groups, G - 1 degrees of freedom.
// Mantel N, Evaluation of survival data and two new rank order statistics arising in its consideration, Cancer
// Chemother Rep 1966;50:163-170; Peto R, Peto J, Asymptotically efficient rank invariant test procedures, J R Stat
// Soc A 1972;135:185-207; Therneau & Grambsch 2000, section 2.2.
import { choleskySolve } from '../stats/cholesky';
import { chiSquareP } from '../stats/chi-square';
import type { SurvivalData } from './survival-data';

export interface LogRank {
  /** Group labels in increasing order, as they index observed/expected. */
  groups: number[];
  n: number[];
  observed: number[];
  expected: number[];
  chisq: number;
  df: number;
  p: number;
}

export function logRank({ time, event }: SurvivalData, group: ArrayLike<number>): LogRank {
  const n = time.length;
  if (group.length !== n) throw new Error(`log-rank: ${group.length} group labels for ${n} cases`);
  const groups = [...new Set(Array.from(group))].sort((a, b) => a - b);
  const G = groups.length;
  if (G < 2) throw new Error('log-rank: needs at least two groups');
  const gi = Int32Array.from(group, (g) => groups.indexOf(g));
  const order = Array.from(time, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const atRisk = new Float64Array(G);
  for (let i = 0; i < n; i++) atRisk[gi[i]]++;
  const sizes = Array.from(atRisk);
  const observed = new Float64Array(G);
  const expected = new Float64Array(G);
  const v = new Float64Array(G * G);
  const deaths = new Float64Array(G);
  const leaving = new Float64Array(G);
  for (let k = 0; k < n;) {
    const t = time[order[k]];
    deaths.fill(0);
    leaving.fill(0);
    for (; k < n && time[order[k]] === t; k++) {
      const i = order[k];
      leaving[gi[i]]++;
      if (event[i]) deaths[gi[i]]++;
    }
    let d = 0;
    let r = 0;
    for (let g = 0; g < G; g++) {
      d += deaths[g];
      r += atRisk[g];
    }
    if (d > 0) {
      const spread = r > 1 ? (d * (r - d)) / (r - 1) : 0;
      for (let g = 0; g < G; g++) {
        observed[g] += deaths[g];
        expected[g] += (d * atRisk[g]) / r;
        for (let h = 0; h < G; h++) v[g * G + h] += spread * (atRisk[g] / r) * ((g === h ? 1 : 0) - atRisk[h] / r);
      }
    }
    for (let g = 0; g < G; g++) atRisk[g] -= leaving[g];
  }
  // The G counts sum to the total deaths, so V is singular; drop the last group.
  const k = G - 1;
  const diff = Float64Array.from({ length: k }, (_, g) => observed[g] - expected[g]);
  const vk = new Float64Array(k * k);
  for (let g = 0; g < k; g++) for (let h = 0; h < k; h++) vk[g * k + h] = v[g * G + h];
  const solved = choleskySolve(vk, diff, k, 'log-rank: a group has no case at risk at any event time');
  let chisq = 0;
  for (let g = 0; g < k; g++) chisq += diff[g] * solved[g];
  return {
    groups,
    n: sizes,
    observed: Array.from(observed),
    expected: Array.from(expected),
    chisq,
    df: k,
    p: chiSquareP(chisq, k),
  };
}
