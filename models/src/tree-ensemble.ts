// A binary tree ensemble on the margin (log-odds) scale: what our gradient boosting produces, what the ONNX
// TreeEnsemble ops encode, and what TreeSHAP walks. margin(x) = base + sum over trees of the leaf reached.

/** ONNX split modes (ai.onnx.ml TreeEnsemble*: BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT); the true branch is
 *  taken when `x <op> threshold`. */
export type SplitMode = 'BRANCH_LEQ' | 'BRANCH_LT' | 'BRANCH_GTE' | 'BRANCH_GT';

export interface TreeNode {
  /** Leaf value (summed weights) when `leaf`; otherwise unused. */
  leaf: boolean;
  value: number;
  feature: number;
  threshold: number;
  mode: SplitMode;
  /** Index of the child taken when the comparison is true, and when false. */
  yes: number;
  no: number;
}

export interface TreeEnsemble {
  nFeatures: number;
  base: number;
  /** Node 0 of each tree is its root. */
  trees: TreeNode[][];
}

/** The comparison onnxruntime makes: in float32, since the graph's input and thresholds are float32. */
export function goesTrue(node: TreeNode, x: number): boolean {
  const v = Math.fround(x);
  const t = Math.fround(node.threshold);
  switch (node.mode) {
    case 'BRANCH_LEQ':
      return v <= t;
    case 'BRANCH_LT':
      return v < t;
    case 'BRANCH_GTE':
      return v >= t;
    case 'BRANCH_GT':
      return v > t;
  }
}

export function treeLeaf(tree: TreeNode[], x: ArrayLike<number>): number {
  let n = 0;
  while (!tree[n].leaf) n = goesTrue(tree[n], x[tree[n].feature]) ? tree[n].yes : tree[n].no;
  return tree[n].value;
}

/** The ensemble's margin (log-odds) for one row, in double precision. */
export function ensembleMargin(ensemble: TreeEnsemble, x: ArrayLike<number>): number {
  let s = ensemble.base;
  for (const tree of ensemble.trees) s += treeLeaf(tree, x);
  return s;
}
