// A binary tree ensemble as ai.onnx.ml TreeEnsembleRegressor (opset 3, float attributes; SUM, base value) giving the
// margin, then Sigmoid: outputs logit [N, 1] and probability [N, 1] (docs/onnx-and-shap.md, section 3).
import type { TreeEnsemble } from '../tree-ensemble';
import { attr, buildModel, floatTensor, ML_DOMAIN, node, tensorValueInfo } from './builder';

/** `scale: 'probability'` is for ensembles whose margin is already a probability (random forest): the graph then
 *  outputs that sum as `probability` only, with no Sigmoid. */
export function treeEnsembleOnnx(
  ensemble: TreeEnsemble,
  metadata: Record<string, string> = {},
  scale: 'logit' | 'probability' = 'logit',
): Uint8Array {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const targetTreeIds: number[] = [];
  const targetNodeIds: number[] = [];
  const targetWeights: number[] = [];
  ensemble.trees.forEach((tree, t) => {
    tree.forEach((n, i) => {
      treeIds.push(t);
      nodeIds.push(i);
      featureIds.push(n.leaf ? 0 : n.feature);
      modes.push(n.leaf ? 'LEAF' : n.mode);
      values.push(n.leaf ? 0 : n.threshold);
      trueIds.push(n.leaf ? 0 : n.yes);
      falseIds.push(n.leaf ? 0 : n.no);
      if (n.leaf) {
        targetTreeIds.push(t);
        targetNodeIds.push(i);
        targetWeights.push(n.value);
      }
    });
  });
  const m = ensemble.nFeatures;
  return buildModel({
    graphName: 'heron_tree_ensemble',
    usesMl: true,
    nodes: [
      node(
        'TreeEnsembleRegressor',
        ['features'],
        [scale === 'logit' ? 'logit' : 'share'],
        [
          attr.s('aggregate_function', 'SUM'),
          attr.fs('base_values', [ensemble.base]),
          attr.i('n_targets', 1),
          attr.is('nodes_treeids', treeIds),
          attr.is('nodes_nodeids', nodeIds),
          attr.is('nodes_featureids', featureIds),
          attr.ss('nodes_modes', modes),
          attr.fs('nodes_values', values),
          attr.is('nodes_truenodeids', trueIds),
          attr.is('nodes_falsenodeids', falseIds),
          attr.is('nodes_missing_value_tracks_true', new Array(treeIds.length).fill(0)),
          attr.s('post_transform', 'NONE'),
          attr.is('target_treeids', targetTreeIds),
          attr.is('target_nodeids', targetNodeIds),
          attr.is('target_ids', new Array(targetTreeIds.length).fill(0)),
          attr.fs('target_weights', targetWeights),
        ],
        ML_DOMAIN,
      ),
      // A sum of leaf shares can pass 1 by a rounding error; Clip keeps it a probability.
      scale === 'logit'
        ? node('Sigmoid', ['logit'], ['probability'])
        : node('Clip', ['share', 'zero', 'one'], ['probability']),
    ],
    inputs: [tensorValueInfo('features', ['N', m])],
    outputs:
      scale === 'logit'
        ? [tensorValueInfo('logit', ['N', 1]), tensorValueInfo('probability', ['N', 1])]
        : [tensorValueInfo('probability', ['N', 1])],
    initializers: scale === 'logit' ? [] : [floatTensor('zero', [], [0]), floatTensor('one', [], [1])],
    metadata,
  });
}
