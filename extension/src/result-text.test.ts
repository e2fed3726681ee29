import type { Contribution, Explanation } from '@heron/server/contract';
import {
  describeInput,
  explanationSentence,
  formatContribution,
  formatInputValue,
  formatOutput,
  formatProbability,
  formatTimestamp,
  readableInput,
  readableWarning,
} from './result-text';

// Every feature PyRadiomics computes (radiomics/src/feature-classes.ts), with its deprecated names.
const PYRADIOMICS_FEATURES: Record<string, string[]> = {
  firstorder: [
    '10Percentile',
    '90Percentile',
    'Energy',
    'Entropy',
    'InterquartileRange',
    'Kurtosis',
    'Maximum',
    'Mean',
    'MeanAbsoluteDeviation',
    'Median',
    'Minimum',
    'Range',
    'RobustMeanAbsoluteDeviation',
    'RootMeanSquared',
    'Skewness',
    'TotalEnergy',
    'Uniformity',
    'Variance',
    'StandardDeviation',
  ],
  glcm: [
    'Autocorrelation',
    'ClusterProminence',
    'ClusterShade',
    'ClusterTendency',
    'Contrast',
    'Correlation',
    'DifferenceAverage',
    'DifferenceEntropy',
    'DifferenceVariance',
    'Id',
    'Idm',
    'Idmn',
    'Idn',
    'Imc1',
    'Imc2',
    'InverseVariance',
    'JointAverage',
    'JointEnergy',
    'JointEntropy',
    'MCC',
    'MaximumProbability',
    'SumAverage',
    'SumEntropy',
    'SumSquares',
    'Dissimilarity',
    'Homogeneity1',
    'Homogeneity2',
    'SumVariance',
  ],
  gldm: [
    'DependenceEntropy',
    'DependenceNonUniformity',
    'DependenceNonUniformityNormalized',
    'DependenceVariance',
    'GrayLevelNonUniformity',
    'GrayLevelVariance',
    'HighGrayLevelEmphasis',
    'LargeDependenceEmphasis',
    'LargeDependenceHighGrayLevelEmphasis',
    'LargeDependenceLowGrayLevelEmphasis',
    'LowGrayLevelEmphasis',
    'SmallDependenceEmphasis',
    'SmallDependenceHighGrayLevelEmphasis',
    'SmallDependenceLowGrayLevelEmphasis',
  ],
  glrlm: [
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'GrayLevelVariance',
    'HighGrayLevelRunEmphasis',
    'LongRunEmphasis',
    'LongRunHighGrayLevelEmphasis',
    'LongRunLowGrayLevelEmphasis',
    'LowGrayLevelRunEmphasis',
    'RunEntropy',
    'RunLengthNonUniformity',
    'RunLengthNonUniformityNormalized',
    'RunPercentage',
    'RunVariance',
    'ShortRunEmphasis',
    'ShortRunHighGrayLevelEmphasis',
    'ShortRunLowGrayLevelEmphasis',
  ],
  glszm: [
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'GrayLevelVariance',
    'HighGrayLevelZoneEmphasis',
    'LargeAreaEmphasis',
    'LargeAreaHighGrayLevelEmphasis',
    'LargeAreaLowGrayLevelEmphasis',
    'LowGrayLevelZoneEmphasis',
    'SizeZoneNonUniformity',
    'SizeZoneNonUniformityNormalized',
    'SmallAreaEmphasis',
    'SmallAreaHighGrayLevelEmphasis',
    'SmallAreaLowGrayLevelEmphasis',
    'ZoneEntropy',
    'ZonePercentage',
    'ZoneVariance',
  ],
  ngtdm: ['Busyness', 'Coarseness', 'Complexity', 'Contrast', 'Strength'],
  shape: [
    'Elongation',
    'Flatness',
    'LeastAxisLength',
    'MajorAxisLength',
    'Maximum2DDiameterColumn',
    'Maximum2DDiameterRow',
    'Maximum2DDiameterSlice',
    'Maximum3DDiameter',
    'MeshVolume',
    'MinorAxisLength',
    'Sphericity',
    'SurfaceArea',
    'SurfaceVolumeRatio',
    'VoxelVolume',
    'Compactness1',
    'Compactness2',
    'SphericalDisproportion',
  ],
  shape2D: [
    'Elongation',
    'MajorAxisLength',
    'MaximumDiameter',
    'MeshSurface',
    'MinorAxisLength',
    'Perimeter',
    'PerimeterSurfaceRatio',
    'PixelSurface',
    'Sphericity',
  ],
};

describe('readableInput', () => {
  it('names sequence, region and feature', () => {
    expect(readableInput('DCE2/peri3mm/original_glcm_Idmn')).toBe(
      'DCE phase 2 · 3 mm rim around the tumour · texture: inverse difference moment normalised (GLCM)',
    );
    expect(readableInput('T2/intra/original_firstorder_Mean')).toBe('T2 · tumour · intensity: mean');
    expect(readableInput('DCE2/intra/original_shape_Sphericity')).toBe('DCE phase 2 · tumour · shape: sphericity');
    expect(readableInput('DCE1/intra/original_shape2D_PerimeterSurfaceRatio')).toBe(
      'DCE phase 1 · tumour · 2D shape: perimeter-to-area ratio',
    );
  });

  it('knows the sequence codes', () => {
    const where = (seq: string) => describeInput(`${seq}/intra/original_firstorder_Mean`).where;
    expect(where('DCE0')).toBe('DCE pre-contrast · tumour');
    expect(where('DCE3')).toBe('DCE phase 3 · tumour');
    expect(where('T2')).toBe('T2 · tumour');
    expect(where('DWI1000')).toBe('DWI b=1000 · tumour');
    expect(where('ADC')).toBe('ADC · tumour');
  });

  it('knows whole and fractional millimetre shells', () => {
    expect(describeInput('ADC/peri5mm/original_firstorder_Median').where).toBe('ADC · 5 mm rim around the tumour');
    expect(describeInput('ADC/peri2.5mm/original_firstorder_Median').where).toBe('ADC · 2.5 mm rim around the tumour');
  });

  it('names every texture class and the grey-level families in words', () => {
    const what = (cls: string, f: string) => describeInput(`T2/intra/original_${cls}_${f}`).what;
    expect(what('glrlm', 'GrayLevelNonUniformityNormalized')).toBe(
      'texture: normalised grey-level non-uniformity (GLRLM)',
    );
    expect(what('glszm', 'SmallAreaLowGrayLevelEmphasis')).toBe('texture: small area low grey-level emphasis (GLSZM)');
    expect(what('gldm', 'DependenceNonUniformity')).toBe('texture: dependence non-uniformity (GLDM)');
    expect(what('ngtdm', 'Busyness')).toBe('texture: busyness (NGTDM)');
    expect(what('glcm', 'Imc2')).toBe('texture: informational measure of correlation 2 (GLCM)');
    expect(what('glcm', 'MCC')).toBe('texture: maximal correlation coefficient (GLCM)');
    expect(what('firstorder', '10Percentile')).toBe('intensity: 10th percentile');
    expect(what('shape', 'Maximum2DDiameterSlice')).toBe('shape: maximum 2D diameter, axial');
  });

  it('turns every PyRadiomics feature into lower-case words', () => {
    for (const [cls, features] of Object.entries(PYRADIOMICS_FEATURES)) {
      for (const f of features) {
        const words = describeInput(`T2/intra/original_${cls}_${f}`).what.replace(
          / \((GLCM|GLRLM|GLSZM|GLDM|NGTDM)\)$/,
          '',
        );
        expect(words).not.toMatch(/[a-z][A-Z]|Gray|gray|Normalized/);
        expect(words).toMatch(/^(intensity|texture|shape|2D shape): [a-z0-9]/);
      }
    }
  });

  it('names the filtered images', () => {
    const what = (image: string) => describeInput(`DCE2/intra/${image}_glcm_Contrast`).what;
    expect(what('log-sigma-3-0-mm-3D')).toBe('texture: contrast (GLCM, LoG σ 3 mm)');
    expect(what('log-sigma-1-5-mm-3D')).toBe('texture: contrast (GLCM, LoG σ 1.5 mm)');
    expect(what('wavelet-HLL')).toBe('texture: contrast (GLCM, wavelet HLL)');
    expect(what('wavelet2-LLL')).toBe('texture: contrast (GLCM, wavelet level 2 LLL)');
    expect(what('square')).toBe('texture: contrast (GLCM, squared)');
    expect(what('squareroot')).toBe('texture: contrast (GLCM, square root)');
    expect(what('logarithm')).toBe('texture: contrast (GLCM, logarithm)');
    expect(what('exponential')).toBe('texture: contrast (GLCM, exponential)');
    expect(what('gradient')).toBe('texture: contrast (GLCM, gradient magnitude)');
    expect(what('lbp-2D')).toBe('texture: contrast (GLCM, LBP 2D)');
    expect(what('lbp-3D-m1')).toBe('texture: contrast (GLCM, LBP 3D level 1)');
    expect(what('lbp-3D-k')).toBe('texture: contrast (GLCM, LBP 3D kurtosis)');
    expect(describeInput('T2/intra/wavelet-LLH_firstorder_Mean').what).toBe('intensity: mean (wavelet LLH)');
  });

  it('reads clinical inputs', () => {
    expect(readableInput('clinical/ki67_high')).toBe('clinical · Ki-67 high');
    expect(readableInput('clinical/age')).toBe('clinical · age');
  });

  it('keeps a name it cannot parse', () => {
    expect(readableInput('something')).toBe('something');
    expect(readableInput('T2/core/original_firstorder_Mean')).toBe('T2/core/original_firstorder_Mean');
  });
});

describe('readableWarning', () => {
  it('puts the input names of a server warning into words', () => {
    expect(readableWarning('T2/intra/original_shape_Sphericity = 0.31 is outside the training range (0.45–0.98)')).toBe(
      'T2 · tumour · shape: sphericity = 0.31 is outside the training range (0.45–0.98)',
    );
    expect(readableWarning('The ROI is small (40 voxels)')).toBe('The ROI is small (40 voxels)');
  });
});

describe('explanationSentence', () => {
  const sentence = (contributions: Array<Pick<Contribution, 'input' | 'shap'>>) => {
    const explanation: Explanation = {
      space: 'logodds',
      base: 0,
      value: contributions.reduce((s, c) => s + c.shap, 0),
      contributions: contributions.map((c) => ({ ...c, value: 1 })),
    };
    return explanationSentence({ explanation });
  };

  it('names the two strongest inputs each way', () => {
    expect(
      sentence([
        { input: 'DCE2/intra/original_shape_Sphericity', shap: -0.5 },
        { input: 'T2/intra/original_firstorder_Mean', shap: 0.6 },
        { input: 'DCE2/peri3mm/original_glcm_Idmn', shap: 0.9 },
        { input: 'ADC/intra/original_firstorder_Median', shap: 0.2 },
      ]),
    ).toBe(
      "The 3 mm rim's texture on DCE phase 2 and the tumour's T2 mean raised the probability most; the tumour's sphericity on DCE phase 2 lowered it.",
    );
  });

  it('does not name the same phrase twice', () => {
    expect(
      sentence([
        { input: 'DCE2/peri3mm/original_glcm_Idmn', shap: 0.9 },
        { input: 'DCE2/peri3mm/original_glrlm_RunEntropy', shap: 0.8 },
        { input: 'clinical/ki67_high', shap: 0.7 },
        { input: 'DWI800/intra/original_firstorder_Mean', shap: -0.3 },
        { input: 'ADC/intra/original_firstorder_10Percentile', shap: -0.2 },
      ]),
    ).toBe(
      "The 3 mm rim's texture on DCE phase 2 and Ki-67 high raised the probability most; the tumour's DWI b=800 mean and the tumour's ADC 10th percentile lowered it.",
    );
  });

  it('leaves out negligible inputs and says when nothing pushed one way', () => {
    expect(
      sentence([
        { input: 'T2/intra/original_firstorder_Mean', shap: -1 },
        { input: 'DCE2/intra/original_shape_Sphericity', shap: 0.05 },
      ]),
    ).toBe("The tumour's T2 mean lowered the probability most; no input raised it noticeably.");
    expect(sentence([{ input: 'T2/intra/original_firstorder_Mean', shap: 1 }])).toBe(
      "The tumour's T2 mean raised the probability most; no input lowered it noticeably.",
    );
    expect(sentence([{ input: 'T2/intra/original_firstorder_Mean', shap: 0 }])).toBe(
      'No input moved the probability away from that of the average case.',
    );
  });
});

describe('numbers', () => {
  it('formats probabilities as whole percentages without false certainty', () => {
    expect(formatProbability(0.734)).toBe('73%');
    expect(formatProbability(0.5)).toBe('50%');
    expect(formatProbability(0.004)).toBe('<1%');
    expect(formatProbability(0.996)).toBe('>99%');
    expect(formatProbability(0.01)).toBe('1%');
  });

  it('signs contributions in their space', () => {
    expect(formatContribution(0.4231, 'logodds')).toBe('+0.42');
    expect(formatContribution(-0.18, 'logodds')).toBe('−0.18');
    expect(formatContribution(0.0042, 'logodds')).toBe('+0.004');
    expect(formatContribution(0.042, 'probability')).toBe('+4.2 pp');
    expect(formatContribution(-0.0003, 'probability')).toBe('−0.03 pp');
  });

  it('formats model outputs in their space', () => {
    expect(formatOutput(-0.4, 'logodds')).toBe('−0.40');
    expect(formatOutput(1.234, 'logodds')).toBe('1.23');
    expect(formatOutput(0.35, 'probability')).toBe('35.0%');
  });

  it('gives input values three significant digits', () => {
    expect(formatInputValue(0.8421)).toBe('0.842');
    expect(formatInputValue(1234.5)).toBe('1230');
    expect(formatInputValue(-0.5)).toBe('−0.5');
    expect(formatInputValue(1)).toBe('1');
  });

  it('formats timestamps in local time and keeps unreadable ones', () => {
    const d = new Date(2026, 2, 5, 14, 3);
    expect(formatTimestamp(d.toISOString())).toBe('2026-03-05 14:03');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
});
