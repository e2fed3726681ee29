// The stratified reading is offered only when both of its models are installed, first step first.
import type { ModelSummary } from '@heron/server/contract';
import { stratifiedChoice } from './stratified-choice';

const model = (id: string, question: string) => ({ id, question }) as ModelSummary;

describe('stratifiedChoice', () => {
  it('names the HER2-positive vs negative model first and the HER2-low vs zero model second', () => {
    const choice = stratifiedChoice([
      model('her2-low-demo', 'her2-low-vs-zero'),
      model('pcr-demo', 'pcr-after-neoadjuvant'),
      model('her2-demo', 'her2-positive-vs-negative'),
    ]);
    expect([choice?.first.id, choice?.second.id]).toEqual(['her2-demo', 'her2-low-demo']);
  });

  it('is not offered when either model is missing', () => {
    expect(stratifiedChoice([model('her2-demo', 'her2-positive-vs-negative')])).toBeNull();
    expect(stratifiedChoice([model('her2-low-demo', 'her2-low-vs-zero')])).toBeNull();
  });
});
