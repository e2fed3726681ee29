// One case through a survival package: the ONNX score, its group and S(t) follow the manifest; SHAP adds up to the
// double-precision score; the event-probability threshold splits exactly where the score cut-off does.
import * as ort from 'onnxruntime-web';
import { DEMO_SETTINGS } from './demo-settings';
import { gaussian, mulberry32 } from './train/random';
import { buildSurvivalPackage, type SurvivalSet } from './survival-package';
import { createRiskScorer } from './survival-inference';
import { analyseSurvivalCase, cutoffMethod, cutoffNote, eventThreshold, survivalPackage } from './survival-case';
import { riskScore } from './survival-model';

const INPUTS = ['DCE2/intra/original_shape_Sphericity', 'DCE2/intra/original_firstorder_Mean'];

function cohort(n: number, seed: number): SurvivalSet {
  const u = mulberry32(seed);
  const z = gaussian(u);
  const x: number[][] = [];
  const time: number[] = [];
  const event: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [0.8 + 0.05 * z(), 100 + 20 * z()];
    const t = -Math.log(1 - u()) / (0.01 * Math.exp(0.8 * ((row[0] - 0.8) / 0.05)));
    const c = 12 + 84 * u();
    x.push(row);
    time.push(Math.min(t, c));
    event.push(t <= c ? 1 : 0);
  }
  return { x, time, event };
}

describe('analyseSurvivalCase', () => {
  it('gives the ONNX risk score, its group, S(t) at the stated times and SHAP values that add up', async () => {
    const files = await buildSurvivalPackage(cohort(150, 3), {
      id: 'dfs-case',
      name: 'DFS case test (synthetic)',
      version: '1.0.0',
      created: '2025-01-01',
      event: 'recurrence or death',
      timeUnit: 'months',
      times: [12, 36, 60],
      inputs: INPUTS,
      sequences: { DCE2: DEMO_SETTINGS.sequences.DCE2 },
      regions: DEMO_SETTINGS.regions,
      intendedUse: 'Research use only.',
      limitations: [],
      trainingData: { description: 'simulated', synthetic: true },
    });
    const pkg = survivalPackage(files.manifest, files.onnx);
    const m = pkg.manifest;
    const scorer = await createRiskScorer(ort, pkg.onnx, INPUTS.length);
    for (const x of [
      [0.9, 120],
      [0.7, 80],
    ]) {
      const r = await analyseSurvivalCase(pkg, scorer, x);
      expect(r.riskScore).toBeCloseTo(riskScore(files.model, x), 5);
      expect(r.group).toBe(r.riskScore >= m.survival.cutoff.value ? 1 : 0);
      expect(r.survival.map((s) => s.time)).toEqual([12, 36, 60]);
      r.survival.forEach((s, k) => expect(s.probability).toBe(m.survival.baselineSurvival[k] ** Math.exp(r.riskScore)));
      expect(r.eventProbability).toEqual({ time: 60, probability: 1 - r.survival[2].probability });
      // High risk exactly when the event probability by 60 months reaches the threshold.
      expect(r.eventProbability.probability >= eventThreshold(m)).toBe(r.group === 1);
      const e = r.explanation;
      expect(e.base + e.phi.reduce((s, p) => s + p, 0)).toBeCloseTo(e.value, 12);
      expect(e.value).toBeCloseTo(r.riskScore, 5);
    }
    await scorer.release();
    expect(() => survivalPackage({ ...m, inputs: m.inputs.slice(1) }, pkg.onnx)).toThrow(/2 coefficients/);
  });

  it('names how the cut-off was chosen, with the optimism of an optimal one', () => {
    expect(cutoffMethod('median risk score of the training set')).toBe('median');
    expect(cutoffMethod('optimal cut-off (maximally selected log-rank)')).toBe('optimal');
    expect(cutoffMethod('from the literature')).toBe('stated');
    const m = { survival: { cutoff: { value: 0.25, rule: 'optimal cut-off' } } } as Parameters<typeof cutoffNote>[0];
    expect(cutoffNote(m)).toMatch(/optimistic/);
  });
});
