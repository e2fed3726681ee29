// Harrell's concordance index of a risk score against right-censored times, counted as survival::concordance does
// with its default weights (timewt = "n"): a pair is comparable when the case with the shorter time had the event;
// a censoring at the same time as an event counts as later (it was still at risk); two events at the same time are
// tied in time and not comparable. Pairs tied on the score count one half.
// Harrell FE, Califf RM, Pryor DB, Lee KL, Rosati RA, Evaluating the yield of medical tests, JAMA 1982;247:2543-6.
// Therneau TM, Atkinson EJ, Concordance, vignette of the R package survival (3.x), sections 1-2.
import type { SurvivalData } from './survival-data';

export interface Concordance {
  /** (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk). */
  concordance: number;
  concordant: number;
  discordant: number;
  /** Comparable pairs with equal scores (survival's tied.x). */
  tiedRisk: number;
  /** Pairs of events at the same time with different scores (tied.y), and with equal scores (tied.xy). */
  tiedTime: number;
  tiedBoth: number;
}

/** Concordance of `risk` (higher = shorter survival expected) with the survival data; O(n^2), exact. */
export function concordance(data: SurvivalData, risk: ArrayLike<number>): Concordance {
  const { time, event } = data;
  const n = time.length;
  if (risk.length !== n) throw new Error(`concordance: ${risk.length} scores for ${n} cases`);
  let concordant = 0;
  let discordant = 0;
  let tiedRisk = 0;
  let tiedTime = 0;
  let tiedBoth = 0;
  for (let i = 0; i < n; i++) {
    if (!event[i]) continue;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (time[j] < time[i]) continue;
      if (time[j] === time[i]) {
        if (!event[j]) {
          // A censoring tied with the event: comparable, the censored case outlived the event.
        } else {
          // Both events at one time: count the pair once (i < j), not comparable.
          if (j < i) continue;
          if (risk[i] === risk[j]) tiedBoth++;
          else tiedTime++;
          continue;
        }
      }
      if (risk[i] > risk[j]) concordant++;
      else if (risk[i] < risk[j]) discordant++;
      else tiedRisk++;
    }
  }
  const comparable = concordant + discordant + tiedRisk;
  return {
    concordance: comparable > 0 ? (concordant + tiedRisk / 2) / comparable : NaN,
    concordant,
    discordant,
    tiedRisk,
    tiedTime,
    tiedBoth,
  };
}
