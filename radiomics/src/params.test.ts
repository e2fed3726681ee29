import { readFileSync, readdirSync } from 'node:fs';
import { defaultParams, parseParams } from './params';
import { DEFAULT_SETTINGS } from './settings';
import { referencePath } from './testing/reference';

test('PyRadiomics defaults without a parameter file: Original, 7 classes (no shape2D), 107 features', () => {
  const params = defaultParams();
  expect(params.settings).toEqual(DEFAULT_SETTINGS);
  expect(params.imageTypes).toEqual([{ name: 'Original', settings: {} }]);
  expect(params.featureClasses.map((c) => c.name)).toEqual([
    'firstorder',
    'glcm',
    'gldm',
    'glrlm',
    'glszm',
    'ngtdm',
    'shape',
  ]);
  expect(params.featureClasses.reduce((n, c) => n + c.features.length, 0)).toBe(107);
});

test('every example parameter file from PyRadiomics and the benchmark is accepted', () => {
  const files = [
    ...readdirSync(referencePath('pyradiomics/exampleSettings')).map((f) => `pyradiomics/exampleSettings/${f}`),
    'pyradiomics/other/pyradiomics-dcm_Pyradiomics_Params.yaml',
    'bench/params_original.yaml',
    'bench/params_full.yaml',
  ];
  for (const file of files) expect(() => parseParams(readFileSync(referencePath(file), 'utf8'), file)).not.toThrow();
});

test('settings, per-image-type settings and named features are read; nulls mean "not set"', () => {
  const params = parseParams(`
setting:
  binWidth: 5
  resampledPixelSpacing:
  weightingNorm: no_weighting
  distances: [1, 2]
imageType:
  Original: {}
  LoG: {sigma: [1.0, 3.0], binWidth: 10}
featureClass:
  glcm: [Contrast, Idmn, Contrast]
  shape: [Compactness1]
  firstorder:
`);
  expect(params.settings.binWidth).toBe(5);
  expect(params.settings.resampledPixelSpacing).toBeNull();
  expect(params.settings.weightingNorm).toBe('no_weighting');
  expect(params.settings.distances).toEqual([1, 2]);
  expect(params.imageTypes).toEqual([
    { name: 'Original', settings: {} },
    { name: 'LoG', settings: { sigma: [1, 3], binWidth: 10 } },
  ]);
  expect(params.featureClasses).toEqual([
    { name: 'glcm', features: ['Contrast', 'Idmn'], explicit: true },
    { name: 'shape', features: ['Compactness1'], explicit: true },
    expect.objectContaining({ name: 'firstorder', explicit: false }),
  ]);
});

test('JSON parameter files work too', () => {
  expect(parseParams('{"setting": {"binCount": 32}, "featureClass": {"ngtdm": []}}').settings.binCount).toBe(32);
});

describe('typos and bad values are errors that name the key and what is allowed', () => {
  test.each([
    [
      'setting:\n  binwidth: 25',
      /unknown setting "binwidth" \(did you mean "binWidth"\?\)\. Allowed: minimumROIDimensions, .*binWidth/,
    ],
    [
      'settings:\n  binWidth: 25',
      /unknown section "settings" \(did you mean "setting"\?\)\. Allowed: setting, imageType, featureClass, voxelSetting/,
    ],
    ['setting:\n  binWidth: -1', /setting\.binWidth must be > 0, got -1/],
    ['setting:\n  binWidth: wide', /setting\.binWidth must be a number, got "wide"/],
    ['setting:\n  binCount: 6.5', /setting\.binCount must be an integer, got 6.5/],
    ['setting:\n  force2D: yes please', /setting\.force2D must be true or false/],
    ['setting:\n  resegmentMode: percent', /resegmentMode must be one of absolute, relative, sigma; got "percent"/],
    ['setting:\n  minimumROIDimensions: 4', /minimumROIDimensions must be <= 3, got 4/],
    ['setting:\n  distances: [1, 0]', /distances\[1\] must be > 0, got 0/],
    ['setting:\n  interpolator: cubic', /interpolator must be one of sitkNearestNeighbor, .*; got "cubic"/],
    ['setting:\n  wavelet: coif99', /wavelet must be one of haar, dmey, db1/],
    [
      'imageType:\n  Wavelets: {}',
      /unknown image type "Wavelets" \(did you mean "Wavelet"\?\)\. Allowed: Original, LoG, Wavelet/,
    ],
    ['imageType:\n  LoG: {sigmas: [1]}', /imageType\.LoG: unknown setting "sigmas" \(did you mean "sigma"\?\)/],
    ['featureClass:\n  glmc:', /unknown feature class "glmc" \(did you mean "glcm"\?\)\. Allowed: firstorder, glcm/],
    [
      'featureClass:\n  glcm: [Contrats]',
      /featureClass\.glcm: unknown feature "Contrats" \(did you mean "Contrast"\?\)/,
    ],
    [
      'featureClass:\n  glcm: [SumVariance]',
      /"SumVariance" is deprecated and PyRadiomics computes no value for it \(it equals ClusterTendency\)/,
    ],
    ['featureClass:\n  glcm: Contrast', /featureClass\.glcm must be a list of feature names/],
    ['voxelSetting:\n  kernelRadius: 0', /voxelSetting\.kernelRadius has an invalid value 0/],
    ['setting: [1, 2', /not valid YAML or JSON/],
  ])('%s', (text, message) => {
    expect(() => parseParams(text, 'params.yaml')).toThrow(message);
  });
});
