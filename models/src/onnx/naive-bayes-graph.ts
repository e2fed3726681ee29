// Gaussian naive Bayes as standard ops: z, then per class the squared distance to the class mean weighted by
// 1 / (2 var) (MatMul with a column), so the log posterior odds are formed from differences rather than from an
// expanded quadratic, which would lose float32 digits: logit = c + sum (z - m0)^2 / 2v0 - sum (z - m1)^2 / 2v1.
import type { NaiveBayesModel } from '../algorithms/naive-bayes';
import { buildModel, floatTensor, node, tensorValueInfo } from './builder';
import { standardiseNodes } from './standardise-nodes';

export function naiveBayesOnnx(model: NaiveBayesModel, metadata: Record<string, string> = {}): Uint8Array {
  const m = model.means[0].length;
  const prefix = standardiseNodes(model.standardiser);
  return buildModel({
    graphName: 'heron_gaussian_nb',
    nodes: [
      ...prefix.nodes,
      node('Sub', ['z', 'mean0'], ['d0']),
      node('Mul', ['d0', 'd0'], ['q0']),
      node('MatMul', ['q0', 'w0'], ['s0']),
      node('Sub', ['z', 'mean1'], ['d1']),
      node('Mul', ['d1', 'd1'], ['q1']),
      node('MatMul', ['q1', 'w1'], ['s1']),
      node('Sub', ['s0', 's1'], ['s']),
      node('Add', ['s', 'constant'], ['logit']),
      node('Sigmoid', ['logit'], ['probability']),
    ],
    inputs: [tensorValueInfo('features', ['N', m])],
    outputs: [tensorValueInfo('logit', ['N', 1]), tensorValueInfo('probability', ['N', 1])],
    initializers: [
      ...prefix.initializers,
      floatTensor('mean0', [m], model.means[0]),
      floatTensor('mean1', [m], model.means[1]),
      floatTensor(
        'w0',
        [m, 1],
        model.variances[0].map((v) => 1 / (2 * v)),
      ),
      floatTensor(
        'w1',
        [m, 1],
        model.variances[1].map((v) => 1 / (2 * v)),
      ),
      floatTensor('constant', [1], [model.constant]),
    ],
    metadata,
  });
}
