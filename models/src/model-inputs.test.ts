import type { RegionFeatures } from './case-features';
import type { Manifest } from './manifest';
import { inputSource, modelInputs } from './model-inputs';

const manifest = {
  inputs: ['DCE2/intra/original_shape_Sphericity', 'DCE2/peri3mm/original_firstorder_Mean', 'clinical/ki67_high'].map(
    (name) => ({ name }),
  ),
} as unknown as Manifest;

const features: RegionFeatures = new Map([
  [
    'DCE2',
    new Map([
      ['intra', new Map([['original_shape_Sphericity', 0.8]])],
      ['peri3mm', new Map([['original_firstorder_Mean', 120]])],
    ]),
  ],
]);

describe('modelInputs', () => {
  it('reads each input from its sequence, region and feature, in the manifest order', () => {
    expect([...modelInputs(manifest, features, { ki67_high: 1 })]).toEqual([0.8, 120, 1]);
    expect(inputSource('clinical/ki67_high')).toEqual({ kind: 'clinical', name: 'ki67_high' });
    expect(inputSource('DCE2/intra/original_shape_Sphericity')).toEqual({
      kind: 'feature',
      sequence: 'DCE2',
      region: 'intra',
      feature: 'original_shape_Sphericity',
    });
  });

  it('names the clinical inputs missing first, then the features that could not be computed', () => {
    expect(() => modelInputs(manifest, features)).toThrow('The model needs these clinical inputs: ki67_high.');
    const noShell: RegionFeatures = new Map([
      ['DCE2', new Map([['intra', new Map([['original_shape_Sphericity', Number.NaN]])]])],
    ]);
    expect(() => modelInputs(manifest, noShell, { ki67_high: 0 })).toThrow(
      'These model inputs could not be computed on this outline: DCE2/intra/original_shape_Sphericity, DCE2/peri3mm/original_firstorder_Mean.',
    );
  });
});
