// Standardiser + Cox linear predictor as standard ONNX ops: features [N, M] -> Sub(mean) -> Div(sd) -> MatMul(beta)
// = risk_score [N, 1], the log relative hazard against a case at the training means. No intercept: a Cox model has
// none, the baseline hazard carries it (kept in the manifest as the baseline survival at stated times).
import { buildModel, floatTensor, node, tensorValueInfo } from './builder';

export interface CoxLinearPredictor {
  mean: number[];
  sd: number[];
  /** Coefficients on the standardised inputs. */
  coefficients: number[];
}

export function coxOnnx(model: CoxLinearPredictor, metadata: Record<string, string> = {}): Uint8Array {
  const m = model.coefficients.length;
  if (model.mean.length !== m || model.sd.length !== m)
    throw new Error('Cox model: mean, sd and coefficients differ in length');
  if (model.sd.some((s) => !(s > 0))) throw new Error('Cox model: every standard deviation must be positive');
  return buildModel({
    graphName: 'heron_cox',
    nodes: [
      node('Sub', ['features', 'mean'], ['centred']),
      node('Div', ['centred', 'sd'], ['z']),
      node('MatMul', ['z', 'coefficients'], ['risk_score']),
    ],
    inputs: [tensorValueInfo('features', ['N', m])],
    outputs: [tensorValueInfo('risk_score', ['N', 1])],
    initializers: [
      floatTensor('mean', [m], model.mean),
      floatTensor('sd', [m], model.sd),
      floatTensor('coefficients', [m, 1], model.coefficients),
    ],
    metadata,
  });
}
