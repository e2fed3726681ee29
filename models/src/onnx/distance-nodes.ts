// Squared Euclidean distances from each case to each of K stored points, by broadcasting (z [N,1,M] - P [K,M] ->
// [N,K,M], squared, summed over M) rather than by |z|^2 - 2 z.P + |P|^2, whose cancellation in float32 would reorder
// near neighbours. Memory is N x K x M floats per call: callers batch accordingly.
import { attr, floatTensor, int64Tensor, node, type NodeProto, type TensorProto } from './builder';

export function distanceNodes(
  points: ArrayLike<number>,
  m: number,
  output: string,
): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const k = points.length / m;
  return {
    nodes: [
      node('Unsqueeze', ['z', 'axis1'], ['z3']),
      node('Sub', ['z3', 'points'], ['diff']),
      node('Mul', ['diff', 'diff'], ['diff2']),
      node('ReduceSum', ['diff2', 'axis2'], [output], [attr.i('keepdims', 0)]),
    ],
    initializers: [
      floatTensor('points', [k, m], points),
      int64Tensor('axis1', [1], [1]),
      int64Tensor('axis2', [1], [2]),
    ],
  };
}
