import * as ort from 'onnxruntime-web';
import { buildPackage, type PackageInfo } from '../build-package';
import { explainCase } from '../explain';
import { createPredictor } from '../inference';
import { loadModelPackage } from '../model-package';
import { fClassif } from '../stats/f-classif';
import { combinedNomogram } from '../report/report';
import { pointsOf } from '../stats/nomogram';
import { parseIccVerdicts } from './icc-filter';
import { gaussian, mulberry32 } from './random';
import { type LabelledSet, trainModel } from './train-model';

/** Cases with three informative features (one of them duplicated with noise, to be dropped as collinear), noise
 *  features and one clinical variable. */
function cohort(n: number, seed: number): LabelledSet {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const y = Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
  const features = new Map<string, Float64Array>();
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const a = col((i) => 100 + 20 * y[i] + 15 * normal());
  features.set('DCE2/intra/original_firstorder_Mean', a);
  features.set(
    'DCE2/intra/original_firstorder_Median',
    col((i) => a[i] + 2 * normal()),
  );
  features.set(
    'T2/intra/original_glcm_Contrast',
    col((i) => 5 - 1.5 * y[i] + 2 * normal()),
  );
  features.set(
    'DWI/intra/original_firstorder_Energy',
    col((i) => 1e6 * (1 + 0.4 * y[i] + 0.6 * Math.abs(normal()))),
  );
  for (let k = 0; k < 6; k++)
    features.set(
      `T2/intra/original_glrlm_Noise${k}`,
      col(() => normal()),
    );
  return {
    ids: y.map((_, i) => `c${seed}-${i}`),
    features,
    clinical: new Map([['ki67_high', col((i) => (random() < 0.3 + 0.4 * y[i] ? 1 : 0))]]),
    y,
  };
}

const info: PackageInfo = {
  id: 'unit-test',
  name: 'Unit-test model',
  version: '0.0.1',
  created: '2025-01-01',
  question: 'her2-positive-vs-negative',
  description: 'HER2-positive vs HER2-negative.',
  classes: ['HER2-negative', 'HER2-positive'],
  sequences: {
    DCE2: {
      description: 'DCE phase 2',
      source: { role: 'dce', phase: 2 },
      regions: ['intra'],
      params: { setting: { binWidth: 25 } },
    },
    T2: { description: 'T2', source: { role: 't2' }, regions: ['intra'], params: { setting: { binWidth: 25 } } },
    DWI: {
      description: 'DWI',
      source: { role: 'dwi', bValue: 800 },
      regions: ['intra'],
      params: { setting: { binWidth: 25 } },
    },
  },
  regions: [{ name: 'intra', kind: 'tumour' }],
  intendedUse: 'Tests only.',
  limitations: ['Synthetic.'],
  trainingData: { description: 'Synthetic unit-test cohort', synthetic: true },
};

describe('training pipeline', () => {
  const train = cohort(240, 1);
  const test = cohort(120, 2);

  it('screens, fits the LASSO and evaluates; the package loads, predicts and explains', async () => {
    const model = trainModel(train, [{ name: 'test', set: test }], {
      algo: 'lasso-lr',
      folds: 5,
      seed: 3,
      clinical: [],
    });
    expect(model.inputs).toContain('DCE2/intra/original_firstorder_Mean');
    expect(model.inputs).not.toContain('DCE2/intra/original_firstorder_Median');
    expect(model.screening.removedCollinear).toBeGreaterThanOrEqual(1);
    expect(model.evaluations[1].auc.auc).toBeGreaterThan(0.7);
    expect(model.gdi?.to).toBe('test');
    const files = await buildPackage(model, info);
    const pkg = await loadModelPackage(JSON.parse(files.text['manifest.json']), files.onnx, { checkEngine: false });
    const predictor = await createPredictor(ort, pkg.onnx, pkg.manifest.inputs.length);
    const x = pkg.manifest.explanation.background[0];
    const e = await explainCase(pkg, predictor, x);
    expect(e.shap.method).toBe('linear');
    expect(Math.abs(e.shap.value - e.logit)).toBeLessThan(1e-5);
    const far = x.map((v, j) => (j === 0 ? pkg.manifest.inputs[0].training.max * 10 + 1 : v));
    expect((await explainCase(pkg, predictor, far)).warnings[0].kind).toBe('outside-range');
    expect(files.text['REPORT.md']).toContain('Generalization decay index');
  });

  it('is byte-for-byte reproducible for a fixed seed', async () => {
    const a = await buildPackage(
      trainModel(train, [{ name: 'test', set: test }], { algo: 'lasso-lr', folds: 5, seed: 3, clinical: [] }),
      info,
    );
    const b = await buildPackage(
      trainModel(train, [{ name: 'test', set: test }], { algo: 'lasso-lr', folds: 5, seed: 3, clinical: [] }),
      info,
    );
    expect(Buffer.from(a.onnx).equals(Buffer.from(b.onnx))).toBe(true);
    expect(a.text).toEqual(b.text);
  });

  it('builds a combined Rad-score + clinical model with DeLong tests, and a boosted-tree model', async () => {
    const combined = trainModel(train, [{ name: 'test', set: test }], {
      algo: 'lasso-lr',
      folds: 5,
      seed: 3,
      clinical: ['ki67_high'],
    });
    expect(combined.inputs.at(-1)).toBe('clinical/ki67_high');
    expect(combined.delong.map((d) => d.set)).toEqual(['train', 'test']);
    // The nomogram reads back the combined model's probability; the bootstrap calibration is in the report and card.
    const nomo = combinedNomogram(combined)!;
    expect(nomo.variables.map((v) => v.name)).toEqual(['Rad-score', 'ki67_high']);
    const c = combined.combined!;
    for (const [rs, ki] of [
      [c.ranges['Rad-score'][0], 0],
      [0.3, 1],
      [c.ranges['Rad-score'][1], 1],
    ]) {
      const total =
        pointsOf({ name: 'Rad-score', coefficient: c.radScore, range: c.ranges['Rad-score'] }, nomo.pointsPerLp, rs) +
        pointsOf({ name: 'ki67_high', coefficient: c.clinical.ki67_high, range: [0, 1] }, nomo.pointsPerLp, ki);
      const lp = c.intercept + c.radScore * rs + c.clinical.ki67_high * ki;
      expect(nomo.lpAtZero + total / nomo.pointsPerLp).toBeCloseTo(lp, 10);
    }
    expect(c.calibration.B + c.calibration.failed).toBe(200);
    expect(c.calibration.correctedSlope).toBeLessThan(c.calibration.apparentSlope);
    const combinedFiles = await buildPackage(combined, info);
    expect(combinedFiles.text['nomogram.svg']).toMatch(/^<svg[^>]*>[\s\S]*Rad-score[\s\S]*Total points/);
    expect(combinedFiles.text['calibration-bootstrap.svg']).toContain('bias-corrected');
    expect(combinedFiles.text['REPORT.md']).toContain('## Bootstrap bias-corrected calibration');
    expect(combinedFiles.text['REPORT.md']).toContain('radiomics feature selection is not repeated');
    expect(combinedFiles.text['MODEL_CARD.md']).toContain('![Nomogram](nomogram.svg)');
    const gbdt = trainModel(train, [{ name: 'test', set: test }], { algo: 'gbdt', folds: 5, seed: 3, clinical: [] });
    const files = await buildPackage(gbdt, info);
    const pkg = await loadModelPackage(files.manifest, files.onnx, { checkEngine: false });
    expect(pkg.trees?.trees.length).toBe(100);
  });

  it('scales min-max and filters by f_classif when asked (seed 004), records both, and ONNX predicts as the model', async () => {
    const model = trainModel(train, [{ name: 'test', set: test }], {
      algo: 'lasso-lr',
      folds: 5,
      seed: 3,
      clinical: [],
      scaling: 'min-max',
      univariate: 'f-classif',
    });
    expect(model.pipeline).toEqual({ scaling: 'min-max', univariate: 'f-classif' });
    expect(model.screening.univariate).toBe('f-classif');
    expect(model.screening.univariateP).toEqual(fClassif([...train.features.values()], train.y).p);
    // The standardiser holds the training minimum and range: every training value maps into [0, 1].
    model.inputs.forEach((name, j) => {
      const col = train.features.get(name)!;
      expect(model.logistic!.mean[j]).toBe(Math.min(...col));
      expect(model.logistic!.sd[j]).toBe(Math.max(...col) - Math.min(...col));
    });
    expect(model.evaluations[1].auc.auc).toBeGreaterThan(0.7);
    const files = await buildPackage(model, info);
    expect(files.manifest.pipeline).toEqual({ scaling: 'min-max', univariate: 'f-classif' });
    expect(files.text['MODEL_CARD.md']).toContain('min-max scaling to [0, 1] on the training set');
    expect(files.text['REPORT.md']).toContain('ANOVA F (f_classif) p >= 0.05');
    const pkg = await loadModelPackage(files.manifest, files.onnx, { checkEngine: false });
    const predictor = await createPredictor(ort, pkg.onnx, pkg.manifest.inputs.length);
    const x = pkg.manifest.explanation.background[0];
    const p = (await predictor.predict(x, 1)).probability[0];
    let z = model.logistic!.intercept;
    x.forEach((v, j) => (z += (model.logistic!.weights[j] * (v - model.logistic!.mean[j])) / model.logistic!.sd[j]));
    expect(Math.abs(p - 1 / (1 + Math.exp(-z)))).toBeLessThan(1e-5);
    // With the defaults nothing is recorded, so earlier packages stay as they were.
    const plain = await buildPackage(
      trainModel(train, [], { algo: 'lasso-lr', folds: 5, seed: 3, clinical: [] }),
      info,
    );
    expect(plain.manifest.pipeline).toBeUndefined();
  });

  it('keeps only ICC-reproducible features and selects by GBDT gain when asked (seed 001), recording both', async () => {
    const names = [...train.features.keys()];
    // The reader study found the Mean unreproducible: it must not be a candidate, and its collinear twin (the
    // Median, otherwise dropped for it) takes its place.
    const csv = [
      'feature,icc1,icc2,icc3,kept',
      ...names.map((n) => `${n},0.9,0.9,0.9,${n !== 'DCE2/intra/original_firstorder_Mean'}`),
    ].join('\n');
    const icc = parseIccVerdicts(csv, 'readers.icc.csv');
    const model = trainModel(train, [{ name: 'test', set: test }], {
      algo: 'lasso-lr',
      folds: 5,
      seed: 3,
      clinical: [],
      icc,
      selection: 'gbdt-importance',
      top: 2,
    });
    expect(model.screening.names).not.toContain('DCE2/intra/original_firstorder_Mean');
    expect(model.screening.names).toHaveLength(names.length - 1);
    expect(model.screening.kept.map((j) => model.screening.names[j])).toContain(
      'DCE2/intra/original_firstorder_Median',
    );
    expect(model.pipeline).toEqual({
      scaling: 'z-score',
      univariate: 'mann-whitney',
      icc: { source: 'readers.icc.csv', assessed: names.length, kept: names.length - 1 },
      selection: { method: 'gbdt-importance', top: 2 },
    });
    expect(model.lasso).toBeUndefined();
    // The two highest-gain screened features, fitted by plain maximum likelihood.
    const ranked = model.gbdtSelection!;
    expect(ranked.filter((g) => g.kept).map((g) => g.name)).toEqual(ranked.slice(0, 2).map((g) => g.name));
    expect(new Set(model.inputs)).toEqual(new Set(ranked.slice(0, 2).map((g) => g.name)));
    expect(ranked.reduce((s, g) => s + g.gain, 0)).toBeCloseTo(1, 12);
    expect(model.evaluations[1].auc.auc).toBeGreaterThan(0.7);
    const files = await buildPackage(model, info);
    expect(files.manifest.pipeline).toEqual(model.pipeline);
    expect(files.text['MODEL_CARD.md']).toContain(
      'inter-reader ICC(2,1) filter (readers.icc.csv: 9 of 10 features kept)',
    );
    expect(files.text['MODEL_CARD.md']).toContain('at most 2 features by gradient-boosting gain');
    expect(files.text['REPORT.md']).toContain('| gain share | kept |');
    const pkg = await loadModelPackage(files.manifest, files.onnx, { checkEngine: false });
    const predictor = await createPredictor(ort, pkg.onnx, pkg.manifest.inputs.length);
    const x = pkg.manifest.explanation.background[0];
    const e = await explainCase(pkg, predictor, x);
    expect(Math.abs(e.shap.value - e.logit)).toBeLessThan(1e-5);
  });

  it('refuses ICC tables that do not cover the features or are malformed', () => {
    const names = [...train.features.keys()];
    const partial = parseIccVerdicts(
      ['feature,icc1,icc2,icc3,kept', ...names.slice(1).map((n) => `${n},1,1,1,true`)].join('\n'),
      'r.csv',
    );
    expect(() => trainModel(train, [], { algo: 'lasso-lr', folds: 5, seed: 3, clinical: [], icc: partial })).toThrow(
      /r.csv has no ICC for 1 feature of the training table \(DCE2\/intra\/original_firstorder_Mean\)/,
    );
    const none = parseIccVerdicts(
      ['feature,icc1,icc2,icc3,kept', ...names.map((n) => `${n},0.1,0.1,0.1,false`)].join('\n'),
      'r.csv',
    );
    expect(() => trainModel(train, [], { algo: 'lasso-lr', folds: 5, seed: 3, clinical: [], icc: none })).toThrow(
      /no feature of the training table has ICC above the threshold/,
    );
    expect(() => parseIccVerdicts('feature,icc2\na,0.9', 'x.csv')).toThrow(/needs the columns 'feature' and 'kept'/);
    expect(() => parseIccVerdicts('feature,kept\na,yes', 'x.csv')).toThrow(
      /x.csv, line 2: 'kept' must be true or false/,
    );
    expect(() => parseIccVerdicts('feature,kept\na,true\na,false', 'x.csv')).toThrow(/listed twice/);
    expect(parseIccVerdicts('feature,icc1,icc2,icc3,kept\n"a,b",,,,false\n', 'x.csv').kept).toEqual(
      new Map([['a,b', false]]),
    );
    expect(() =>
      trainModel(train, [], { algo: 'gbdt', folds: 5, seed: 3, clinical: [], selection: 'gbdt-importance' }),
    ).toThrow(/use it with --algo lasso-lr/);
  });

  it('refuses too few cases per class, missing columns and a tampered ONNX file', async () => {
    const small = cohort(40, 5);
    expect(() => trainModel(small, [], { algo: 'lasso-lr', folds: 5, seed: 1, clinical: [] })).toThrow(
      /at least 20 cases per class/,
    );
    const broken = { ...test, features: new Map([...test.features].slice(1)) };
    expect(() =>
      trainModel(train, [{ name: 'test', set: broken }], { algo: 'lasso-lr', folds: 5, seed: 1, clinical: [] }),
    ).toThrow(/test set: missing feature column DCE2\/intra\/original_firstorder_Mean/);
    const files = await buildPackage(
      trainModel(train, [], { algo: 'lasso-lr', folds: 5, seed: 3, clinical: [] }),
      info,
    );
    const tampered = Uint8Array.from(files.onnx);
    tampered[tampered.length - 5] ^= 1;
    await expect(loadModelPackage(files.manifest, tampered, { checkEngine: false })).rejects.toThrow(
      /model.onnx does not match its manifest/,
    );
  });

  it('refuses a manifest naming a feature the engine cannot compute', async () => {
    const files = await buildPackage(
      trainModel(train, [], { algo: 'lasso-lr', folds: 5, seed: 3, clinical: [] }),
      info,
    );
    const manifest = structuredClone(files.manifest);
    manifest.inputs[0].name = 'DCE2/intra/original_firstorder_Sharpness';
    manifest.model.sha256 = files.manifest.model.sha256;
    await expect(loadModelPackage(manifest, files.onnx)).rejects.toThrow(
      /does not compute DCE2\/…\/original_firstorder_Sharpness|input order differs/,
    );
    const ok = await loadModelPackage(files.manifest, files.onnx);
    expect(ok.manifest.id).toBe('unit-test');
  });
});
