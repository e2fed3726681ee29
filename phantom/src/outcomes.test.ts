// Outcomes drawn over a large cohort reproduce the seed studies' rates, and agree with the HER2 status the images
// were drawn with.
import { samplePhenotype } from './phenotype';
import { OUTCOME_RATES, sampleOutcomes } from './outcomes';

describe('phantom outcomes', () => {
  const cases = Array.from({ length: 4000 }, (_, i) => {
    const tumour = samplePhenotype(i + 1);
    return { tumour, o: sampleOutcomes(i + 1, tumour) };
  });
  const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;

  it('is consistent with the HER2 status of the images (ASCO/CAP 2018 categories)', () => {
    for (const { tumour, o } of cases) {
      expect(o.her2Category === 'positive').toBe(tumour.her2 === 'positive');
      if (o.ihc === 3) expect(o.her2Category).toBe('positive');
      if (o.ihc === 0) expect(o.her2Category).toBe('zero');
      if (o.ihc === 1) expect(o.her2Category).toBe('low');
      expect(o.fish === null).toBe(o.ihc !== 2);
      if (o.ihc === 2) expect(o.fish === 'amplified').toBe(o.her2Category === 'positive');
      expect(o.pcr === null).toBe(tumour.her2 !== 'positive');
    }
  });

  it('reproduces the seeds: FISH among IHC 2+ (001), pCR among HER2-positive (004); HER2-low and 5-year DFS as chosen', () => {
    const ihc2 = cases.filter((c) => c.o.ihc === 2);
    expect(share(ihc2.map((c) => c.o.fish === 'amplified'))).toBeCloseTo(OUTCOME_RATES.fishAmongIhc2, 1);
    const positive = cases.filter((c) => c.tumour.her2 === 'positive');
    expect(share(positive.map((c) => c.o.pcr === true))).toBeCloseTo(OUTCOME_RATES.pcrAmongPositive, 1);
    const negative = cases.filter((c) => c.tumour.her2 === 'negative');
    expect(share(negative.map((c) => c.o.her2Category === 'low'))).toBeCloseTo(OUTCOME_RATES.lowAmongNegative, 1);
    // Events before 60 months among all (censoring starts at 24 months, so this underestimates 1 - S(60) a little).
    const early = share(cases.map((c) => c.o.dfsEvent && c.o.dfsMonths <= 60));
    expect(early).toBeGreaterThan(0.05);
    expect(early).toBeLessThan(1 - OUTCOME_RATES.dfsAt60Months + 0.03);
  });

  it('leans each outcome on an imaging trait, so that a model can learn it', () => {
    const positive = cases.filter((c) => c.tumour.her2 === 'positive');
    const irregular = positive.filter((c) => c.tumour.shape === 'irregular');
    const regular = positive.filter((c) => c.tumour.shape !== 'irregular');
    expect(share(irregular.map((c) => c.o.pcr!))).toBeGreaterThan(share(regular.map((c) => c.o.pcr!)) + 0.1);
    const big = cases.filter((c) => c.tumour.diameterMm > 30);
    const small = cases.filter((c) => c.tumour.diameterMm < 20);
    expect(share(big.map((c) => c.o.dfsEvent))).toBeGreaterThan(share(small.map((c) => c.o.dfsEvent)));
  });

  it('is reproducible', () => {
    expect(sampleOutcomes(7, samplePhenotype(7))).toEqual(sampleOutcomes(7, samplePhenotype(7)));
  });
});
