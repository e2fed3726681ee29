// Decision-curve analysis: net benefit NB(pt) = TP/n - FP/n * pt / (1 - pt), with the treat-all and treat-none
// strategies (Vickers AJ, Elkin EB, Decision curve analysis, Med Decis Making 2006;26:565-574, eq. 1).
import { assertBinaryOutcome } from './binary-outcome';

export interface NetBenefitPoint {
  threshold: number;
  model: number;
  treatAll: number;
  treatNone: number;
}

export function decisionCurve(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  thresholds: number[] = Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
): NetBenefitPoint[] {
  assertBinaryOutcome(probabilities, labels, 'probabilities');
  const n = labels.length;
  let prevalence = 0;
  for (let i = 0; i < n; i++) prevalence += labels[i];
  prevalence /= n;
  return thresholds.map((pt) => {
    if (!(pt > 0 && pt < 1)) throw new Error(`a decision threshold must be strictly between 0 and 1, got ${pt}`);
    const odds = pt / (1 - pt);
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < n; i++) {
      if (probabilities[i] >= pt) {
        if (labels[i] === 1) tp++;
        else fp++;
      }
    }
    return {
      threshold: pt,
      model: tp / n - (fp / n) * odds,
      treatAll: prevalence - (1 - prevalence) * odds,
      treatNone: 0,
    };
  });
}
