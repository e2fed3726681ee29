// Survival packages: the manifest schema refuses what cannot be read, the ONNX risk score agrees with the double
// precision one, risk group and survival probabilities follow from the manifest, and explanations add up.
import * as ort from 'onnxruntime-web';
import { DEMO_SETTINGS } from './demo-settings';
import { gaussian, mulberry32 } from './train/random';
import { buildSurvivalPackage, type SurvivalPackageInfo, type SurvivalSet } from './survival-package';
import { createRiskScorer } from './survival-inference';
import { parseSurvivalManifest } from './survival-manifest';
import { breslowBaseline, explainRiskScore, riskScore, survivalPrediction } from './survival-model';
import { survivalData } from './survival/survival-data';
import { ALL_QUESTIONS, QUESTION_INFO } from './questions';
import { decodeModel, readCoxModel, readLinearModel } from './onnx/inspect';

const INPUTS = ['DCE2/intra/original_shape_Sphericity', 'DCE2/intra/original_firstorder_Mean', 'clinical/age'];

/** Exponential event times with hazard 0.01 exp(0.8 x0 - 0.5 x1) per month, uniform censoring up to 96 months. */
function cohort(n: number, seed: number): SurvivalSet {
  const u = mulberry32(seed);
  const z = gaussian(u);
  const x: number[][] = [];
  const time: number[] = [];
  const event: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [0.8 + 0.05 * z(), 100 + 20 * z(), 50 + 10 * z()];
    const lp = 0.8 * ((row[0] - 0.8) / 0.05) - 0.5 * ((row[1] - 100) / 20);
    const t = -Math.log(1 - u()) / (0.01 * Math.exp(lp));
    const c = 12 + 84 * u();
    x.push(row);
    time.push(Math.round(Math.min(t, c) * 10) / 10);
    event.push(t <= c ? 1 : 0);
  }
  return { x, time, event };
}

const INFO: SurvivalPackageInfo = {
  id: 'dfs-test',
  name: 'DFS test model (synthetic)',
  version: '1.0.0',
  created: '2025-01-01',
  event: 'recurrence, metastasis or death',
  timeUnit: 'months',
  times: [12, 36, 60],
  inputs: INPUTS,
  sequences: { DCE2: DEMO_SETTINGS.sequences.DCE2 },
  regions: DEMO_SETTINGS.regions,
  intendedUse: 'Research use only.',
  limitations: ['Synthetic.'],
  trainingData: { description: 'simulated', synthetic: true },
};

describe('survival packages', () => {
  const train = cohort(200, 1);
  const test = cohort(100, 2);

  it('recovers the simulated effects, states the cut-off and the baseline survival at the stated times', async () => {
    const pkg = await buildSurvivalPackage(train, INFO, test);
    const m = pkg.manifest;
    expect(m.task.question).toBe('disease-free-survival');
    expect(m.model.fit).toBe('cox');
    // Coefficients on the standardised inputs: about +0.8, -0.5 and 0 (age has no effect).
    expect(pkg.model.coefficients[0]).toBeGreaterThan(0.5);
    expect(pkg.model.coefficients[1]).toBeLessThan(-0.25);
    expect(Math.abs(pkg.model.coefficients[2])).toBeLessThan(0.25);
    expect(m.survival.baselineSurvival).toHaveLength(3);
    expect(m.survival.cutoff.rule).toMatch(/median/);
    expect(m.performance.map((p) => p.set)).toEqual(['train', 'test']);
    expect(m.performance[1].concordance).toBeGreaterThan(0.6);
    expect(pkg.text['MODEL_CARD.md']).toMatch(/Trained on synthetic data\. Not for clinical use\./);
    expect(pkg.text['MODEL_CARD.md']).toMatch(/S\(t\) = S0\(t\)\^exp\(score\)/);
    // Half the training cases lie at or above the median cut-off.
    const high = train.x.filter((row) => riskScore(pkg.model, row) >= m.survival.cutoff.value).length;
    expect(high).toBe(100);
  });

  it('LASSO-Cox at a lambda shrinks the coefficients and says so', async () => {
    const cox = await buildSurvivalPackage(train, INFO);
    const lasso = await buildSurvivalPackage(train, { ...INFO, lambda: 0.05 });
    expect(lasso.manifest.model.fit).toBe('lasso-cox');
    const l1 = (b: number[]) => b.reduce((s, v) => s + Math.abs(v), 0);
    expect(l1(lasso.model.coefficients)).toBeLessThan(l1(cox.model.coefficients));
  });

  it('predicts in onnxruntime-web as in double precision; risk group and survival follow the manifest', async () => {
    const pkg = await buildSurvivalPackage(train, INFO);
    const m = pkg.manifest;
    const scorer = await createRiskScorer(ort, pkg.onnx, INPUTS.length);
    const scores = await scorer.score(test.x.flat(), test.x.length);
    await scorer.release();
    test.x.forEach((row, i) => expect(scores[i]).toBeCloseTo(riskScore(pkg.model, row), 4));
    const p = survivalPrediction(m, scores[0]);
    expect(p.group).toBe(scores[0] >= m.survival.cutoff.value ? 1 : 0);
    expect(p.groupName).toBe(m.survival.groups[p.group]);
    p.survival.forEach((s, k) => {
      expect(s.time).toBe(m.survival.times[k]);
      expect(s.probability).toBeCloseTo(m.survival.baselineSurvival[k] ** Math.exp(scores[0]), 12);
    });
    // Higher risk, lower survival at every time.
    const low = survivalPrediction(m, -1);
    const high = survivalPrediction(m, 1);
    low.survival.forEach((s, k) => expect(s.probability).toBeGreaterThan(high.survival[k].probability));
    expect(() => survivalPrediction(m, Number.NaN)).toThrow(/risk score is NaN/);
  });

  it('explains the risk score with Shapley values that add up to 1e-9', async () => {
    const pkg = await buildSurvivalPackage(train, INFO);
    for (const row of test.x.slice(0, 10)) {
      const e = explainRiskScore(pkg.model, row, pkg.manifest.explanation.background);
      const sum = e.phi.reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - (e.value - e.base))).toBeLessThan(1e-9);
      expect(e.value).toBeCloseTo(riskScore(pkg.model, row), 12);
    }
  });

  it('reads the risk-score parameters back from the graph, and no other graph as a Cox one', async () => {
    const pkg = await buildSurvivalPackage(train, INFO);
    const read = readCoxModel(decodeModel(pkg.onnx))!;
    read.coefficients.forEach((b, j) => expect(b).toBeCloseTo(pkg.model.coefficients[j], 6));
    read.mean.forEach((v, j) => expect(v).toBeCloseTo(pkg.model.mean[j], 4));
    expect(readLinearModel(decodeModel(pkg.onnx))).toBeUndefined();
  });

  it("Breslow's baseline matches a hand computation", () => {
    // Times 1, 2, 2, 3 (events 1, 1, 0, 1), scores 0: H0(2) = 1/4 + 1/3, H0(3) = H0(2) + 1/1.
    const d = survivalData([1, 2, 2, 3], [1, 1, 0, 1]);
    const s = breslowBaseline(d, [0, 0, 0, 0], [0.5, 2, 3]);
    expect(s[0]).toBe(1);
    expect(s[1]).toBeCloseTo(Math.exp(-(1 / 4 + 1 / 3)), 15);
    expect(s[2]).toBeCloseTo(Math.exp(-(1 / 4 + 1 / 3 + 1)), 15);
  });

  it('the schema refuses a manifest that cannot be read, with the path of each problem', async () => {
    const { manifest } = await buildSurvivalPackage(train, INFO);
    const bad = (patch: (m: Record<string, any>) => void) => {
      const m = structuredClone(manifest) as Record<string, any>;
      patch(m);
      return () => parseSurvivalManifest(m);
    };
    expect(bad((m) => (m.survival.baselineSurvival = [0.9, 0.95, 0.8]))).toThrow(/cannot rise/);
    expect(bad((m) => (m.survival.times = [12, 60, 36]))).toThrow(/must increase/);
    expect(bad((m) => (m.survival.baselineSurvival = [0.9]))).toThrow(/3 times but 1 baseline/);
    expect(bad((m) => (m.survival.baselineSurvival[0] = 1.2))).toThrow(/survival\.baselineSurvival\.0: must lie in/);
    expect(bad((m) => (m.task.question = 'her2-positive-vs-negative'))).toThrow(/task\.question/);
    expect(bad((m) => (m.inputs[0].name = 'T2/intra/original_shape_Sphericity'))).toThrow(/no settings/);
    expect(bad((m) => (m.explanation.background = [[1, 2]]))).toThrow(/must have 3 values/);
    expect(() => parseSurvivalManifest(manifest)).not.toThrow();
  });

  it('refuses a training set with no events or negative times', async () => {
    await expect(buildSurvivalPackage({ ...train, event: train.event.map(() => 0) }, INFO)).rejects.toThrow(
      /no events/,
    );
    await expect(
      buildSurvivalPackage({ ...train, time: train.time.map((t, i) => (i === 3 ? -1 : t)) }, INFO),
    ).rejects.toThrow(/case 4: time -1/);
  });
});

describe('the question catalogue', () => {
  it('states a question text and a population for every question, DFS as survival', () => {
    expect(ALL_QUESTIONS).toEqual([
      'her2-positive-vs-negative',
      'her2-low-vs-zero',
      'fish-status-ihc2plus',
      'pcr-after-neoadjuvant',
      'disease-free-survival',
    ]);
    for (const q of ALL_QUESTIONS) {
      expect(QUESTION_INFO[q].text).toMatch(/\?$/);
      expect(QUESTION_INFO[q].population.length).toBeGreaterThan(5);
    }
    expect(QUESTION_INFO['her2-low-vs-zero'].population).toBe('among HER2-negative tumours');
    expect(QUESTION_INFO['disease-free-survival'].kind).toBe('survival');
  });
});
