// The report of `heron train --algo compare`: one table of AUCs with DeLong 95 % CIs per set and algorithm, and the
// DeLong p-values of every pair (unadjusted for multiple comparisons, which the report says). Returns file name ->
// text; writing is the caller's job.
import { ALGORITHM_LABELS, type AlgorithmName } from '../algorithms/algorithm';
import type { Comparison } from '../train/compare';
import { lineChart } from './svg';

// Nine distinguishable colours (Okabe & Ito's eight-colour palette, 2008, and grey), one per algorithm in table order.
const COLOURS = ['#000000', '#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999'];

const label = (a: string) => (a === 'lasso-lr' ? 'LASSO logistic regression' : ALGORITHM_LABELS[a as AlgorithmName]);
const r3 = (v: number) => v.toFixed(3);
const pv = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

export function buildComparisonReport(c: Comparison, title: string, synthetic: boolean): Record<string, string> {
  const lines = [
    `# ${title}: algorithms compared`,
    '',
    ...(synthetic
      ? ['> **Synthetic data. Research use only; not for clinical use.**', '']
      : ['> Research use only.', '']),
    `Each algorithm was trained on the whole training set (its package is in the folder of its name) and ` +
      `cross-validated on the same ${c.folds} stratified folds (seed ${c.seed}); screening, scaling and fitting were ` +
      `re-run inside every fold. AUCs with DeLong 95 % confidence intervals; pairwise DeLong tests on the same cases ` +
      `(two-sided, not adjusted for the ${c.sets[0].pairs.length} comparisons per set).`,
    '',
  ];
  const files: Record<string, string> = {};
  for (const s of c.sets) {
    const svg = `roc-${s.set}.svg`;
    files[svg] = lineChart(
      `ROC, ${s.set === 'cross-validation' ? 'out-of-fold' : `${s.set} set`}`,
      '1 - specificity',
      'sensitivity',
      c.algorithms.map((a, k) => ({
        label: `${a} ${r3(s.auc[a].auc)}`,
        points: s.roc[a],
        colour: COLOURS[k % COLOURS.length],
        dashed: k >= COLOURS.length,
      })),
      { x: [0, 1], y: [0, 1] },
    );
    lines.push(
      `## ${s.set === 'cross-validation' ? 'Cross-validation (out-of-fold predictions of the training set)' : `${s.set} set`}: n = ${s.n} (${s.positives} positive)`,
      '',
      `![ROC curves](${svg})`,
      '',
      '| algorithm | inputs | AUC (95 % CI) |',
      '|---|---|---|',
    );
    for (const a of c.algorithms) {
      const e = s.auc[a];
      const model = c.models.find((m) => m.algo === a)!.model;
      lines.push(`| ${label(a)} (\`${a}\`) | ${model.inputs.length} | ${r3(e.auc)} (${r3(e.ci[0])}–${r3(e.ci[1])}) |`);
    }
    lines.push('', 'DeLong p-values (row vs column):', '', `| | ${c.algorithms.map((a) => `\`${a}\``).join(' | ')} |`);
    lines.push(`|---|${c.algorithms.map(() => '---').join('|')}|`);
    for (const a of c.algorithms) {
      const cells = c.algorithms.map((b) => {
        if (a === b) return '—';
        const pair = s.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))!;
        return pv(pair.test.p);
      });
      lines.push(`| \`${a}\` | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  const json = {
    algorithms: c.algorithms,
    folds: c.folds,
    seed: c.seed,
    sets: c.sets.map((s) => ({
      set: s.set,
      n: s.n,
      positives: s.positives,
      auc: Object.fromEntries(Object.entries(s.auc).map(([k, v]) => [k, { auc: v.auc, ci: v.ci }])),
      pairs: s.pairs.map((p) => ({ a: p.a, b: p.b, difference: p.test.difference, z: p.test.z, p: p.test.p })),
    })),
  };
  return { ...files, 'COMPARISON.md': lines.join('\n'), 'comparison.json': JSON.stringify(json, null, 2) + '\n' };
}
