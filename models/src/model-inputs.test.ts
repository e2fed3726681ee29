import type { RegionFeatures } from './case-features';
import type { KineticsResult } from '@heron/radiomics';
import { KINETIC_INPUTS, kineticInputValues } from './kinetic-inputs';
import { readFileSync } from 'node:fs';
import { INPUT_NAME, type Manifest, parseManifest } from './manifest';
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

describe('kinetic inputs DCE/kinetics/<name>', () => {
  const withKinetics = {
    inputs: ['DCE2/intra/original_shape_Sphericity', 'DCE/kinetics/ser', 'DCE/kinetics/initialEnhancementPercent'].map(
      (name) => ({ name }),
    ),
  } as unknown as Manifest;

  it('are named by the manifest pattern, and read from the kinetics of the outline', () => {
    expect(INPUT_NAME.test('DCE/kinetics/ser')).toBe(true);
    expect(INPUT_NAME.test('DCE/kinetics/washInSlopePercentPerMin')).toBe(true);
    expect(INPUT_NAME.test('DCE/kinetics/curveColour')).toBe(false);
    expect(INPUT_NAME.test('DCE2/intra/original_shape_Sphericity')).toBe(true);
    expect(inputSource('DCE/kinetics/ser')).toEqual({ kind: 'kinetics', name: 'ser' });
    const x = modelInputs(withKinetics, features, {}, { values: { ser: 1.2, initialEnhancementPercent: 140 } });
    expect([...x]).toEqual([0.8, 1.2, 140]);
  });

  it('say why when the DCE gives no curve, or the curve no SER', () => {
    expect(() => modelInputs(withKinetics, features, {}, { reason: 'the DCE has 1 phase' })).toThrow(
      "The model needs kinetic inputs this study's DCE does not give (the DCE has 1 phase): DCE/kinetics/ser, DCE/kinetics/initialEnhancementPercent.",
    );
    expect(() => modelInputs(withKinetics, features, {}, { values: { initialEnhancementPercent: 140 } })).toThrow(
      /does not give: DCE\/kinetics\/ser\./,
    );
  });

  it('kineticInputValues keeps the finite measures of an ok result and the reason of an unavailable one', () => {
    expect(kineticInputValues({ status: 'unavailable', reason: 'no pre-contrast phase' })).toEqual({
      reason: 'no pre-contrast phase',
    });
    const ok = {
      status: 'ok',
      initialEnhancementPercent: 120,
      peakEnhancementPercent: 140,
      timeToPeakS: 180,
      washInSlopePercentPerMin: 52.5,
      ser: null,
      delayedChangePercent: -18,
    } as unknown as KineticsResult;
    expect(kineticInputValues(ok)).toEqual({
      values: {
        initialEnhancementPercent: 120,
        peakEnhancementPercent: 140,
        timeToPeakS: 180,
        washInSlopePercentPerMin: 52.5,
        delayedChangePercent: -18,
      },
    });
    expect(KINETIC_INPUTS).toHaveLength(6);
  });
});

describe('a manifest naming kinetic inputs', () => {
  const demo = JSON.parse(readFileSync(new URL('../her2-demo/manifest.json', import.meta.url), 'utf8'));
  const training = demo.inputs[0].training;
  const withInput = (name: string) => ({
    ...demo,
    inputs: [...demo.inputs, { name, training }],
    explanation: { ...demo.explanation, background: demo.explanation.background.map((row: number[]) => [...row, 0]) },
  });

  it('is valid without extraction settings for a sequence called DCE', () => {
    expect(demo.sequences.DCE).toBeUndefined();
    expect(parseManifest(withInput('DCE/kinetics/ser')).inputs.at(-1)?.name).toBe('DCE/kinetics/ser');
  });

  it('names an unknown kinetic measure as a bad input name', () => {
    expect(() => parseManifest(withInput('DCE/kinetics/colour'))).toThrow(/DCE\/kinetics\/<name>/);
  });
});
