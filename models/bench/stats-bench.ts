// Speed of the survival statistics on cohorts larger than the seed studies' (n = 2,000 cases): Cox fit, Harrell's C,
// LASSO-Cox, Kaplan-Meier, log-rank, time-dependent AUC, the optimal cut-off search, ICC over 1,000 features of two
// readers, and the bootstrap calibration (B = 200) of a 3-covariate logistic model. Medians of
// repeated runs after a warm-up; `npm run bench:stats -w models`. Figures only, no targets asserted.
import { bootstrapCalibration } from '../src/stats/bootstrap-calibration';
import { expit } from '../src/stats/descriptive';
import { icc } from '../src/stats/icc';
import { fitLogistic } from '../src/stats/logistic-fit';
import { maxSelectedLogRank } from '../src/survival/risk-groups';
import { concordance } from '../src/survival/concordance';
import { fitCox } from '../src/survival/cox';
import { kaplanMeier } from '../src/survival/kaplan-meier';
import { fitLassoCox } from '../src/survival/lasso-cox';
import { logRank } from '../src/survival/log-rank';
import { survivalData } from '../src/survival/survival-data';
import { timeDependentAuc } from '../src/survival/time-auc';
import { gaussian, mulberry32 } from '../src/train/random';

function median(runs: number, f: () => unknown): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

// Exponential event times with hazard exp(x'beta), uniform censoring, times rounded to days so ties occur.
const n = 2000;
const random = mulberry32(7);
const normal = gaussian(random);
const x = (p: number) => Array.from({ length: p }, () => Float64Array.from({ length: n }, normal));
const x10 = x(10);
const x50 = [...x10, ...x(40)];
const beta = [0.8, -0.5, 0.3, 0, 0, 0.2, 0, -0.4, 0, 0.1];
const time = new Float64Array(n);
const event = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  const eta = beta.reduce((s, b, j) => s + b * x10[j][i], 0);
  const t = -Math.log(1 - random()) / (0.002 * Math.exp(eta));
  const c = random() * 1500;
  time[i] = Math.ceil(Math.min(t, c));
  event[i] = t <= c ? 1 : 0;
}
const data = survivalData(time, event);
const risk = Float64Array.from({ length: n }, (_, i) => beta.reduce((s, b, j) => s + b * x10[j][i], 0));
const group = Float64Array.from(x10[0], (v) => (v > 0 ? 1 : 0));
const readers = Array.from({ length: 1000 }, () =>
  Array.from({ length: 100 }, () => {
    const truth = normal();
    return [truth + 0.3 * normal(), truth + 0.3 * normal()];
  }),
);

// A combined-model stand-in: logistic regression of the event flag on three covariates, refitted per bootstrap.
const refit = (rows: Int32Array) => {
  const b = fitLogistic(
    x10.slice(0, 3).map((c) => Float64Array.from(rows, (i) => c[i])),
    Float64Array.from(rows, (i) => event[i]),
  ).coefficients;
  return (i: number) => expit(b[0] + b[1] * x10[0][i] + b[2] * x10[1][i] + b[3] * x10[2][i]);
};

const events = event.reduce((s, e) => s + e, 0);
console.log(`n = ${n} cases, ${events} events, ${new Set(time).size} distinct times`);
const rows: [string, number][] = [
  ['Cox, Efron ties, 10 covariates', median(5, () => fitCox(x10, data))],
  ['Cox, Breslow ties, 10 covariates', median(5, () => fitCox(x10, data, { ties: 'breslow' }))],
  ["Harrell's C (exact, all pairs)", median(5, () => concordance(data, risk))],
  ['LASSO-Cox, 50 covariates, one lambda', median(3, () => fitLassoCox(x50, data, 0.02))],
  ['Kaplan-Meier', median(20, () => kaplanMeier(data))],
  ['log-rank, 2 groups', median(20, () => logRank(data, group))],
  ['time-dependent AUC at 3 times', median(10, () => timeDependentAuc(data, risk, [180, 365, 730]))],
  ['optimal cut-off (maximally selected log-rank)', median(10, () => maxSelectedLogRank(data, risk))],
  ['ICC, 1,000 features x 100 cases x 2 readers', median(10, () => readers.map((r) => icc(r)))],
  ['bootstrap calibration, B = 200, 3 covariates', median(3, () => bootstrapCalibration(event, refit, { seed: 1 }))],
];
for (const [what, ms] of rows) console.log(`${what.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms`);
