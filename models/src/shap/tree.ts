// Interventional TreeSHAP for a tree ensemble on the margin (log-odds) scale, exact and independent of 2^M. For each
// background row r and tree, the paths of x and r are walked together; where they split differently on feature j,
// j is either taken from x (set A) or from r (set B). A leaf of value v reached with |A| = a, |B| = b adds
// v (a-1)! b! / (a+b)! to each feature in A and subtracts v a! (b-1)! / (a+b)! from each in B (the Shapley value of
// that single-leaf game). Equivalent to Python shap TreeExplainer(model_output='raw',
// feature_perturbation='interventional'); Lundberg SM et al., From local explanations to global understanding with
// explainable AI for trees, Nat Mach Intell 2020;2:56-67 (Methods, "Interventional Tree SHAP").
import { ensembleMargin, goesTrue, type TreeEnsemble } from '../tree-ensemble';
import type { Background, ShapExplanation, ShapSpace } from './space';

/** `space` names the scale of the ensemble's margin: log-odds for boosting, probability for a random forest whose
 *  leaves hold shares (algorithms/random-forest.ts); the walk is the same. */
export function treeShap(
  ensemble: TreeEnsemble,
  x: ArrayLike<number>,
  background: Background,
  space: ShapSpace = 'logodds',
): ShapExplanation {
  const m = ensemble.nFeatures;
  if (x.length !== m) throw new Error(`TreeSHAP: the case has ${x.length} inputs, the model ${m}`);
  const B = background.rows;
  const fact = new Float64Array(m + 2);
  fact[0] = 1;
  for (let i = 1; i < fact.length; i++) fact[i] = fact[i - 1] * i;
  const phi = new Float64Array(m);
  const inA = new Uint8Array(m);
  const inB = new Uint8Array(m);
  const listA = new Int32Array(m);
  const listB = new Int32Array(m);
  let base = 0;
  let r: Float64Array = new Float64Array(m);
  for (let b = 0; b < B; b++) {
    r = background.data.subarray(b * m, (b + 1) * m);
    base += ensembleMargin(ensemble, r);
    for (const tree of ensemble.trees) {
      const walk = (n: number, na: number, nb: number): void => {
        const node = tree[n];
        if (node.leaf) {
          const v = node.value / B;
          if (na > 0) {
            const c = (v * fact[na - 1] * fact[nb]) / fact[na + nb];
            for (let k = 0; k < na; k++) phi[listA[k]] += c;
          }
          if (nb > 0) {
            const c = (v * fact[na] * fact[nb - 1]) / fact[na + nb];
            for (let k = 0; k < nb; k++) phi[listB[k]] -= c;
          }
          return;
        }
        const j = node.feature;
        const xt = goesTrue(node, x[j]);
        const rt = goesTrue(node, r[j]);
        if (xt === rt) return walk(xt ? node.yes : node.no, na, nb);
        if (inA[j]) return walk(xt ? node.yes : node.no, na, nb);
        if (inB[j]) return walk(rt ? node.yes : node.no, na, nb);
        inA[j] = 1;
        listA[na] = j;
        walk(xt ? node.yes : node.no, na + 1, nb);
        inA[j] = 0;
        inB[j] = 1;
        listB[nb] = j;
        walk(rt ? node.yes : node.no, na, nb + 1);
        inB[j] = 0;
      };
      walk(0, 0, 0);
    }
  }
  return { space, base: base / B, value: ensembleMargin(ensemble, x), phi, method: 'tree' };
}
