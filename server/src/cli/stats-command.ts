// `heron stats <analysis>`: the statistics of the seed studies on a researcher's own CSV, written as JSON, so that
// an analysis can be reproduced with Heron alone and checked against R (docs/statistics.md lists the references and
// the agreement the tests verify).
import {
  aucWithCi,
  centred,
  concordance,
  delongTest,
  fitCox,
  fitLassoCox,
  fitLassoLogistic,
  kaplanMeier,
  kmChart,
  logRank,
  numericColumns,
  partialLikelihood,
  riskGroups,
  survivalReport,
  survivalAt,
  survivalData,
  timeDependentAuc,
  type Ties,
} from '@heron/models';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, parseOptions, UsageError } from './command';
import { type Cells, columnList, numberOption, readCells, writeJson } from './stats-table';

const USAGE = [
  'heron stats cox --data F.csv --time COL --event COL --covariates a,b,c [--ties efron|breslow] [--lambda L] --out F.json [--scores F.csv]',
  '       heron stats score --data F.csv --model cox.json --out F.csv',
  '       heron stats km --data F.csv --time COL --event COL [--group COL] [--at t1,t2,...] --out F.json',
  '       heron stats risk-groups --data F.csv --time COL --event COL --score COL --cutoff median|optimal [--min-prop 0.1] --out F.json [--plot F.svg]',
  '       heron stats survival-report --data F.csv --time COL --event COL --score COL --at t1,t2,... [--cutoff median|optimal] [--min-prop 0.1] [--title TEXT] --out DIR',
  '       heron stats time-auc --data F.csv --time COL --event COL --marker COL --at t1,t2,... --out F.json',
  '       heron stats lasso-logistic --data F.csv --label COL --features a,b,...|all --lambda L --out F.json',
  '       heron stats delong --data F.csv --label COL --scores s1,s2 --out F.json',
].join('\n');

function required(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`--${option} is required`);
  return value;
}

function survivalOf(cells: Cells, timeCol: string, eventCol: string, path: string) {
  const [time, event] = numericColumns(cells, [timeCol, eventCol], path);
  return survivalData(time, event, path, (i) => `line ${i + 2}`);
}

/** x' beta for every case. */
function linearPredictor(x: Float64Array[], beta: ArrayLike<number>): Float64Array {
  const n = x.length ? x[0].length : 0;
  const lp = new Float64Array(n);
  for (let j = 0; j < x.length; j++) for (let i = 0; i < n; i++) lp[i] += beta[j] * x[j][i];
  return lp;
}

const named = (names: string[], values: ArrayLike<number>) => Object.fromEntries(names.map((n, j) => [n, values[j]]));

/**
 * The data table with the linear predictor appended as column `lp`: the risk score `heron stats risk-groups` and
 * `survival-report` take. Cells are written back as read (re-quoted where needed).
 */
async function writeScores(path: string, cells: Cells, lp: Float64Array): Promise<void> {
  if (cells.header.includes('lp'))
    throw new Error(`the data table already has a column 'lp'; --scores would shadow it`);
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    [...cells.header, 'lp'].map(cell).join(','),
    ...cells.rows.map((row, i) => [...row.map(cell), String(lp[i])].join(',')),
  ];
  await writeFile(path, lines.join('\n') + '\n');
}

async function cox(argv: string[]): Promise<number> {
  const v = parseOptions(argv, {
    data: { type: 'string' },
    time: { type: 'string' },
    event: { type: 'string' },
    covariates: { type: 'string' },
    ties: { type: 'string' },
    lambda: { type: 'string' },
    out: { type: 'string' },
    scores: { type: 'string' },
  });
  const data = required(v.data, 'data');
  const out = required(v.out, 'out');
  const covariates = columnList(v.covariates, 'covariates');
  if (v.ties && v.ties !== 'efron' && v.ties !== 'breslow')
    throw new UsageError(`--ties must be efron or breslow, got '${v.ties}'`);
  if (v.lambda !== undefined && v.ties === 'efron')
    throw new UsageError(
      '--lambda fits LASSO-Cox with Breslow ties (as glmnet); --ties efron cannot be combined with it',
    );
  const cells = await readCells(data, 'data file');
  const surv = survivalOf(cells, required(v.time, 'time'), required(v.event, 'event'), data);
  const x = numericColumns(cells, covariates, data);
  if (v.lambda !== undefined) {
    const lambda = numberOption(v.lambda, 'lambda');
    if (lambda < 0) throw new UsageError(`--lambda must be >= 0, got ${lambda}`);
    const fit = fitLassoCox(x, surv, lambda, { names: covariates });
    const ll = partialLikelihood(centred(x), surv, fit.coefficients, 'breslow').logLikelihood;
    const lp = linearPredictor(x, fit.coefficients);
    const c = concordance(surv, lp).concordance;
    await writeJson(out, {
      coefficients: named(covariates, fit.coefficients),
      concordance: c,
      logLikelihood: ll,
    });
    if (v.scores) await writeScores(v.scores, cells, lp);
    console.log(`LASSO-Cox at lambda ${lambda} (glmnet's objective, Breslow ties): C = ${c.toFixed(4)}; wrote ${out}`);
    return 0;
  }
  const ties = (v.ties ?? 'efron') as Ties;
  const fit = fitCox(x, surv, { ties });
  const lp = linearPredictor(x, fit.coefficients);
  const c = concordance(surv, lp).concordance;
  if (v.scores) await writeScores(v.scores, cells, lp);
  await writeJson(out, {
    coefficients: named(covariates, fit.coefficients),
    standardErrors: named(covariates, fit.standardErrors),
    concordance: c,
    logLikelihood: fit.logLikelihood,
  });
  console.log(`Cox model (${ties} ties), ${surv.time.length} cases: C = ${c.toFixed(4)}; wrote ${out}`);
  return 0;
}

async function km(argv: string[]): Promise<number> {
  const v = parseOptions(argv, {
    data: { type: 'string' },
    time: { type: 'string' },
    event: { type: 'string' },
    group: { type: 'string' },
    at: { type: 'string' },
    out: { type: 'string' },
  });
  const data = required(v.data, 'data');
  const out = required(v.out, 'out');
  const at = v.at === undefined ? undefined : columnList(v.at, 'at').map((t) => numberOption(t, 'at'));
  if (at?.some((t) => t < 0)) throw new UsageError('--at times must be >= 0');
  const cells = await readCells(data, 'data file');
  const surv = survivalOf(cells, required(v.time, 'time'), required(v.event, 'event'), data);
  const curve = (time: Float64Array, event: Uint8Array) => {
    const fit = kaplanMeier({ time, event });
    const times = at ?? fit.time;
    return survivalAt(fit, times).map((s, k) => ({ time: times[k], survival: s }));
  };
  if (v.group === undefined) {
    await writeJson(out, { survival: curve(surv.time, surv.event) });
    console.log(`Kaplan-Meier, ${surv.time.length} cases; wrote ${out}`);
    return 0;
  }
  const g = cells.header.indexOf(v.group);
  if (g < 0) throw new Error(`${data}: no column '${v.group}' (the columns are ${cells.header.join(', ')})`);
  const labels = cells.rows.map((row, r) => {
    if (row[g] === '') throw new Error(`${data}, line ${r + 2}, column '${v.group}': the group is missing`);
    return row[g];
  });
  const numeric = labels.every((l) => Number.isFinite(Number(l)));
  const groups = [...new Set(labels)].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  if (groups.length < 2)
    throw new Error(`${data}: column '${v.group}' has one group only; the log-rank test needs two`);
  const index = labels.map((l) => groups.indexOf(l));
  const survival = groups.flatMap((group, k) => {
    const rows = index.flatMap((gi, i) => (gi === k ? [i] : []));
    const time = Float64Array.from(rows, (i) => surv.time[i]);
    const event = Uint8Array.from(rows, (i) => surv.event[i]);
    return curve(time, event).map((point) => ({ group, ...point }));
  });
  const lr = logRank(surv, index);
  await writeJson(out, { survival, logrank: { chisq: lr.chisq, df: lr.df, p: lr.p } });
  console.log(
    `Kaplan-Meier by ${v.group} (${groups.length} groups); log-rank chi2 = ${lr.chisq.toFixed(3)}, df ${lr.df}, p = ${lr.p.toPrecision(3)}; wrote ${out}`,
  );
  return 0;
}

async function timeAuc(argv: string[]): Promise<number> {
  const v = parseOptions(argv, {
    data: { type: 'string' },
    time: { type: 'string' },
    event: { type: 'string' },
    marker: { type: 'string' },
    at: { type: 'string' },
    out: { type: 'string' },
  });
  const data = required(v.data, 'data');
  const out = required(v.out, 'out');
  const marker = required(v.marker, 'marker');
  const at = columnList(v.at, 'at').map((t) => numberOption(t, 'at'));
  if (at.some((t) => t <= 0)) throw new UsageError('--at times must be > 0');
  const cells = await readCells(data, 'data file');
  const surv = survivalOf(cells, required(v.time, 'time'), required(v.event, 'event'), data);
  const [m] = numericColumns(cells, [marker], data);
  // No case or no control at a time gives no AUC there: null in the JSON, never a made-up number.
  const auc = timeDependentAuc(surv, m, at).map((r) => ({ ...r, auc: Number.isFinite(r.auc) ? r.auc : null }));
  await writeJson(out, { auc });
  console.log(
    `time-dependent AUC of ${marker} (cumulative/dynamic, KM-weighted IPCW as timeROC): ` +
      auc.map((r) => `t=${r.time} ${r.auc === null ? 'n/a' : r.auc.toFixed(3)}`).join(', ') +
      `; wrote ${out}`,
  );
  return 0;
}

function binaryLabels(cells: Cells, label: string, path: string): Float64Array {
  const [y] = numericColumns(cells, [label], path);
  y.forEach((v, r) => {
    if (v !== 0 && v !== 1) throw new Error(`${path}, line ${r + 2}, column '${label}': the label ${v} must be 0 or 1`);
  });
  if (y.every((v) => v === y[0])) throw new Error(`${path}: every '${label}' is ${y[0]}; both 0 and 1 are needed`);
  return y;
}

async function lassoLogistic(argv: string[]): Promise<number> {
  const v = parseOptions(argv, {
    data: { type: 'string' },
    label: { type: 'string' },
    features: { type: 'string' },
    lambda: { type: 'string' },
    out: { type: 'string' },
  });
  const data = required(v.data, 'data');
  const out = required(v.out, 'out');
  const label = required(v.label, 'label');
  const lambda = numberOption(required(v.lambda, 'lambda'), 'lambda');
  if (lambda < 0) throw new UsageError(`--lambda must be >= 0, got ${lambda}`);
  const cells = await readCells(data, 'data file');
  // `all`: every column but the first (the case id) and the label.
  const features =
    v.features === 'all' ? cells.header.slice(1).filter((c) => c !== label) : columnList(v.features, 'features');
  if (features.includes(label)) throw new UsageError(`--features includes the label '${label}'`);
  const y = binaryLabels(cells, label, data);
  const fit = fitLassoLogistic(numericColumns(cells, features, data), y, lambda, features);
  await writeJson(out, { intercept: fit.intercept, coefficients: named(features, fit.coefficients) });
  const kept = fit.coefficients.filter((b) => b !== 0).length;
  console.log(`LASSO logistic at lambda ${lambda}: ${kept} of ${features.length} features kept; wrote ${out}`);
  return 0;
}

async function delong(argv: string[]): Promise<number> {
  const v = parseOptions(argv, {
    data: { type: 'string' },
    label: { type: 'string' },
    scores: { type: 'string' },
    out: { type: 'string' },
  });
  const data = required(v.data, 'data');
  const out = required(v.out, 'out');
  const label = required(v.label, 'label');
  const scores = columnList(v.scores, 'scores', 2);
  if (scores.length !== 2) throw new UsageError(`--scores names two columns, got ${scores.length}`);
  const cells = await readCells(data, 'data file');
  const y = binaryLabels(cells, label, data);
  const [s1, s2] = numericColumns(cells, scores, data);
  const e1 = aucWithCi(s1, y);
  const e2 = aucWithCi(s2, y);
  const test = delongTest(s1, s2, y);
  await writeJson(out, {
    auc: { [scores[0]]: e1.auc, [scores[1]]: e2.auc },
    ci: { [scores[0]]: e1.ci, [scores[1]]: e2.ci },
    z: test.z,
    p: test.p,
  });
  console.log(
    `AUC ${scores[0]} ${e1.auc.toFixed(3)}, ${scores[1]} ${e2.auc.toFixed(3)}; paired DeLong p = ${test.p.toPrecision(3)}; wrote ${out}`,
  );
  return 0;
}

async function riskGroupsAnalysis(argv: string[]): Promise<number> {
  const v = parseOptions(argv, {
    data: { type: 'string' },
    time: { type: 'string' },
    event: { type: 'string' },
    score: { type: 'string' },
    cutoff: { type: 'string' },
    'min-prop': { type: 'string' },
    out: { type: 'string' },
    plot: { type: 'string' },
  });
  const data = required(v.data, 'data');
  const out = required(v.out, 'out');
  const method = required(v.cutoff, 'cutoff');
  if (method !== 'median' && method !== 'optimal')
    throw new UsageError(`--cutoff must be median or optimal, got '${method}'`);
  if (v['min-prop'] !== undefined && method !== 'optimal')
    throw new UsageError('--min-prop bounds the search of --cutoff optimal; a median cut-off has no search');
  const minProp = v['min-prop'] === undefined ? 0.1 : numberOption(v['min-prop'], 'min-prop');
  if (!(minProp > 0 && minProp < 0.5)) throw new UsageError(`--min-prop must be above 0 and below 0.5, got ${minProp}`);
  const scoreCol = required(v.score, 'score');
  const cells = await readCells(data, 'data file');
  const surv = survivalOf(cells, required(v.time, 'time'), required(v.event, 'event'), data);
  const [score] = numericColumns(cells, [scoreCol], data);
  const r = riskGroups(surv, score, { cutoff: method, minProp });
  const curve = (group: 'low' | 'high') =>
    r.km[group].time.map((t, k) => ({ group, time: t, survival: r.km[group].survival[k] }));
  await writeJson(out, {
    method: r.method,
    cutoff: r.cutoff,
    n: r.n,
    events: r.events,
    logrank: r.logrank,
    ...(r.optimal
      ? {
          optimal: {
            statistic: r.optimal.statistic,
            adjustedP: r.optimal.p,
            adjustment: 'Lausen & Schumacher 1992 (maximally selected log-rank statistic)',
            minProp: r.optimal.minProp,
            maxProp: r.optimal.maxProp,
            candidates: r.optimal.cuts.length,
          },
        }
      : {}),
    note: r.note,
    survival: [...curve('low'), ...curve('high')],
    highRisk: Array.from(r.high),
  });
  if (v.plot) {
    const svg = kmChart(
      `Risk groups by ${method === 'median' ? 'the median' : 'an optimal'} cut-off of ${scoreCol} (${r.cutoff})`,
      [
        { label: `low risk (n = ${r.n.low})`, km: r.km.low, colour: '#1f77b4' },
        {
          label: `high risk (n = ${r.n.high}); log-rank p = ${r.logrank.p.toPrecision(3)}`,
          km: r.km.high,
          colour: '#d62728',
        },
      ],
      required(v.time, 'time'),
      r.optimal ? [`cut-off chosen on these data; search-adjusted p = ${r.optimal.p.toPrecision(3)}`] : [],
    );
    await writeFile(v.plot, svg);
  }
  console.log(
    `Risk groups at ${scoreCol} > ${r.cutoff} (${method}): ${r.n.low} low, ${r.n.high} high; log-rank p = ${r.logrank.p.toPrecision(3)}` +
      (r.optimal ? ` (optimistic; search-adjusted p = ${r.optimal.p.toPrecision(3)}, Lausen & Schumacher 1992)` : '') +
      `; wrote ${out}${v.plot ? ` and ${v.plot}` : ''}`,
  );
  return 0;
}

async function survivalReportAnalysis(argv: string[]): Promise<number> {
  const v = parseOptions(argv, {
    data: { type: 'string' },
    time: { type: 'string' },
    event: { type: 'string' },
    score: { type: 'string' },
    at: { type: 'string' },
    cutoff: { type: 'string', default: 'optimal' },
    'min-prop': { type: 'string' },
    title: { type: 'string' },
    out: { type: 'string' },
  });
  const data = required(v.data, 'data');
  const out = required(v.out, 'out');
  const timeCol = required(v.time, 'time');
  const scoreCol = required(v.score, 'score');
  const at = columnList(v.at, 'at').map((t) => numberOption(t, 'at'));
  if (at.some((t) => t <= 0)) throw new UsageError('--at times must be > 0');
  if (v.cutoff !== 'median' && v.cutoff !== 'optimal')
    throw new UsageError(`--cutoff must be median or optimal, got '${v.cutoff}'`);
  const minProp = v['min-prop'] === undefined ? 0.1 : numberOption(v['min-prop'], 'min-prop');
  if (!(minProp > 0 && minProp < 0.5)) throw new UsageError(`--min-prop must be above 0 and below 0.5, got ${minProp}`);
  const cells = await readCells(data, 'data file');
  const surv = survivalOf(cells, timeCol, required(v.event, 'event'), data);
  const [score] = numericColumns(cells, [scoreCol], data);
  const report = survivalReport({
    title: v.title ?? `Risk score ${scoreCol}`,
    scoreName: scoreCol,
    timeName: timeCol,
    data: surv,
    score,
    at,
    cutoff: v.cutoff,
    minProp,
  });
  await mkdir(out, { recursive: true });
  for (const [name, text] of Object.entries(report.files)) await writeFile(join(out, name), text);
  await writeJson(join(out, 'survival-report.json'), {
    concordance: report.concordance,
    auc: report.auc.map((a) => ({ ...a, auc: Number.isFinite(a.auc) ? a.auc : null })),
    cutoff: report.groups.cutoff,
    method: report.groups.method,
    logrank: report.groups.logrank,
    ...(report.groups.optimal ? { adjustedP: report.groups.optimal.p } : {}),
    survival: report.survival.map((s) => ({
      time: s.time,
      low: Number.isFinite(s.low) ? s.low : null,
      high: Number.isFinite(s.high) ? s.high : null,
    })),
    note: report.groups.note,
  });
  console.log(
    `Survival report of ${scoreCol}: C = ${report.concordance.toFixed(3)}; risk groups at > ${report.groups.cutoff}, log-rank p = ${report.groups.logrank.p.toPrecision(3)}` +
      (report.groups.optimal ? ` (search-adjusted ${report.groups.optimal.p.toPrecision(3)})` : '') +
      `; wrote ${Object.keys(report.files).length + 1} files to ${out}`,
  );
  return 0;
}

/** `heron stats score`: applies the coefficients a `heron stats cox` JSON holds to another table (validation). */
async function score(argv: string[]): Promise<number> {
  const v = parseOptions(argv, { data: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' } });
  const data = required(v.data, 'data');
  const modelPath = required(v.model, 'model');
  const out = required(v.out, 'out');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(modelPath, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the model ${modelPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const coefficients = (parsed as { coefficients?: unknown }).coefficients;
  if (
    typeof coefficients !== 'object' ||
    coefficients === null ||
    Object.keys(coefficients).length === 0 ||
    !Object.values(coefficients).every((b) => typeof b === 'number' && Number.isFinite(b))
  )
    throw new Error(`${modelPath}: not the output of heron stats cox (needs "coefficients": {name: number, …})`);
  const names = Object.keys(coefficients);
  const cells = await readCells(data, 'data file');
  const x = numericColumns(cells, names, data);
  await writeScores(out, cells, linearPredictor(x, Object.values(coefficients as Record<string, number>)));
  console.log(`Scored ${cells.rows.length} cases with the ${names.length} coefficients of ${modelPath}; wrote ${out}`);
  return 0;
}

const analyses: Record<string, (argv: string[]) => Promise<number>> = {
  cox,
  km,
  'risk-groups': riskGroupsAnalysis,
  'survival-report': survivalReportAnalysis,
  score,
  'time-auc': timeAuc,
  'lasso-logistic': lassoLogistic,
  delong,
};

export const statsCommand: Command = {
  name: 'stats',
  summary:
    'survival, LASSO and ROC statistics of the seed studies on a CSV, as JSON (Cox, Kaplan-Meier, time AUC, DeLong)',
  usage: USAGE,
  async run(argv) {
    const [analysis, ...rest] = argv;
    const run = analysis ? analyses[analysis] : undefined;
    if (!run)
      throw new UsageError(
        analysis
          ? `unknown analysis '${analysis}'; one of ${Object.keys(analyses).join(', ')}`
          : `name an analysis: ${Object.keys(analyses).join(', ')}`,
      );
    return run(rest);
  },
};
