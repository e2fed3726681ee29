// `heron stats` and `heron icc` on the R reference fixtures (models/fixtures/r, written by make-r-fixtures.R from
// public data): what the commands write agrees with coxph, concordance, survfit, survdiff, glmnet, pROC and
// psych::ICC; bad tables are refused with the file, line and column named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { applyIccVerdicts, parseIccVerdicts } from '@heron/models';
import { runHeron } from '../support/cli';

const R = join(repoRoot, 'models', 'fixtures', 'r');
const dir = mkdtempSync(join(tmpdir(), 'heron-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => JSON.parse(readFileSync(join(R, name), 'utf8'));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
function close(actual: number, expected: number, tol: number, relative = false) {
  const scale = relative ? Math.abs(expected) : Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol * scale))
    throw new Error(`expected ${expected}, got ${actual} (tolerance ${tol}${relative ? ' relative' : ''})`);
}

async function ok(argv: string[]): Promise<string> {
  const r = await runHeron(argv);
  if (r.code !== 0) throw new Error(`heron ${argv.join(' ')} exited ${r.code}: ${r.err}`);
  return r.out;
}

test('stats cox: coefficients, standard errors, C and log-likelihood as coxph (Efron and Breslow)', async () => {
  for (const c of fixture('cox.json')) {
    const out = join(dir, `cox-${c.ties}-${c.data}.json`);
    const argv = ['stats', 'cox', '--data', join(R, c.data), '--time', 'time', '--event', 'status'];
    await ok([...argv, '--covariates', c.covariates.join(','), '--ties', c.ties, '--out', out]);
    const got = readJson(out);
    expect(Object.keys(got)).toEqual(['coefficients', 'standardErrors', 'concordance', 'logLikelihood']);
    for (const n of c.covariates) {
      close(got.coefficients[n], c.coefficients[n], 1e-6, true);
      close(got.standardErrors[n], c.standardErrors[n], 1e-6, true);
    }
    close(got.concordance, c.concordance, 1e-9);
    close(got.logLikelihood, c.logLikelihood, 1e-10, true);
  }
});

test('stats cox --lambda: LASSO-Cox as glmnet, without standard errors', async () => {
  for (const c of fixture('lasso-cox.json')) {
    const out = join(dir, `lasso-cox-${c.lambda}.json`);
    await ok([
      ...['stats', 'cox', '--data', join(R, c.data), '--time', 'time', '--event', 'status'],
      ...['--covariates', c.covariates.join(','), '--lambda', String(c.lambda), '--out', out],
    ]);
    const got = readJson(out);
    expect(got.standardErrors).toBeUndefined();
    for (const n of c.covariates) close(got.coefficients[n], c.coefficients[n], 1e-4);
    expect(got.concordance).toBeGreaterThan(0.5);
  }
});

test('stats km: the survfit curve, S(t) at stated times, and survdiff by group', async () => {
  const [lung, , bySex, byCell] = fixture('km.json');
  const all = join(dir, 'km.json');
  await ok(['stats', 'km', '--data', join(R, 'lung.csv'), '--time', 'time', '--event', 'status', '--out', all]);
  const curve = readJson(all);
  expect(curve.logrank).toBeUndefined();
  expect(curve.survival.map((p: { time: number }) => p.time)).toEqual(lung.time);
  curve.survival.forEach((p: { survival: number }, k: number) => close(p.survival, lung.survival[k], 1e-9));
  const at = join(dir, 'km-at.json');
  await ok([
    ...['stats', 'km', '--data', join(R, 'lung.csv'), '--time', 'time', '--event', 'status'],
    ...['--at', lung.at.join(','), '--out', at],
  ]);
  readJson(at).survival.forEach((p: { time: number; survival: number }, k: number) => {
    expect(p.time).toBe(lung.at[k]);
    close(p.survival, lung.survivalAt[k], 1e-9);
  });
  for (const c of [bySex, byCell]) {
    const out = join(dir, `km-${c.group}.json`);
    await ok([
      ...['stats', 'km', '--data', join(R, c.data), '--time', 'time', '--event', 'status'],
      ...['--group', c.group, '--out', out],
    ]);
    const got = readJson(out);
    close(got.logrank.chisq, c.chisq, 1e-6, true);
    close(got.logrank.p, c.p, 1e-9, true);
    expect(got.logrank.df).toBe(c.df);
    expect(new Set(got.survival.map((p: { group: string }) => p.group)).size).toBe(c.df + 1);
  }
});

test('stats risk-groups: optimal cut-off and its search-adjusted p as maxstat, groups compared as survdiff, KM plot', async () => {
  for (const c of fixture('maxstat.json')) {
    const out = join(dir, `risk-${c.score}.json`);
    const plot = join(dir, `risk-${c.score}.svg`);
    const argv = ['stats', 'risk-groups', '--data', join(R, c.file), '--time', 'time', '--event', 'status'];
    const said = await ok([
      ...argv,
      ...['--score', c.score, '--cutoff', 'optimal', '--min-prop', String(c.minprop), '--out', out, '--plot', plot],
    ]);
    expect(said).toMatch(/optimistic; search-adjusted p = .*Lausen & Schumacher 1992/);
    const got = readJson(out);
    expect(got.cutoff).toBe(c.cutoff);
    close(got.optimal.statistic, c.statistic, 1e-9, true);
    close(got.optimal.adjustedP, Math.min(1, c.p), 1e-9, true);
    close(got.logrank.chisq, c.logrank.chisq, 1e-6, true);
    expect(got.note).toMatch(/is optimistic/);
    expect(got.highRisk).toHaveLength(got.n.low + got.n.high);
    const svg = readFileSync(plot, 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(`low risk (n = ${got.n.low})`);
    expect(svg).toContain('search-adjusted p');
    const median = join(dir, `risk-median-${c.score}.json`);
    await ok([...argv, '--score', c.score, '--cutoff', 'median', '--out', median]);
    const m = readJson(median);
    expect(m.cutoff).toBe(c.median.cutoff);
    close(m.logrank.chisq, c.median.chisq, 1e-6, true);
    expect(m.optimal).toBeUndefined();
  }
  const bad = await runHeron([
    'stats',
    'risk-groups',
    '--data',
    join(R, 'lung.csv'),
    '--time',
    'time',
    '--event',
    'status',
    '--score',
    'age',
    '--cutoff',
    'best',
    '--out',
    join(dir, 'x.json'),
  ]);
  expect(bad.code).not.toBe(0);
  expect(bad.err).toMatch(/--cutoff must be median or optimal, got 'best'/);
});

test('stats survival-report: a DFS-style report of a risk score (C, AUC(t), KM risk groups, survival at times)', async () => {
  const out = join(dir, 'survival-report');
  const said = await ok([
    ...['stats', 'survival-report', '--data', join(R, 'veteran.csv'), '--time', 'time', '--event', 'status'],
    ...['--score', 'karno', '--at', '30,90,180', '--cutoff', 'optimal', '--out', out],
  ]);
  expect(said).toMatch(/search-adjusted/);
  const got = readJson(join(out, 'survival-report.json'));
  // veteran's Karnofsky score: higher is healthier, so as a "risk" it is discordant (C < 0.5), and the optimal
  // cut-off is maxstat's.
  expect(got.concordance).toBeLessThan(0.5);
  const m = fixture('maxstat.json').find((c: { score: string }) => c.score === 'karno');
  expect(got.cutoff).toBe(m.cutoff);
  close(got.adjustedP, m.p, 1e-9, true);
  expect(got.survival.map((s: { time: number }) => s.time)).toEqual([30, 90, 180]);
  const md = readFileSync(join(out, 'REPORT.md'), 'utf8');
  expect(md).toContain('Research use only');
  expect(md).toContain('![Kaplan-Meier curves of the risk groups](km-risk-groups.svg)');
  expect(readFileSync(join(out, 'km-risk-groups.svg'), 'utf8')).toMatch(/^<svg/);
  expect(readFileSync(join(out, 'time-auc.svg'), 'utf8')).toMatch(/^<svg/);
});

test('stats cox --lambda --scores feeds survival-report: a LASSO-Cox DFS score, its risk groups and AUC(t)', async () => {
  const cox = join(dir, 'dfs-cox.json');
  const scores = join(dir, 'dfs-scores.csv');
  await ok([
    ...['stats', 'cox', '--data', join(R, 'lung.csv'), '--time', 'time', '--event', 'status'],
    ...['--covariates', 'age,sex,ph_ecog,ph_karno,wt_loss', '--lambda', '0.02', '--out', cox, '--scores', scores],
  ]);
  const fit = readJson(cox);
  const [header, ...rows] = readFileSync(scores, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  expect(header.at(-1)).toBe('lp');
  for (const row of rows) {
    const lp = Object.entries(fit.coefficients as Record<string, number>).reduce(
      (s, [name, b]) => s + b * Number(row[header.indexOf(name)]),
      0,
    );
    close(Number(row.at(-1)), lp, 1e-12);
  }
  const out = join(dir, 'dfs-report');
  await ok([
    ...['stats', 'survival-report', '--data', scores, '--time', 'time', '--event', 'status', '--score', 'lp'],
    ...['--at', '180,365,730', '--out', out],
  ]);
  const report = readJson(join(out, 'survival-report.json'));
  close(report.concordance, fit.concordance, 1e-12);
  expect(report.auc).toHaveLength(3);
  const again = await runHeron([
    ...['stats', 'cox', '--data', scores, '--time', 'time', '--event', 'status'],
    ...['--covariates', 'age', '--out', join(dir, 'x.json'), '--scores', join(dir, 'y.csv')],
  ]);
  expect(again.err).toMatch(/already has a column 'lp'/);
  // The same coefficients applied to a table (here the fitting one) by stats score give the same lp.
  const scored = join(dir, 'dfs-scored.csv');
  await ok(['stats', 'score', '--data', join(R, 'lung.csv'), '--model', cox, '--out', scored]);
  expect(readFileSync(scored, 'utf8')).toBe(readFileSync(scores, 'utf8'));
  const wrong = await runHeron(['stats', 'score', '--data', join(R, 'lung.csv'), '--model', scores, '--out', scored]);
  expect(wrong.err).toMatch(/cannot read the model/);
});

test('stats time-auc: AUC(t) with cumulative cases and dynamic controls as timeROC', async () => {
  for (const c of fixture('time-auc.json')) {
    const out = join(dir, `time-auc-${c.marker}.json`);
    await ok([
      ...['stats', 'time-auc', '--data', join(R, c.data), '--time', 'time', '--event', 'status'],
      ...['--marker', c.marker, '--at', c.times.join(','), '--out', out],
    ]);
    readJson(out).auc.forEach((r: { time: number; auc: number; cases: number; controls: number }, k: number) => {
      expect([r.time, r.cases, r.controls]).toEqual([c.times[k], c.cases[k], c.controls[k]]);
      close(r.auc, c.auc[k], 1e-9);
    });
  }
  // Before the first event there are no cases: no AUC, written as null.
  const early = join(dir, 'time-auc-early.json');
  await ok([
    ...['stats', 'time-auc', '--data', join(R, 'lung.csv'), '--time', 'time', '--event', 'status'],
    ...['--marker', 'age', '--at', '1', '--out', early],
  ]);
  expect(readJson(early).auc[0].auc).toBeNull();
});

test('stats lasso-logistic: intercept and coefficients in original units as glmnet', async () => {
  for (const c of fixture('lasso-logistic.json')) {
    const out = join(dir, `lasso-lr-${c.lambda}.json`);
    // `all` is every column but the first (the case id) and the label: here the eight Pima features.
    await ok([
      ...['stats', 'lasso-logistic', '--data', join(R, c.data), '--label', c.label, '--features', 'all'],
      ...['--lambda', String(c.lambda), '--out', out],
    ]);
    const got = readJson(out);
    expect(Object.keys(got.coefficients)).toEqual(c.features);
    close(got.intercept, c.intercept, 1e-4);
    for (const f of c.features) close(got.coefficients[f], c.coefficients[f], 1e-4);
  }
});

test('stats delong: AUCs, DeLong intervals and the paired test as pROC', async () => {
  for (const c of fixture('delong.json')) {
    const out = join(dir, `delong-${c.scores.join('-')}.json`);
    await ok([
      ...['stats', 'delong', '--data', join(R, c.data), '--label', c.label],
      ...['--scores', c.scores.join(','), '--out', out],
    ]);
    const got = readJson(out);
    for (const s of c.scores) {
      close(got.auc[s], c.auc[s], 1e-9);
      close(got.ci[s][0], c.ci[s][0], 1e-9);
      close(got.ci[s][1], c.ci[s][1], 1e-9);
    }
    close(got.p, c.p, 1e-9);
  }
});

test('icc: ICC(1,1), ICC(2,1), ICC(3,1) per feature as psych::ICC, kept by ICC(2,1) > threshold', async () => {
  const expected = fixture('icc.json').readers as Record<string, { icc1: number; icc2: number; icc3: number }>;
  const out = join(dir, 'icc.csv');
  const printed = await ok([
    ...['icc', '--reader1', join(R, 'reader1.csv'), '--reader2', join(R, 'reader2.csv'), '--id', 'case_id'],
    ...['--out', out],
  ]);
  expect(printed).toMatch(/1 of 4 features kept/);
  const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
  expect(header).toBe('feature,icc1,icc2,icc3,kept');
  expect(rows.map((r) => r.split(',')[0])).toEqual(Object.keys(expected));
  for (const row of rows) {
    const [feature, icc1, icc2, icc3, kept] = row.split(',');
    const e = expected[feature];
    close(Number(icc1), e.icc1, 1e-9);
    close(Number(icc2), e.icc2, 1e-9);
    close(Number(icc3), e.icc3, 1e-9);
    expect(kept).toBe(String(e.icc2 > 0.75));
  }
  // A lower threshold keeps the feature whose ICC(2,1) is 0.742.
  await ok([
    ...['icc', '--reader1', join(R, 'reader1.csv'), '--reader2', join(R, 'reader2.csv'), '--id', 'case_id'],
    ...['--threshold', '0.7', '--out', out],
  ]);
  expect(readFileSync(out, 'utf8').match(/,true$/gm)).toHaveLength(2);
  // What heron icc writes is what heron train --icc reads: the kept features pass the filter, the others do not.
  const verdicts = parseIccVerdicts(readFileSync(out, 'utf8'), 'icc.csv');
  const kept = Object.keys(expected).filter((f) => expected[f].icc2 > 0.7);
  expect(applyIccVerdicts(Object.keys(expected), verdicts)).toEqual(kept);
});

test('bad input: clear errors naming the file, line and column; bad options are usage errors', async () => {
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cox = (data: string, extra: string[] = []) =>
    runHeron([
      'stats',
      'cox',
      '--data',
      data,
      '--time',
      'time',
      '--event',
      'status',
      '--out',
      join(dir, 'x.json'),
      ...extra,
    ]);
  const negative = write('negative.csv', 'id,time,status,age\n1,5,1,60\n2,-3,0,70\n3,8,1,65\n');
  let r = await cox(negative, ['--covariates', 'age']);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/negative.csv, line 3: time -3 is not a non-negative number/);
  const censored = write('censored.csv', 'id,time,status,age\n1,5,0,60\n2,3,0,70\n');
  r = await cox(censored, ['--covariates', 'age']);
  expect(r.err).toMatch(/censored.csv: no events/);
  r = await cox(join(R, 'lung.csv'), ['--covariates', 'age,weight']);
  expect(r.err).toMatch(/lung.csv: no column 'weight' \(the columns are id, time, status/);
  const text = write('text.csv', 'id,time,status,age\n1,5,1,60\n2,3,1,NA\n3,4,0,61\n');
  r = await cox(text, ['--covariates', 'age']);
  expect(r.err).toMatch(/text.csv, line 3, column 'age': 'NA' is not a number/);
  r = await cox(join(R, 'lung.csv'), ['--covariates', 'age', '--ties', 'exact']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/--ties must be efron or breslow, got 'exact'/);
  r = await cox(join(R, 'lung.csv'), ['--covariates', 'age', '--lambda', 'small']);
  expect(r.err).toMatch(/--lambda must be a number, got 'small'/);
  r = await runHeron(['stats', 'anova', '--data', 'x.csv']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(
    /unknown analysis 'anova'; one of cox, km, risk-groups, survival-report, score, time-auc, lasso-logistic, delong/,
  );
  r = await runHeron([
    'stats',
    'delong',
    '--data',
    join(R, 'pima.csv'),
    '--label',
    'mass',
    '--scores',
    'glucose,age',
    '--out',
    join(dir, 'x.json'),
  ]);
  expect(r.err).toMatch(/column 'mass': the label 33.6 must be 0 or 1/);
  // A reader table with other cases than the other reader's is refused, not silently matched.
  const other = write('reader-other.csv', readFileSync(join(R, 'reader2.csv'), 'utf8').replace(/^c07,/m, 'c77,'));
  r = await runHeron([
    'icc',
    '--reader1',
    join(R, 'reader1.csv'),
    '--reader2',
    other,
    '--id',
    'case_id',
    '--out',
    join(dir, 'x.csv'),
  ]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(
    /the readers' tables must hold the same cases: 'c07' only in .*reader1.csv; 'c77' only in .*reader-other.csv/,
  );
  r = await runHeron([
    'icc',
    '--reader1',
    join(R, 'reader1.csv'),
    '--reader2',
    join(R, 'reader2.csv'),
    '--id',
    'case',
    '--out',
    join(dir, 'x.csv'),
  ]);
  expect(r.err).toMatch(/reader1.csv: no id column 'case'/);
  r = await runHeron([
    'icc',
    '--reader1',
    join(R, 'reader1.csv'),
    '--reader2',
    join(R, 'reader2.csv'),
    '--id',
    'case_id',
    '--threshold',
    '2',
    '--out',
    join(dir, 'x.csv'),
  ]);
  expect(r.code).toBe(2);
});
