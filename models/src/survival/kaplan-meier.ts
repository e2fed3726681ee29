// The Kaplan-Meier product-limit estimate of the survival function, as R's survival::survfit: one step per distinct
// time (censoring-only times included, where the curve does not drop), S(t) = prod over event times t_k <= t of
// (1 - d_k / n_k). Kaplan EL, Meier P, Nonparametric estimation from incomplete observations, J Am Stat Assoc
// 1958;53:457-481; Therneau & Grambsch 2000, section 2.1.
import type { SurvivalData } from './survival-data';

export interface KaplanMeier {
  /** Distinct times, increasing. */
  time: number[];
  /** Cases at risk just before each time. */
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  /** S(t) just after each time. */
  survival: number[];
}

export function kaplanMeier({ time, event }: SurvivalData): KaplanMeier {
  const order = Array.from(time, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const out: KaplanMeier = { time: [], nRisk: [], nEvent: [], nCensor: [], survival: [] };
  let atRisk = time.length;
  let s = 1;
  for (let k = 0; k < order.length;) {
    const t = time[order[k]];
    let d = 0;
    let c = 0;
    for (; k < order.length && time[order[k]] === t; k++) {
      if (event[order[k]]) d++;
      else c++;
    }
    s *= 1 - d / atRisk;
    out.time.push(t);
    out.nRisk.push(atRisk);
    out.nEvent.push(d);
    out.nCensor.push(c);
    out.survival.push(s);
    atRisk -= d + c;
  }
  return out;
}

/** S(t) at each requested time: the estimate at the last step at or before it (1 before the first time). */
export function survivalAt(km: KaplanMeier, at: ArrayLike<number>): number[] {
  return Array.from(at, (t) => {
    let s = 1;
    for (let k = 0; k < km.time.length && km.time[k] <= t; k++) s = km.survival[k];
    return s;
  });
}
