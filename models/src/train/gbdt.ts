// Gradient-boosted decision trees for a binary outcome with the log-loss (Friedman JH, Greedy function
// approximation: a gradient boosting machine, Ann Stat 2001;29:1189-1232, algorithm 5 "LK_TreeBoost"), with
// second-order (Newton) leaf values and gains and an L2 penalty on leaf values (Chen T, Guestrin C, XGBoost, KDD
// 2016, eq. 5-7). Candidate splits are the quantiles of each feature (at most `bins`), compared in float32 as
// onnxruntime does, so the ONNX export predicts exactly what was trained.
import { logit } from '../stats/descriptive';
import type { TreeEnsemble, TreeNode } from '../tree-ensemble';
import { expit } from '../stats/descriptive';

export interface GbdtOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  minLeaf?: number;
  /** L2 penalty on leaf values. */
  lambda?: number;
  bins?: number;
  /** Called at every split with its feature and its gain (the loss reduction), for gain importance. */
  onSplit?: (feature: number, gain: number) => void;
}

/** Trains on row-major `x` (n x m). Deterministic: no sampling. */
export function trainGbdt(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  m: number,
  options: GbdtOptions = {},
): TreeEnsemble {
  const n = y.length;
  const nTrees = options.trees ?? 100;
  const depth = options.depth ?? 3;
  const rate = options.learningRate ?? 0.1;
  const minLeaf = options.minLeaf ?? 5;
  const l2 = options.lambda ?? 1;
  const bins = options.bins ?? 32;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  if (ybar === 0 || ybar === 1) throw new Error('gradient boosting needs both classes');
  const base = logit(ybar);
  // Candidate thresholds per feature: distinct float32 quantiles.
  const candidates: number[][] = [];
  for (let j = 0; j < m; j++) {
    const v = Float32Array.from({ length: n }, (_, i) => x[i * m + j]).sort();
    const set = new Set<number>();
    for (let b = 1; b < bins; b++) set.add(v[Math.min(n - 1, Math.floor((b * n) / bins))]);
    set.delete(v[n - 1]);
    candidates.push([...set].sort((a, b) => a - b));
  }
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeNode[][] = [];
  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const p = expit(margin[i]);
      g[i] = p - y[i];
      h[i] = Math.max(p * (1 - p), 1e-12);
    }
    const tree: TreeNode[] = [];
    const grow = (rows: number[], level: number): number => {
      let G = 0;
      let H = 0;
      for (const r of rows) {
        G += g[r];
        H += h[r];
      }
      const index = tree.length;
      tree.push({
        leaf: true,
        value: (-G / (H + l2)) * rate,
        feature: 0,
        threshold: 0,
        mode: 'BRANCH_LEQ',
        yes: 0,
        no: 0,
      });
      if (level >= depth || rows.length < 2 * minLeaf) return index;
      let bestGain = 1e-12;
      let bestFeature = -1;
      let bestThreshold = 0;
      const parentScore = (G * G) / (H + l2);
      for (let j = 0; j < m; j++) {
        const cands = candidates[j];
        if (cands.length === 0) continue;
        const gl = new Float64Array(cands.length + 1);
        const hl = new Float64Array(cands.length + 1);
        const cl = new Int32Array(cands.length + 1);
        for (const r of rows) {
          const v = Math.fround(x[r * m + j]);
          let lo = 0;
          let hi = cands.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (v <= cands[mid]) hi = mid;
            else lo = mid + 1;
          }
          gl[lo] += g[r];
          hl[lo] += h[r];
          cl[lo]++;
        }
        let GL = 0;
        let HL = 0;
        let CL = 0;
        for (let c = 0; c < cands.length; c++) {
          GL += gl[c];
          HL += hl[c];
          CL += cl[c];
          if (CL < minLeaf || rows.length - CL < minLeaf) continue;
          const GR = G - GL;
          const HR = H - HL;
          const gain = (GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = j;
            bestThreshold = cands[c];
          }
        }
      }
      if (bestFeature < 0) return index;
      options.onSplit?.(bestFeature, bestGain);
      const left = rows.filter((r) => Math.fround(x[r * m + bestFeature]) <= bestThreshold);
      const right = rows.filter((r) => !(Math.fround(x[r * m + bestFeature]) <= bestThreshold));
      const yes = grow(left, level + 1);
      const no = grow(right, level + 1);
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
    grow(
      Array.from({ length: n }, (_, i) => i),
      0,
    );
    const probe = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) probe[j] = x[i * m + j];
      let k = 0;
      while (!tree[k].leaf) k = Math.fround(probe[tree[k].feature]) <= tree[k].threshold ? tree[k].yes : tree[k].no;
      margin[i] += tree[k].value;
    }
    trees.push(tree);
  }
  return { nFeatures: m, base, trees };
}
