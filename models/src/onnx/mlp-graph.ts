// The one-hidden-layer MLP as standard ops: z -> MatMul(W1) -> Add(b1) -> Relu -> MatMul(w2) -> Add(b2) = logit
// -> Sigmoid = probability.
import type { MlpModel } from '../algorithms/mlp';
import { buildModel, floatTensor, node, tensorValueInfo } from './builder';
import { standardiseNodes } from './standardise-nodes';

export function mlpOnnx(model: MlpModel, metadata: Record<string, string> = {}): Uint8Array {
  const m = model.standardiser.mean.length;
  const h = model.b1.length;
  const prefix = standardiseNodes(model.standardiser);
  return buildModel({
    graphName: 'heron_mlp',
    nodes: [
      ...prefix.nodes,
      node('MatMul', ['z', 'w1'], ['a1']),
      node('Add', ['a1', 'b1'], ['pre']),
      node('Relu', ['pre'], ['hidden']),
      node('MatMul', ['hidden', 'w2'], ['a2']),
      node('Add', ['a2', 'b2'], ['logit']),
      node('Sigmoid', ['logit'], ['probability']),
    ],
    inputs: [tensorValueInfo('features', ['N', m])],
    outputs: [tensorValueInfo('logit', ['N', 1]), tensorValueInfo('probability', ['N', 1])],
    initializers: [
      ...prefix.initializers,
      floatTensor('w1', [m, h], model.w1),
      floatTensor('b1', [h], model.b1),
      floatTensor('w2', [h, 1], model.w2),
      floatTensor('b2', [1], [model.b2]),
    ],
    metadata,
  });
}
