// The report of a survival risk score (seed 003's disease-free-survival analysis): Harrell's C, time-dependent AUC
// at stated times, risk groups by a median or optimal cut-off with their Kaplan-Meier curves, log-rank test and
// survival probabilities at the stated times. Every number comes from the R-checked functions in src/survival;
// this module only arranges them. Returns file name -> text; writing is the caller's job.
import { concordance } from '../survival/concordance';
import { survivalAt } from '../survival/kaplan-meier';
import { riskGroups, type RiskGroups } from '../survival/risk-groups';
import type { SurvivalData } from '../survival/survival-data';
import { timeDependentAuc, type TimeAuc } from '../survival/time-auc';
import { kmChart } from './km-chart';
import { lineChart } from './svg';

export interface SurvivalReportInput {
  title: string;
  /** The column the score came from, named in the text. */
  scoreName: string;
  timeName: string;
  data: SurvivalData;
  /** A risk score: higher means a higher risk (e.g. a Cox or LASSO-Cox linear predictor). */
  score: ArrayLike<number>;
  /** Times at which to give the AUC and the groups' survival probabilities. */
  at: number[];
  cutoff: 'median' | 'optimal';
  minProp?: number;
}

export interface SurvivalReport {
  files: Record<string, string>;
  concordance: number;
  auc: TimeAuc[];
  groups: RiskGroups;
  /** Kaplan-Meier survival of each group at the stated times; NaN after the group's last follow-up time. */
  survival: { time: number; low: number; high: number }[];
}

const r3 = (v: number) => v.toFixed(3);
const p3 = (v: number) => v.toPrecision(3);
const na = (v: number) => (Number.isFinite(v) ? r3(v) : 'n/a (after the last follow-up)');

export function survivalReport(input: SurvivalReportInput): SurvivalReport {
  const { data, score, at } = input;
  if (at.length === 0) throw new Error('a survival report needs at least one time for the AUC and survival table');
  const c = concordance(data, score).concordance;
  const auc = timeDependentAuc(data, score, at);
  const groups = riskGroups(data, score, { cutoff: input.cutoff, minProp: input.minProp });
  // Past a group's last follow-up the estimate is undefined (survfit's summary drops such times): NaN, shown n/a.
  const within = (km: RiskGroups['km']['low']) =>
    survivalAt(km, at).map((s, k) => (at[k] <= (km.time.at(-1) ?? 0) ? s : NaN));
  const low = within(groups.km.low);
  const high = within(groups.km.high);
  const survival = at.map((time, k) => ({ time, low: low[k], high: high[k] }));
  const events = data.event.reduce((s, v) => s + v, 0);
  const files: Record<string, string> = {};
  files['km-risk-groups.svg'] = kmChart(
    `Risk groups (${input.cutoff} cut-off of ${input.scoreName})`,
    [
      { label: `low risk (n = ${groups.n.low})`, km: groups.km.low, colour: '#1f618d' },
      {
        label: `high risk (n = ${groups.n.high}); log-rank p = ${p3(groups.logrank.p)}`,
        km: groups.km.high,
        colour: '#c0392b',
      },
    ],
    input.timeName,
    groups.optimal ? [`cut-off chosen on these data; search-adjusted p = ${p3(groups.optimal.p)}`] : [],
  );
  const defined = auc.filter((a) => Number.isFinite(a.auc));
  if (defined.length >= 2)
    files['time-auc.svg'] = lineChart(
      'Time-dependent AUC (cumulative/dynamic)',
      input.timeName,
      'AUC',
      [
        { label: input.scoreName, points: defined.map((a) => [a.time, a.auc]), colour: '#1f618d' },
        {
          label: 'chance',
          points: [
            [0, 0.5],
            [Math.max(...at), 0.5],
          ],
          colour: '#999',
          dashed: true,
        },
      ],
      { x: [0, Math.max(...at)], y: [0, 1] },
    );
  const lines = [
    `# ${input.title} — survival report`,
    '',
    '_Research use only: not a clinical tool, and not validated for decisions about patients._',
    '',
    `Risk score: \`${input.scoreName}\` (a higher score means a higher risk). ${data.time.length} cases, ${events} events.`,
    '',
    '## Discrimination',
    '',
    `- Harrell's C: ${r3(c)} (survival::concordance's conventions).`,
    '',
    '| time | AUC (cumulative cases, dynamic controls; IPCW) | cases | controls |',
    '|---|---|---|---|',
    // No case or no control: no AUC, never a made-up number.
    ...auc.map((a) => `| ${a.time} | ${Number.isFinite(a.auc) ? r3(a.auc) : 'n/a'} | ${a.cases} | ${a.controls} |`),
    '',
    '## Risk groups',
    '',
    `- Cut-off: ${input.scoreName} > ${groups.cutoff} is high risk (${groups.method === 'median' ? 'the median score' : 'the cut-off maximising the log-rank statistic'}).`,
    `- Low risk: ${groups.n.low} cases, ${groups.events.low} events; high risk: ${groups.n.high} cases, ${groups.events.high} events.`,
    `- Log-rank: χ² = ${r3(groups.logrank.chisq)} (1 df), p = ${p3(groups.logrank.p)}.`,
    ...(groups.optimal
      ? [
          `- Maximally selected log-rank statistic ${r3(groups.optimal.statistic)} over ${groups.optimal.cuts.length} cut-offs; Lausen-Schumacher adjusted p = ${p3(groups.optimal.p)}.`,
        ]
      : []),
    '',
    `> ${groups.note}`,
    '',
    '| time | survival, low risk | survival, high risk |',
    '|---|---|---|',
    ...survival.map((s) => `| ${s.time} | ${na(s.low)} | ${na(s.high)} |`),
    '',
    '## Plots',
    '',
    `![Kaplan-Meier curves of the risk groups](km-risk-groups.svg)${files['time-auc.svg'] ? ' ![Time-dependent AUC](time-auc.svg)' : ''}`,
    '',
  ];
  files['REPORT.md'] = lines.join('\n');
  return { files, concordance: c, auc, groups, survival };
}
