import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Explanation } from '@heron/server/contract';
import { ShapWaterfall } from './ShapWaterfall';

const explanation: Explanation = {
  space: 'logodds',
  base: -0.4,
  value: -0.4 + 0.9 + 0.6 - 0.5 + 0.2 - 0.1 + 0.05 + 0.02 - 0.01,
  contributions: [
    { input: 'DCE2/peri3mm/original_glcm_Idmn', value: 0.8421, shap: 0.9 },
    { input: 'T2/intra/original_firstorder_Mean', value: 412.3, shap: 0.6 },
    {
      input: 'DCE2/intra/original_shape_Sphericity',
      value: 0.31,
      shap: -0.5,
      outOfRange: 'DCE2/intra/original_shape_Sphericity = 0.31 is outside the training range 0.45 to 0.98',
    },
    { input: 'ADC/intra/original_firstorder_Median', value: 1.1, shap: 0.2 },
    { input: 'clinical/ki67_high', value: 1, shap: -0.1 },
    { input: 'DWI800/intra/original_glszm_ZoneEntropy', value: 5.2, shap: 0.05 },
    { input: 'DCE1/intra/original_ngtdm_Busyness', value: 3.3, shap: 0.02 },
    { input: 'DCE2/peri5mm/wavelet-LLH_firstorder_Mean', value: 2.2, shap: -0.01 },
  ],
};

const render = (e: Explanation, topN?: number) =>
  renderToStaticMarkup(createElement(ShapWaterfall, { explanation: e, topN }));
const count = (html: string, s: string) => html.split(s).length - 1;

describe('ShapWaterfall', () => {
  it('draws the top five inputs and one bar for the rest', () => {
    const html = render(explanation);
    expect(html).toContain('data-testid="heron-waterfall"');
    expect(count(html, 'data-testid="heron-waterfall-bar"')).toBe(6);
    expect(count(html, 'data-kind="rest"')).toBe(1);
    expect(html).toContain('3 other inputs');
  });

  it('follows topN', () => {
    expect(count(render(explanation, 3), 'data-testid="heron-waterfall-bar"')).toBe(4);
    expect(count(render(explanation, 8), 'data-kind="rest"')).toBe(0);
  });

  it('labels bars with readable names, input values and signed contributions', () => {
    const html = render(explanation);
    expect(html).toContain('texture: inverse difference');
    expect(html).toContain('DCE phase 2 · 3 mm rim around the tumour · value 0.842');
    expect(html).toContain('Ki-67 high');
    expect(html).toContain('+0.90');
    expect(html).toContain('−0.50');
    expect(html).toContain('⚠ shape: sphericity');
    expect(html).toContain(
      '(DCE phase 2 · tumour · shape: sphericity = 0.31 is outside the training range 0.45 to 0.98)',
    );
  });

  it('names the space on the axis and marks the base and the final value', () => {
    const html = render(explanation);
    expect(html).toContain('Model output (log-odds)');
    expect(html).toContain('Average case: −0.40');
    expect(html).toContain(`This case: ${explanation.value.toFixed(2)}`);
    const p = render({
      ...explanation,
      space: 'probability',
      base: 0.3,
      value: 0.3 + 0.05,
      contributions: [{ input: 'clinical/age', value: 54, shap: 0.05 }],
    });
    expect(p).toContain('Model output (probability)');
    expect(p).toContain('+5.0 pp');
    expect(p).toContain('This case: 35.0%');
  });
});
