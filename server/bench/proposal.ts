// One-click proposals on phantom cases: Dice against the ground truth for a click at the voxel nearest the lesion's
// centre, Dice between two clicks inside one lesion, and the time per proposal. The machine may be shared: the time
// is wall clock of proposeOutline alone (volumes already in memory), median and maximum, once the JIT has warmed up
// as in a long-running server (the first, cold call is printed on its own).
//
//   node --import tsx server/bench/proposal.ts [--cases 40] [--first-seed 1] [--size compact|standard]
// (standard: the full 480 x 320 x 112 DCE grid, about a minute of phantom generation per case)
import { generatePhantom } from '@heron/phantom';
import { proposeOutline } from '@heron/radiomics';
import { centreClick, dice, proposalCases, secondClick } from '../../test/support/proposal-cases';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const count = Number(option('cases', '40'));
const firstSeed = Number(option('first-seed', '1'));
const size = option('size', 'compact');
if (size !== 'compact' && size !== 'standard') throw new Error(`--size must be compact or standard, got '${size}'`);

const rows: { seed: number; kind: string; dice: number; twoClick: number; ms: number; diameter: number }[] = [];
let coldMs: number | null = null;
for (const { seed, kind } of proposalCases(count, firstSeed)) {
  const study = generatePhantom({ seed, size });
  const [pre, post] = study.dce.phases;
  if (coldMs === null) {
    const cold = performance.now();
    proposeOutline(pre, post, centreClick(study));
    coldMs = performance.now() - cold;
  }
  const started = performance.now();
  const first = proposeOutline(pre, post, centreClick(study));
  const ms = performance.now() - started;
  const second = proposeOutline(pre, post, secondClick(study));
  const d = first.ok ? dice(first.mask.data, study.mask.data) : 0;
  const two = first.ok && second.ok ? dice(first.mask.data, second.mask.data) : 0;
  rows.push({ seed, kind, dice: d, twoClick: two, ms, diameter: study.tumour.diameterMm });
  console.log(
    `seed ${String(seed).padStart(4)}  ${kind.padEnd(40)} ${study.tumour.diameterMm.toFixed(0).padStart(3)} mm  Dice ${d.toFixed(3)}  two clicks ${two.toFixed(3)}  ${ms.toFixed(0)} ms` +
      (first.ok ? '' : `  refused: ${first.message}`) +
      (second.ok ? '' : `  second refused: ${second.message}`),
  );
}
const sorted = (key: 'dice' | 'twoClick' | 'ms'): number[] => rows.map((r) => r[key]).sort((a, b) => a - b);
const quantile = (values: number[], q: number): number =>
  values[Math.min(values.length - 1, Math.floor(q * values.length))];
const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
for (const key of ['dice', 'twoClick'] as const) {
  const v = sorted(key);
  console.log(
    `${key === 'dice' ? 'Dice vs truth' : 'Dice two clicks'}: mean ${mean(v).toFixed(3)}  min ${v[0].toFixed(3)}  p10 ${quantile(v, 0.1).toFixed(3)}  median ${quantile(v, 0.5).toFixed(3)}  max ${v.at(-1)!.toFixed(3)}`,
  );
}
const times = sorted('ms');
console.log(`first (cold) call: ${coldMs?.toFixed(0)} ms`);
console.log(
  `time per proposal: median ${quantile(times, 0.5).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (${rows.length} cases)`,
);
