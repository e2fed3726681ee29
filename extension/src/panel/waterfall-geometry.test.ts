import type { Explanation } from '@heron/server/contract';
import { axisTicks, waterfall, wrapWords } from './waterfall-geometry';

function explanation(shaps: number[], base = -0.4, space: Explanation['space'] = 'logodds'): Explanation {
  return {
    space,
    base,
    value: base + shaps.reduce((s, v) => s + v, 0),
    contributions: shaps.map((shap, i) => ({ input: `T2/intra/original_firstorder_F${i}`, value: i, shap })),
  };
}

describe('waterfall', () => {
  const e = explanation([0.3, -0.9, 0.05, 1.2, -0.02, 0.4, 0.01, -0.25]);

  it('shows the top N by |shap|, largest first, and sums the rest in one bar last', () => {
    const w = waterfall(e, 5);
    expect(w.bars.map((b) => (b.kind === 'rest' ? `rest×${b.count}` : b.input.slice(-2)))).toEqual([
      'F3',
      'F1',
      'F5',
      'F0',
      'F7',
      'rest×3',
    ]);
    expect(w.bars[5].shap).toBeCloseTo(0.05 - 0.02 + 0.01, 12);
  });

  it('adds up from the base to the model output, each bar starting where the one below ends', () => {
    const w = waterfall(e, 5);
    const bottom = w.bars[w.bars.length - 1];
    expect(bottom.start).toBe(e.base);
    expect(w.bars[0].end).toBeCloseTo(e.value, 12);
    for (let i = 0; i < w.bars.length; i++) {
      expect(w.bars[i].end).toBeCloseTo(w.bars[i].start + w.bars[i].shap, 12);
      if (i + 1 < w.bars.length) expect(w.bars[i].start).toBe(w.bars[i + 1].end);
    }
  });

  it('keeps every bar end, the base and the output inside the axis domain', () => {
    const w = waterfall(e, 3);
    const [lo, hi] = w.domain;
    for (const b of w.bars) for (const x of [b.start, b.end]) expect(x > lo && x < hi).toBe(true);
    expect(e.base > lo && e.value < hi).toBe(true);
  });

  it('has no rest bar when every input is shown, and shows a lone remaining input by name', () => {
    expect(waterfall(explanation([0.2, -0.1, 0.3]), 5).bars.map((b) => b.kind)).toEqual(['input', 'input', 'input']);
    const six = waterfall(explanation([0.6, 0.5, 0.4, 0.3, 0.2, 0.1]), 5);
    expect(six.bars).toHaveLength(6);
    expect(six.bars.every((b) => b.kind === 'input')).toBe(true);
  });

  it('carries the input value and out-of-range note to the bar', () => {
    const withNote: Explanation = {
      ...explanation([0.5]),
      contributions: [
        { input: 'T2/intra/original_shape_Sphericity', value: 0.31, shap: 0.5, outOfRange: 'below 0.45' },
      ],
    };
    expect(waterfall(withNote, 5).bars[0]).toMatchObject({ kind: 'input', inputValue: 0.31, outOfRange: 'below 0.45' });
  });

  it('gives a flat explanation an axis of its own', () => {
    const w = waterfall(explanation([0, 0], 0.3, 'probability'), 5);
    expect(w.domain[1] - w.domain[0]).toBeGreaterThan(0);
    expect(w.ticks.length).toBeGreaterThan(1);
  });
});

describe('axisTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(axisTicks(-0.43, 1.4, 'logodds').map((t) => t.label)).toEqual(['0.0', '0.5', '1.0']);
    expect(axisTicks(-0.93, 0.1, 'logodds').map((t) => t.label)).toEqual(['−0.8', '−0.6', '−0.4', '−0.2', '0.0']);
    expect(axisTicks(-2.2, 3.1, 'logodds').map((t) => t.label)).toEqual(['−2', '−1', '0', '1', '2', '3']);
  });

  it('labels the probability space in percent', () => {
    expect(axisTicks(0.18, 0.71, 'probability').map((t) => t.label)).toEqual([
      '20%',
      '30%',
      '40%',
      '50%',
      '60%',
      '70%',
    ]);
    expect(axisTicks(0.3, 0.32, 'probability').map((t) => t.label)).toEqual([
      '30.0%',
      '30.5%',
      '31.0%',
      '31.5%',
      '32.0%',
    ]);
  });
});

describe('wrapWords', () => {
  it('breaks at spaces within the width', () => {
    expect(wrapWords('texture: inverse difference moment normalised (GLCM)', 24)).toEqual([
      'texture: inverse',
      'difference moment',
      'normalised (GLCM)',
    ]);
    expect(wrapWords('short', 24)).toEqual(['short']);
    expect(wrapWords('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
  });
});
