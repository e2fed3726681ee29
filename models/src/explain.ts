// One case through a model package: prediction, SHAP values by the method the manifest names, and warnings for
// inputs outside the training range. The explanation takes the prediction it explains, so that a caller that shows
// the prediction and stores its explanation predicts once and cannot show one probability and store another.
import type { Predictor } from './inference';
import type { ModelPackage } from './model-package';
import { exactShap } from './shap/exact';
import { linearShap } from './shap/linear';
import { samplingShap } from './shap/sampling';
import { shapBatchRows } from './shap/batch-rows';
import { efficiencyError, type ShapExplanation } from './shap/space';
import { treeShap } from './shap/tree';
import { rangeWarnings, type RangeWarning } from './range-warnings';

export type { RangeWarning };

/** The model's answer for one case: the probability of the positive class, its log-odds, and the class at the threshold. */
export interface CasePrediction {
  probability: number;
  logit: number;
  positive: boolean;
}

export interface CaseExplanation extends CasePrediction {
  shap: ShapExplanation;
  warnings: RangeWarning[];
}

export async function predictCase(
  pkg: ModelPackage,
  predictor: Predictor,
  x: ArrayLike<number>,
): Promise<CasePrediction> {
  const { manifest } = pkg;
  const m = manifest.inputs.length;
  if (x.length !== m) throw new Error(`model ${manifest.id} takes ${m} inputs, got ${x.length}`);
  const prediction = await predictor.predict(x, 1);
  return {
    probability: prediction.probability[0],
    logit: prediction.logit[0],
    positive: prediction.probability[0] >= manifest.threshold.probability,
  };
}

/** SHAP values and range warnings for the prediction `predictCase` gave for `x`. */
export async function explainPrediction(
  pkg: ModelPackage,
  predictor: Predictor,
  x: ArrayLike<number>,
  prediction: CasePrediction,
): Promise<CaseExplanation> {
  const { manifest } = pkg;
  const background = {
    data: Float64Array.from(manifest.explanation.background.flat()),
    rows: manifest.explanation.background.length,
  };
  let shap: ShapExplanation;
  if (manifest.explanation.method === 'linear' && pkg.linear) shap = linearShap(pkg.linear, x, background);
  else if (manifest.explanation.method === 'tree' && pkg.trees)
    shap = treeShap(pkg.trees, x, background, manifest.explanation.space);
  else {
    const space = manifest.explanation.space;
    const model = async (f: Float32Array | Float64Array, rows: number) => {
      const out = await predictor.predict(f, rows);
      return space === 'logodds' ? out.logit : out.probability;
    };
    const batchRows = shapBatchRows(manifest.model.kind, pkg.onnx.length);
    shap =
      manifest.explanation.method === 'sampling'
        ? await samplingShap(model, space, x, background, {
            permutations: manifest.explanation.permutations,
            batchRows,
          })
        : await exactShap(model, space, x, background, { batchRows });
  }
  if (efficiencyError(shap) > 1e-6)
    throw new Error(`SHAP values of model ${manifest.id} do not add up (efficiency error ${efficiencyError(shap)})`);
  const warnings = rangeWarnings(manifest.inputs, x);
  return { ...prediction, shap, warnings };
}

/** Predicts and explains one case. */
export async function explainCase(
  pkg: ModelPackage,
  predictor: Predictor,
  x: ArrayLike<number>,
): Promise<CaseExplanation> {
  return explainPrediction(pkg, predictor, x, await predictCase(pkg, predictor, x));
}
