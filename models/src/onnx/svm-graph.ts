// Platt-calibrated SVMs as standard ops. Linear: the decision function is linear in z, so it folds into the
// standardiser + LR graph with weights -A w and intercept -(A b + B). RBF: distances to the support vectors
// (distance-nodes.ts) -> Mul(-gamma) -> Exp -> MatMul(alpha y) -> Add(b) = f, then logit = -(A f + B).
import type { SvmModel } from '../algorithms/svm';
import { buildModel, floatTensor, node, tensorValueInfo } from './builder';
import { distanceNodes } from './distance-nodes';
import { logisticOnnx } from './logistic-graph';
import { standardiseNodes } from './standardise-nodes';

export function svmOnnx(model: SvmModel, metadata: Record<string, string> = {}): Uint8Array {
  const m = model.standardiser.mean.length;
  const { a, b } = model.platt;
  if (model.kernel.type === 'linear') {
    const w = new Array<number>(m).fill(0);
    model.coefficients.forEach((c, v) => {
      for (let j = 0; j < m; j++) w[j] += c * model.vectors[v * m + j];
    });
    return logisticOnnx(
      { ...model.standardiser, weights: w.map((v) => -a * v), intercept: -(a * model.bias + b) },
      metadata,
    );
  }
  const prefix = standardiseNodes(model.standardiser);
  const distances = distanceNodes(model.vectors, m, 'distance2');
  const k = model.coefficients.length;
  return buildModel({
    graphName: 'heron_svm_rbf',
    nodes: [
      ...prefix.nodes,
      ...distances.nodes,
      node('Mul', ['distance2', 'minusGamma'], ['exponent']),
      node('Exp', ['exponent'], ['kernel']),
      node('MatMul', ['kernel', 'coefficients'], ['weighted']),
      node('Add', ['weighted', 'bias'], ['decision']),
      node('Mul', ['decision', 'minusA'], ['scaled']),
      node('Add', ['scaled', 'minusB'], ['logit']),
      node('Sigmoid', ['logit'], ['probability']),
    ],
    inputs: [tensorValueInfo('features', ['N', m])],
    outputs: [tensorValueInfo('logit', ['N', 1]), tensorValueInfo('probability', ['N', 1])],
    initializers: [
      ...prefix.initializers,
      ...distances.initializers,
      floatTensor('minusGamma', [1], [-model.kernel.gamma]),
      floatTensor('coefficients', [k, 1], model.coefficients),
      floatTensor('bias', [1], [model.bias]),
      floatTensor('minusA', [1], [-a]),
      floatTensor('minusB', [1], [-b]),
    ],
    metadata,
  });
}
