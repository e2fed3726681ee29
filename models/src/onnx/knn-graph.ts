// k-nearest neighbours as standard ops: distances to the stored training cases (distance-nodes.ts) -> TopK(k,
// smallest) -> Gather of their 0/1 labels -> ReduceMean = the positive share. The graph outputs `probability` only:
// a share of 0 or 1 has no finite log-odds.
import type { KnnModel } from '../algorithms/knn';
import { attr, buildModel, floatTensor, int64Tensor, node, tensorValueInfo } from './builder';
import { distanceNodes } from './distance-nodes';
import { standardiseNodes } from './standardise-nodes';

export function knnOnnx(model: KnnModel, metadata: Record<string, string> = {}): Uint8Array {
  const m = model.standardiser.mean.length;
  const prefix = standardiseNodes(model.standardiser);
  const distances = distanceNodes(model.cases, m, 'distance2');
  return buildModel({
    graphName: 'heron_knn',
    nodes: [
      ...prefix.nodes,
      ...distances.nodes,
      node('TopK', ['distance2', 'k'], ['nearest', 'indices'], [attr.i('largest', 0), attr.i('sorted', 1)]),
      node('Gather', ['labels', 'indices'], ['votes']),
      node('ReduceMean', ['votes'], ['probability'], [attr.is('axes', [1]), attr.i('keepdims', 1)]),
    ],
    inputs: [tensorValueInfo('features', ['N', m])],
    outputs: [tensorValueInfo('probability', ['N', 1])],
    initializers: [
      ...prefix.initializers,
      ...distances.initializers,
      int64Tensor('k', [1], [model.k]),
      floatTensor('labels', [model.labels.length], model.labels),
    ],
    metadata,
  });
}
