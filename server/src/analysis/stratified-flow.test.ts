// The stratified flow: the second stage runs only after a negative first answer, both answers come back, and a
// missing model is named.
import type { ModelSummary } from '../contract';
import { stratifiedHer2, stratifiedModels, type StageAnswer } from './stratified-flow';

const summary = (id: string, question: string): ModelSummary => ({
  id,
  name: id,
  version: '1.0.0',
  question,
  description: question,
  population: 'p',
  classes: ['a', 'b'],
  sequences: {},
  intendedUse: 'research',
  syntheticTraining: true,
  sha256: '0'.repeat(64),
});
const MODELS = [
  summary('pcr-demo', 'pcr-after-neoadjuvant'),
  summary('her2-low-demo', 'her2-low-vs-zero'),
  summary('her2-demo', 'her2-positive-vs-negative'),
];

describe('stratified HER2 flow (seed 002)', () => {
  it('after a HER2-negative answer, asks HER2-low vs zero and returns both', async () => {
    const calls: string[] = [];
    const answers: Record<string, StageAnswer> = {
      'her2-demo': { modelId: 'her2-demo', probability: 0.2, positive: false },
      'her2-low-demo': { modelId: 'her2-low-demo', probability: 0.7, positive: true },
    };
    const r = await stratifiedHer2(MODELS, async (id) => (calls.push(id), answers[id]));
    expect(calls).toEqual(['her2-demo', 'her2-low-demo']);
    expect(r.first.probability).toBe(0.2);
    expect(r.second?.probability).toBe(0.7);
    expect(r.skipped).toBeUndefined();
  });

  it('after a HER2-positive answer, does not run the second stage and says why', async () => {
    const calls: string[] = [];
    const r = await stratifiedHer2(MODELS, async (id) => {
      calls.push(id);
      return { modelId: id, probability: 0.9, positive: true };
    });
    expect(calls).toEqual(['her2-demo']);
    expect(r.second).toBeNull();
    expect(r.skipped).toMatch(/only to HER2-negative/);
  });

  it('names the missing model', () => {
    expect(() => stratifiedModels([MODELS[2]])).toThrow(/needs a model for HER2-low vs HER2-zero/);
    expect(() => stratifiedModels([MODELS[0]])).toThrow(/HER2-positive vs negative and HER2-low vs HER2-zero/);
  });
});
