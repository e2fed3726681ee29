/** A complete, plausible Heron result for SR tests: two radiomics groups and a classifier with SHAP values. Test support only. */
import { code } from '../core/codes';
import type { ClassifierResult, RadiomicsGroup } from '../sr/report-input';
import type { SurvivalGroupInput } from '../sr/survival-input';

export function radiomicsGroups(seriesUid: string): RadiomicsGroup[] {
  return [
    {
      sequence: 'DCE2',
      region: 'intra',
      segmentNumber: 1,
      sourceSeriesInstanceUID: seriesUid,
      features: [
        { name: 'original_shape_MeshVolume', value: 1834.2 },
        { name: 'original_shape_Sphericity', value: 0.8123456789012345 },
        { name: 'original_firstorder_Kurtosis', value: 2.645 },
        { name: 'original_glcm_JointEntropy', value: 4.123456789 },
        { name: 'wavelet-HLL_glcm_Idmn', value: -1.2345678901234e-5 },
        { name: 'log-sigma-3-0-mm-3D_glszm_ZoneEntropy', value: 123456789012345680 },
        { name: 'original_firstorder_Mean', value: Number.NaN },
      ],
    },
    {
      sequence: 'DCE2',
      region: 'peri3mm',
      segmentNumber: 2,
      sourceSeriesInstanceUID: seriesUid,
      features: [{ name: 'original_firstorder_Mean', value: 0.30000000000000004 }],
    },
  ];
}

export function classifierResult(seriesUid: string): ClassifierResult {
  const shap = [
    { input: 'DCE2/intra/original_shape_Sphericity', value: -0.0132 },
    { input: 'DCE2/peri3mm/original_firstorder_Mean', value: 0.41 },
    { input: 'DCE2/intra/wavelet-HLL_glcm_Idmn', value: 0.2 },
    { input: 'clinical/ki67_high', value: 0.125 },
  ];
  const base = -0.3;
  const output = shap.reduce((s, x) => s + x.value, base);
  return {
    algorithmName: 'her2-onnx-classifier',
    algorithmVersion: '1.3.0',
    modelSha256: 'a'.repeat(64),
    coding: {
      subject: 'HER2',
      probability: code('HER2PROB', '99HER2AI', 'Probability of HER2-positive status'),
      prediction: code('HER2PRED', '99HER2AI', 'Predicted HER2 status'),
      classes: [
        code('431396003', 'SCT', 'Human epidermal growth factor 2 negative carcinoma of breast'),
        code('427685000', 'SCT', 'Human epidermal growth factor 2 positive carcinoma of breast'),
      ],
    },
    question: 'Is the tumour HER2-positive (IHC 3+ or ISH-amplified)?',
    probability: 1 / (1 + Math.exp(-output)),
    predictedClass: output > 0 ? 'positive' : 'negative',
    threshold: 0.5,
    shapSpace: 'log-odds',
    modelOutput: output,
    shapBaseValue: base,
    shap,
    segmentNumber: 1,
    sourceSeriesInstanceUID: seriesUid,
  };
}

/** A survival package's answer for SR tests: risk score, group, S(t) at three times and SHAP values that add up. */
export function survivalGroup(seriesUid: string): SurvivalGroupInput {
  const shap = [
    { input: 'DCE2/intra/original_shape_Sphericity', value: 0.21 },
    { input: 'DCE2/peri3mm/original_firstorder_Mean', value: -0.05 },
  ];
  const base = 0.02;
  const score = shap.reduce((s, x) => s + x.value, base);
  const s0 = [0.95, 0.85, 0.75];
  return {
    algorithmName: 'DFS test model (synthetic)',
    algorithmVersion: '1.0.0',
    modelSha256: 'b'.repeat(64),
    question: 'How high is the risk of recurrence or death (disease-free survival) after surgery?',
    riskScore: score,
    group: score >= 0.1 ? 'high' : 'low',
    groupNames: ['low risk', 'high risk'],
    cutoff: 0.1,
    cutoffRule: 'median risk score of the training set',
    event: 'recurrence, metastasis or death',
    timeUnit: 'months',
    survival: [12, 36, 60].map((time, k) => ({ time, probability: s0[k] ** Math.exp(score) })),
    shapBaseValue: base,
    modelOutput: score,
    shap,
    segmentNumber: 1,
    sourceSeriesInstanceUID: seriesUid,
  };
}
