// The Sub/Div prefix shared by the algorithm graphs: features [N, M] -> z [N, M] with the training mean and sd.
import type { Standardiser } from '../algorithms/standardiser';
import { floatTensor, node, type NodeProto, type TensorProto } from './builder';

export function standardiseNodes(s: Standardiser): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const m = s.mean.length;
  return {
    nodes: [node('Sub', ['features', 'mean'], ['centred']), node('Div', ['centred', 'sd'], ['z'])],
    initializers: [floatTensor('mean', [m], s.mean), floatTensor('sd', [m], s.sd)],
  };
}
