// Pathology and outcome of a phantom case, drawn after its tumour phenotype so that a cohort carries every label the
// seed studies' questions need: the IHC score (0, 1+, 2+, 3+) with FISH for 2+, hence HER2-zero / HER2-low /
// HER2-positive (ASCO/CAP 2018, as seed 002 defines them); response to neoadjuvant therapy for HER2-positive
// tumours; and disease-free survival. Rates and their sources are in ../README.md ("Outcomes"). Each outcome leans on
// an imaging trait (our choice, stated there) so that a model trained on the images has something to find.
import type { TumourParameters } from './phenotype';
import { Random } from './random';

export type IhcScore = 0 | 1 | 2 | 3;

export interface CaseOutcomes {
  ihc: IhcScore;
  /** FISH result, for IHC 2+ only. */
  fish: 'amplified' | 'not-amplified' | null;
  her2Category: 'zero' | 'low' | 'positive';
  /** Pathological complete response after neoadjuvant therapy; drawn for HER2-positive tumours only (seed 004's
   *  cohort), null otherwise. */
  pcr: boolean | null;
  /** Disease-free survival: months to recurrence, metastasis or death (event) or to the last follow-up (censored). */
  dfsMonths: number;
  dfsEvent: boolean;
}

export const OUTCOME_RATES = {
  /** Among HER2-positive tumours, the share that is IHC 2+ with FISH amplification (rest IHC 3+): our choice. */
  ihc2AmongPositive: 0.3,
  /** FISH amplification among IHC 2+: seed 001, 42 of 107. Sets the IHC 2+ not-amplified share of negatives below. */
  fishAmongIhc2: 42 / 107,
  /** HER2-low share of HER2-negative tumours: our choice (seed 002 reports 139 HER2-negative of 210 without the split
   *  in its text). */
  lowAmongNegative: 0.6,
  /** pCR among HER2-positive tumours after neoadjuvant therapy: seed 004, 86 of 133. */
  pcrAmongPositive: 86 / 133,
  /** Five-year disease-free survival: our choice (seed 003 gives no event rate in its summary). */
  dfsAt60Months: 0.85,
  /** Follow-up ends uniformly between these months (administrative censoring): our choice. */
  followUpMonths: [24, 96] as const,
};

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (z: number) => 1 / (1 + Math.exp(-z));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Draws the outcomes of a case with the given tumour. Pure: the same seed and tumour give the same outcomes. */
export function sampleOutcomes(seed: number, tumour: TumourParameters): CaseOutcomes {
  const r = new Random(seed, 'outcomes');
  const R = OUTCOME_RATES;
  let ihc: IhcScore;
  let fish: CaseOutcomes['fish'] = null;
  let category: CaseOutcomes['her2Category'];
  if (tumour.her2 === 'positive') {
    category = 'positive';
    if (r.chance(R.ihc2AmongPositive)) {
      ihc = 2;
      fish = 'amplified';
    } else ihc = 3;
  } else {
    // IHC 2+ without amplification among all negatives, so that FISH is amplified in fishAmongIhc2 of all IHC 2+
    // cases when HER2-positive tumours are 30 % of a cohort.
    const ihc2Share = (((0.3 * R.ihc2AmongPositive) / R.fishAmongIhc2) * (1 - R.fishAmongIhc2)) / 0.7;
    // HER2-low leans on the tumour's ADC (higher ADC, more often low): our choice, centred on the negatives' mean.
    const low = r.chance(expit(logit(R.lowAmongNegative) + 0.8 * ((tumour.adc - 900) / 150)));
    category = low ? 'low' : 'zero';
    if (!low) ihc = 0;
    else if (r.chance(ihc2Share / R.lowAmongNegative)) {
      ihc = 2;
      fish = 'not-amplified';
    } else ihc = 1;
  }
  // Seed 004: irregular shapes reached pCR more often; the lean is centred on its share among HER2-positive (20/42).
  const pcr =
    tumour.her2 === 'positive'
      ? r.chance(expit(logit(R.pcrAmongPositive) + 1.5 * ((tumour.shape === 'irregular' ? 1 : 0) - 20 / 42)))
      : null;
  // Exponential event times, hazard rising with size and necrosis (our choice), scaled to the five-year rate.
  const baseHazard = -Math.log(R.dfsAt60Months) / 60;
  const hazard =
    baseHazard * Math.exp(0.7 * ((tumour.diameterMm - 26) / 10) + 0.6 * (tumour.necrosisFraction > 0 ? 1 : 0) - 0.25);
  const eventAt = -Math.log(1 - r.next()) / hazard;
  const followUp = r.uniform(R.followUpMonths[0], R.followUpMonths[1]);
  return {
    ihc,
    fish,
    her2Category: category,
    pcr,
    dfsMonths: round1(Math.max(0.1, Math.min(eventAt, followUp))),
    dfsEvent: eventAt <= followUp,
  };
}
