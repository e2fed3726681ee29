import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AnalysisResult } from '@heron/server/contract';
import { RejectForm, ResultCard } from './ResultCard';

const result: AnalysisResult = {
  analysisId: 'a1',
  studyInstanceUID: '1.2.3',
  question: {
    id: 'her2-positive-vs-negative',
    text: 'Probability that the tumour is HER2-positive (rather than HER2-negative)',
  },
  classes: ['HER2-negative', 'HER2-positive'],
  probability: 0.734,
  predictedClass: 'HER2-positive',
  threshold: 0.45,
  model: {
    id: 'her2-demo',
    name: 'HER2 demo (logistic)',
    version: '0.3.0',
    sha256: '0123456789abcdef'.repeat(4),
    syntheticTraining: true,
    intendedUse: 'For research use only: assists a radiologist after their own reading.',
  },
  explanation: {
    space: 'logodds',
    base: -0.2,
    value: -0.2 + 0.9 + 0.6 - 0.3,
    contributions: [
      { input: 'DCE2/peri3mm/original_glcm_Idmn', value: 0.84, shap: 0.9 },
      { input: 'T2/intra/original_firstorder_Mean', value: 412, shap: 0.6 },
      { input: 'T2/intra/original_shape_Sphericity', value: 0.31, shap: -0.3, outOfRange: 'outside 0.45–0.98' },
    ],
  },
  warnings: ['T2/intra/original_shape_Sphericity = 0.31 is outside the training range (0.45–0.98)'],
  stored: { segSopInstanceUID: '1.2.3.4', srSopInstanceUID: '1.2.3.5' },
  verification: { state: 'UNVERIFIED' },
  createdAt: '2026-03-05T14:03:00Z',
  timings: {},
};

const noop = () => {};
const render = (r: AnalysisResult, busy?: boolean) =>
  renderToStaticMarkup(createElement(ResultCard, { result: r, onAccept: noop, onReject: noop, busy }));
// The start tag of the element with this test id.
const tag = (html: string, testId: string) => html.match(new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`))?.[0] ?? '';

describe('ResultCard', () => {
  const html = render(result);

  it('has the test ids the browser test uses', () => {
    for (const id of [
      'heron-result-card',
      'heron-probability',
      'heron-waterfall',
      'heron-explanation-sentence',
      'heron-accept',
      'heron-reject',
    ]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).not.toContain('data-testid="heron-verification"');
  });

  it('says which question the probability answers, against which threshold', () => {
    expect(html).toMatch(
      /data-testid="heron-question"[^>]*>Probability that the tumour is HER2-positive \(rather than HER2-negative\)</,
    );
    expect(html).toMatch(/data-testid="heron-probability"[^>]*>73%</);
    expect(html).toContain('decision threshold 45%');
    expect(html).toMatch(/data-testid="heron-predicted-class"[^>]*>HER2-positive</);
  });

  it('pairs the waterfall with a sentence', () => {
    expect(html).toContain(
      'The 3 mm rim&#x27;s texture on DCE phase 2 and the tumour&#x27;s T2 mean raised the probability most; the tumour&#x27;s sphericity on T2 lowered it.',
    );
    expect(html.split('data-testid="heron-waterfall-bar"').length - 1).toBe(3);
  });

  it('shows the warnings in words', () => {
    expect(html).toContain('data-testid="heron-result-warnings"');
    expect(html).toContain('T2 · tumour · shape: sphericity = 0.31 is outside the training range (0.45–0.98)');
  });

  it('names the model with a short hash and always states the intended use', () => {
    expect(html).toContain('HER2 demo (logistic) 0.3.0');
    expect(html).toContain('>0123456789ab<');
    expect(html).toContain('saved to the study (SEG and SR)');
    expect(html).toContain('For research use only: assists a radiologist after their own reading.');
    expect(html).toContain('Trained on synthetic data — not for clinical use.');
    const real = render({
      ...result,
      model: { ...result.model, syntheticTraining: false },
      stored: null,
      warnings: [],
    });
    expect(real).not.toContain('Trained on synthetic data');
    expect(real).toContain('For research use only. This result is not a diagnosis.');
    const siteModel = render({
      ...result,
      model: { ...result.model, intendedUse: 'Decision support for the tumour board.' },
    });
    expect(siteModel).toContain('For research use only. This result is not a diagnosis.');
    expect(real).toContain('not saved to the study');
    expect(real).not.toContain('heron-result-warnings');
  });

  it('disables Accept and Reject while busy', () => {
    expect(tag(html, 'heron-accept')).not.toContain('disabled');
    const busy = render(result, true);
    expect(tag(busy, 'heron-accept')).toContain('disabled');
    expect(tag(busy, 'heron-reject')).toContain('disabled');
  });

  it('says storing, then stored with the report UID, and signs nothing before it is stored', () => {
    const sr = '2.25.42';
    const storing = render({ ...result, stored: null, storage: { state: 'storing', srSopInstanceUID: sr } });
    expect(tag(storing, 'heron-storage')).toContain('data-storage="storing"');
    expect(storing).toContain('storing the SEG, the SR and the report PDF in the study…');
    expect(tag(storing, 'heron-accept')).toContain('disabled');
    expect(tag(storing, 'heron-reject')).toContain('disabled');
    expect(storing).toContain('You can sign the result once it is stored in the study.');
    const stored = render({ ...result, storage: { state: 'stored', srSopInstanceUID: sr } });
    expect(tag(stored, 'heron-storage')).toContain('data-storage="stored"');
    expect(tag(stored, 'heron-storage')).toContain(`title="Report (SR) ${sr}"`);
    expect(tag(stored, 'heron-accept')).not.toContain('disabled');
    expect(stored).not.toContain('heron-signoff-wait');
  });

  it('says what failed in a sentence, with Retry, and keeps the buttons disabled', () => {
    const message = 'The result was computed but its SEG, SR and PDF could not be stored in the study: timeout.';
    const failed = renderToStaticMarkup(
      createElement(ResultCard, {
        result: { ...result, stored: null, storage: { state: 'failed', message, srSopInstanceUID: '2.25.42' } },
        onAccept: noop,
        onReject: noop,
        onRetryStore: noop,
      }),
    );
    expect(tag(failed, 'heron-storage')).toContain('data-storage="failed"');
    expect(failed).toContain(message);
    expect(tag(failed, 'heron-retry-store')).not.toContain('disabled');
    expect(tag(failed, 'heron-accept')).toContain('disabled');
    expect(failed).toContain('store it (Retry) before signing it');
  });

  it('shows who accepted or rejected it, and when, instead of the buttons', () => {
    const verified = render({
      ...result,
      verification: { state: 'VERIFIED', reader: 'Dr Ada Byron', at: '2026-03-05T15:00:00Z' },
    });
    expect(verified).toContain('data-testid="heron-verification"');
    expect(verified).toContain('Accepted by <strong>Dr Ada Byron</strong>');
    expect(verified).not.toContain('heron-accept');
    expect(verified).not.toContain('heron-reject');
    const rejected = render({
      ...result,
      verification: {
        state: 'REJECTED',
        reader: 'Dr Grace',
        reason: 'outline misses the rim',
        at: '2026-03-05T15:00:00Z',
      },
    });
    expect(rejected).toContain('data-state="REJECTED"');
    expect(rejected).toContain('Rejected by <strong>Dr Grace</strong>');
    expect(rejected).toContain('outline misses the rim');
    expect(rejected).not.toContain('heron-accept');
  });
});

describe('RejectForm', () => {
  const render = (reason: string, busy: boolean) =>
    renderToStaticMarkup(createElement(RejectForm, { reason, busy, onReason: noop, onConfirm: noop, onCancel: noop }));

  it('asks for a reason before a rejection can be confirmed', () => {
    expect(render('', false)).toContain('data-testid="heron-reject-reason"');
    expect(tag(render('', false), 'heron-reject-confirm')).toContain('disabled');
    expect(tag(render('   ', false), 'heron-reject-confirm')).toContain('disabled');
    expect(tag(render('wrong lesion', false), 'heron-reject-confirm')).not.toContain('disabled');
  });

  it('is disabled while busy', () => {
    expect(tag(render('wrong lesion', true), 'heron-reject-confirm')).toContain('disabled');
    expect(tag(render('wrong lesion', true), 'heron-reject-reason')).toContain('disabled');
  });
});

describe('ResultCard of a survival package', () => {
  const survival: AnalysisResult = {
    ...result,
    question: {
      id: 'disease-free-survival',
      text: 'How high is the risk of recurrence or death (disease-free survival) after surgery?',
    },
    classes: ['low risk', 'high risk'],
    probability: 0.3,
    predictedClass: 'high risk',
    threshold: 0.18,
    explanation: { ...result.explanation, space: 'risk-score' },
    survival: {
      riskScore: 0.4257,
      group: 'high',
      groupName: 'high risk',
      cutoff: {
        value: -0.0123,
        rule: 'median risk score of the training set',
        method: 'median',
        note: 'High risk when the risk score is at least -0.0123 (median risk score of the training set); a median split is fixed before looking at outcomes and carries no selection optimism.',
      },
      event: 'recurrence, metastasis or death (simulated)',
      timeUnit: 'months',
      survival: [
        { time: 12, probability: 0.9832 },
        { time: 36, probability: 0.8898 },
        { time: 60, probability: 0.6997 },
      ],
    },
  };
  const html = render(survival);

  it('shows the risk group and score against the cut-off and how it was chosen, not a probability', () => {
    expect(html).toMatch(/data-testid="heron-risk-group"[^>]*>high risk</);
    expect(html).toMatch(/data-testid="heron-risk-score"[^>]*>0.426</);
    expect(html).toContain('cut-off −0.012 (median split of the training cohort)');
    expect(html).toContain('carries no selection optimism');
    expect(html).not.toContain('data-testid="heron-probability"');
    expect(html).not.toContain('decision threshold');
  });

  it('tabulates S(t) at the stated times and words the SHAP sentence for the risk score', () => {
    expect(html).toContain('data-testid="heron-survival-table"');
    for (const [t, p] of [
      ['12', '98%'],
      ['36', '89%'],
      ['60', '70%'],
    ])
      expect(html).toMatch(new RegExp(`<td[^>]*>${t} months</td><td[^>]*>${p}</td>`));
    expect(html).toContain('raised the risk score most');
    expect(html).toContain('raises the risk score');
    expect(html).toContain('Trained on synthetic data — not for clinical use.');
    expect(html).toContain('data-testid="heron-accept"');
  });

  it('warns about the optimism of an optimal cut-off', () => {
    const optimal = render({
      ...survival,
      survival: {
        ...survival.survival!,
        cutoff: { ...survival.survival!.cutoff, method: 'optimal', note: 'optimistic' },
      },
    });
    expect(optimal).toContain('(optimal cut-off on the training cohort)');
    expect(optimal).toMatch(/data-testid="heron-cutoff-note"[^>]*>optimistic</);
  });
});
