// Random forest for a binary outcome (Breiman L, Random forests, Mach Learn 2001;45:5-32): each tree grown on a
// bootstrap sample, at each node the best Gini split among ceil(sqrt(M)) inputs drawn at random, grown until nodes
// are pure or smaller than `minLeaf * 2`. The forest's probability is the mean over trees of the leaf's share of
// positives (scikit-learn's predict_proba). It is stored as a TreeEnsemble whose leaf values are share / trees and
// whose base is 0, so that the margin IS the probability: the TreeEnsembleRegressor graph and TreeSHAP (in
// probability space) apply unchanged. Splits compare float32 values as onnxruntime does (see gbdt.ts).
import type { TreeEnsemble, TreeNode } from '../tree-ensemble';
import { mulberry32 } from '../train/random';

export interface ForestOptions {
  trees?: number;
  minLeaf?: number;
  maxDepth?: number;
  /** Inputs tried at each split; default ceil(sqrt(M)). */
  tried?: number;
  seed?: number;
}

export interface ForestModel {
  kind: 'random-forest';
  /** Probability-scale ensemble: margin(x) = P(y = 1 | x). */
  ensemble: TreeEnsemble;
}

export function trainRandomForest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  m: number,
  options: ForestOptions = {},
): ForestModel {
  const n = y.length;
  const nTrees = options.trees ?? 100;
  const minLeaf = options.minLeaf ?? 1;
  const maxDepth = options.maxDepth ?? 12;
  const tried = Math.min(m, options.tried ?? Math.ceil(Math.sqrt(m)));
  const random = mulberry32(options.seed ?? 1);
  const xf = Float32Array.from(x);
  const trees: TreeNode[][] = [];
  for (let t = 0; t < nTrees; t++) {
    const sample = Array.from({ length: n }, () => Math.floor(random() * n));
    const tree: TreeNode[] = [];
    const grow = (rows: number[], depth: number): number => {
      let pos = 0;
      for (const r of rows) pos += y[r];
      const index = tree.length;
      tree.push({
        leaf: true,
        value: pos / rows.length / nTrees,
        feature: 0,
        threshold: 0,
        mode: 'BRANCH_LEQ',
        yes: 0,
        no: 0,
      });
      if (pos === 0 || pos === rows.length || depth >= maxDepth || rows.length < 2 * minLeaf) return index;
      // A partial Fisher-Yates shuffle draws the inputs tried at this node.
      const features = Array.from({ length: m }, (_, j) => j);
      for (let k = 0; k < tried; k++) {
        const s = k + Math.floor(random() * (m - k));
        [features[k], features[s]] = [features[s], features[k]];
      }
      let best = -1;
      let bestFeature = -1;
      let bestThreshold = 0;
      const total = rows.length;
      for (let k = 0; k < tried; k++) {
        const j = features[k];
        const sorted = rows.slice().sort((a, b) => xf[a * m + j] - xf[b * m + j]);
        let leftN = 0;
        let leftPos = 0;
        for (let q = 0; q < total - 1; q++) {
          leftN++;
          leftPos += y[sorted[q]];
          const v = xf[sorted[q] * m + j];
          if (v === xf[sorted[q + 1] * m + j] || leftN < minLeaf || total - leftN < minLeaf) continue;
          // Minimising weighted Gini impurity is maximising sum over children of (positives^2 + negatives^2) / size.
          const rightN = total - leftN;
          const rightPos = pos - leftPos;
          const score =
            (leftPos * leftPos + (leftN - leftPos) ** 2) / leftN +
            (rightPos * rightPos + (rightN - rightPos) ** 2) / rightN;
          if (score > best) {
            best = score;
            bestFeature = j;
            bestThreshold = v;
          }
        }
      }
      if (bestFeature < 0) return index;
      const left = rows.filter((r) => xf[r * m + bestFeature] <= bestThreshold);
      const right = rows.filter((r) => !(xf[r * m + bestFeature] <= bestThreshold));
      const yes = grow(left, depth + 1);
      const no = grow(right, depth + 1);
      tree[index] = {
        leaf: false,
        value: 0,
        feature: bestFeature,
        threshold: bestThreshold,
        mode: 'BRANCH_LEQ',
        yes,
        no,
      };
      return index;
    };
    grow(sample, 0);
    trees.push(tree);
  }
  return { kind: 'random-forest', ensemble: { nFeatures: m, base: 0, trees } };
}
