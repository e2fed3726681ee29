// Standardiser + logistic regression as standard ONNX ops (docs/onnx-and-shap.md, section 3):
// features [N, M] -> Sub(mean) -> Div(sd) -> MatMul(w) -> Add(b) = logit [N, 1] -> Sigmoid = probability [N, 1].
// The logit is an output of its own: recomputing it from a float32 probability loses precision near 0 and 1, and
// SHAP in log-odds needs it.
import { buildModel, floatTensor, node, tensorValueInfo } from './builder';

export interface LogisticModel {
  /** Per-input centre and scale of the standardiser (z = (x - mean) / sd). */
  mean: number[];
  sd: number[];
  /** Weights on the standardised inputs, and the intercept. */
  weights: number[];
  intercept: number;
}

export function logisticOnnx(model: LogisticModel, metadata: Record<string, string> = {}): Uint8Array {
  const m = model.weights.length;
  if (model.mean.length !== m || model.sd.length !== m)
    throw new Error('logistic model: mean, sd and weights differ in length');
  if (model.sd.some((s) => !(s > 0))) throw new Error('logistic model: every standard deviation must be positive');
  return buildModel({
    graphName: 'heron_logistic',
    nodes: [
      node('Sub', ['features', 'mean'], ['centred']),
      node('Div', ['centred', 'sd'], ['z']),
      node('MatMul', ['z', 'weights'], ['linear']),
      node('Add', ['linear', 'intercept'], ['logit']),
      node('Sigmoid', ['logit'], ['probability']),
    ],
    inputs: [tensorValueInfo('features', ['N', m])],
    outputs: [tensorValueInfo('logit', ['N', 1]), tensorValueInfo('probability', ['N', 1])],
    initializers: [
      floatTensor('mean', [m], model.mean),
      floatTensor('sd', [m], model.sd),
      floatTensor('weights', [m, 1], model.weights),
      floatTensor('intercept', [1], [model.intercept]),
    ],
    metadata,
  });
}
