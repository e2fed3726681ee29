// The committed demonstration packages of the questions beyond HER2-positive vs negative: each loads and verifies,
// answers its question, and says everywhere that it was trained on synthetic data. dfs-demo predicts in
// onnxruntime-web as the manifest says and explains its risk score exactly.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { readModelPackage } from './node';
import { parseSurvivalManifest } from './survival-manifest';
import { createRiskScorer } from './survival-inference';
import { explainRiskScore, survivalPrediction } from './survival-model';
import { decodeModel, readCoxModel } from './onnx/inspect';
import { sha256Hex } from './model-package';
import { QUESTION_INFO } from './questions';

const dir = (id: string) => new URL(`../${id}/`, import.meta.url).pathname;
const CLASSIFIERS = [
  ['her2-low-demo', 'her2-low-vs-zero'],
  ['fish-ihc2-demo', 'fish-status-ihc2plus'],
  ['pcr-demo', 'pcr-after-neoadjuvant'],
] as const;

describe('question demonstration packages', () => {
  it.each(CLASSIFIERS)(
    '%s loads, verifies and answers %s',
    async (id, question) => {
      const pkg = await readModelPackage(dir(id), { checkEngine: true });
      const m = pkg.manifest;
      expect(m.id).toBe(id);
      expect(m.task.question).toBe(question);
      expect(m.task.description).toBe(QUESTION_INFO[question].text);
      expect(m.task.classes).toEqual(QUESTION_INFO[question].classes);
      expect(m.trainingData.synthetic).toBe(true);
      expect(m.performance.find((p) => p.set === 'test')?.n).toBeGreaterThan(0);
      expect(readFileSync(`${dir(id)}MODEL_CARD.md`, 'utf8')).toMatch(
        /Trained on synthetic data\. Not for clinical use\./,
      );
    },
    60_000,
  );

  it('dfs-demo verifies, states risk group and survival at its times, and explains its score', async () => {
    const m = parseSurvivalManifest(JSON.parse(readFileSync(`${dir('dfs-demo')}manifest.json`, 'utf8')));
    const onnx = new Uint8Array(readFileSync(`${dir('dfs-demo')}model.onnx`));
    expect(await sha256Hex(onnx)).toBe(m.model.sha256);
    expect(m.trainingData.synthetic).toBe(true);
    expect(m.survival.times).toEqual([12, 36, 60]);
    expect(readFileSync(`${dir('dfs-demo')}MODEL_CARD.md`, 'utf8')).toMatch(
      /Trained on synthetic data\. Not for clinical use\./,
    );
    const scorer = await createRiskScorer(ort, onnx, m.inputs.length);
    const bg = m.explanation.background;
    const scores = await scorer.score(bg.flat(), bg.length);
    await scorer.release();
    // The training means score 0 by construction; the background's scores straddle the median cut-off.
    const p = survivalPrediction(m, scores[0]);
    expect(p.survival).toHaveLength(3);
    expect(p.survival[2].probability).toBeLessThanOrEqual(p.survival[0].probability);
    expect(scores.some((s) => s >= m.survival.cutoff.value)).toBe(true);
    expect(scores.some((s) => s < m.survival.cutoff.value)).toBe(true);
    // Shapley values of the score from the graph's own parameters: they add up, and the score is the graph's.
    const cox = readCoxModel(decodeModel(onnx))!;
    bg.slice(0, 5).forEach((row, i) => {
      const e = explainRiskScore(cox, row, bg);
      expect(Math.abs(e.phi.reduce((s, v) => s + v, 0) - (e.value - e.base))).toBeLessThan(1e-9);
      expect(e.value).toBeCloseTo(scores[i], 4);
    });
  }, 60_000);
});
