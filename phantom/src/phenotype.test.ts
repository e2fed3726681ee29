import { classifyCurve, curveEnhancement, curveModel, EARLY_TIME_S, LATE_TIME_S } from './kinetics';
import {
  HER2_POSITIVE_RATE,
  PHENOTYPE_DISTRIBUTIONS,
  samplePhenotype,
  type Her2Status,
  type TumourParameters,
} from './phenotype';
import { dceTiming } from './protocol';

const N = 3000;
const draws: Record<Her2Status, TumourParameters[]> = {
  negative: Array.from({ length: N }, (_, i) => samplePhenotype(i, 'negative')),
  positive: Array.from({ length: N }, (_, i) => samplePhenotype(i, 'positive')),
};

function share(status: Her2Status, test: (p: TumourParameters) => boolean): number {
  return draws[status].filter(test).length / N;
}

function mean(status: Her2Status, value: (p: TumourParameters) => number): number {
  return draws[status].reduce((sum, p) => sum + value(p), 0) / N;
}

describe('samplePhenotype', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(samplePhenotype(42)).toEqual(samplePhenotype(42));
    expect(samplePhenotype(42, 'positive')).toEqual(samplePhenotype(42, 'positive'));
    expect(samplePhenotype(42)).not.toEqual(samplePhenotype(43));
  });

  it('draws the HER2 status with the documented prevalence when none is given', () => {
    const positives = Array.from({ length: N }, (_, i) => samplePhenotype(i)).filter(
      (p) => p.her2 === 'positive',
    ).length;
    expect(positives / N).toBeCloseTo(HER2_POSITIVE_RATE, 1);
  });

  it.each(['negative', 'positive'] as const)('reproduces the documented HER2-%s proportions', (status) => {
    const d = PHENOTYPE_DISTRIBUTIONS[status];
    const tolerance = 0.035;
    expect(Math.abs(share(status, (p) => p.shape === 'irregular') - d.irregularShape)).toBeLessThan(tolerance);
    expect(Math.abs(share(status, (p) => p.margin !== 'circumscribed') - d.notCircumscribed)).toBeLessThan(tolerance);
    expect(Math.abs(share(status, (p) => p.necrosisFraction > 0) - d.necrosis)).toBeLessThan(tolerance);
    expect(Math.abs(share(status, (p) => p.oedemaExtentMm > 0) - d.oedema)).toBeLessThan(tolerance);
    for (const [pattern, expected] of Object.entries(d.enhancementPattern)) {
      expect(Math.abs(share(status, (p) => p.enhancementPattern === pattern) - expected)).toBeLessThan(tolerance);
    }
    for (const [curve, expected] of Object.entries(d.curveType)) {
      expect(Math.abs(share(status, (p) => p.kinetics.curveType === curve) - expected)).toBeLessThan(tolerance);
    }
    for (const [signal, expected] of Object.entries(d.t2Signal)) {
      expect(Math.abs(share(status, (p) => p.t2Signal === signal) - expected)).toBeLessThan(tolerance);
    }
    // Truncation at 8-60 mm and 600-1500 shifts the means a little.
    expect(Math.abs(mean(status, (p) => p.diameterMm) - d.diameterMm.mean)).toBeLessThan(1.5);
    expect(Math.abs(mean(status, (p) => p.adc) - d.adc.mean)).toBeLessThan(15);
  });

  it('makes HER2-positive tumours differ in the directions the seed studies report', () => {
    const more = (test: (p: TumourParameters) => boolean) => share('positive', test) - share('negative', test);
    expect(more((p) => p.margin !== 'circumscribed')).toBeGreaterThan(0.15);
    expect(more((p) => p.oedemaExtentMm > 0)).toBeGreaterThan(0.2);
    expect(more((p) => p.enhancementPattern === 'rim')).toBeGreaterThan(0.15);
    expect(more((p) => p.shape === 'irregular')).toBeGreaterThan(0.1);
    expect(more((p) => p.kinetics.curveType === 'washout')).toBeLessThan(-0.1);
    expect(more((p) => p.kinetics.curveType === 'plateau')).toBeGreaterThan(0.1);
    expect(mean('positive', (p) => p.adc) - mean('negative', (p) => p.adc)).toBeGreaterThan(70);
    expect(mean('positive', (p) => p.diameterMm)).toBeGreaterThan(mean('negative', (p) => p.diameterMm));
  });

  it('gives every tumour a time-intensity curve of its drawn type, also as sampled by the DCE phases', () => {
    for (const p of [...draws.negative.slice(0, 500), ...draws.positive.slice(0, 500)]) {
      const m = curveModel(p.kinetics);
      expect(curveEnhancement(m, EARLY_TIME_S)).toBeCloseTo(p.kinetics.initialEnhancement, 6);
      expect(classifyCurve(curveEnhancement(m, EARLY_TIME_S), curveEnhancement(m, LATE_TIME_S))).toBe(
        p.kinetics.curveType,
      );
      // A reader takes the peak of the first two minutes (the first two phases) and the last phase.
      const phases = dceTiming(p.textureSeed).phaseCentreS;
      const early = phases.filter((t) => t > 0 && t <= 160).map((t) => curveEnhancement(m, t));
      expect(classifyCurve(Math.max(...early), curveEnhancement(m, phases[phases.length - 1]))).toBe(
        p.kinetics.curveType,
      );
    }
  });
});
