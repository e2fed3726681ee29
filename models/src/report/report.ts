// The evaluation report of a trained model: Markdown with SVG plots (ROC, calibration, decision curve,
// coefficients). Returns file name -> text; writing is the caller's job.
import type { TrainedModel } from '../train/train-model';
import { ALGORITHM_LABELS } from '../algorithms/algorithm';
import { nomogram, type Nomogram } from '../stats/nomogram';
import { nomogramSvg } from './nomogram-svg';
import { barChart, lineChart, type Series } from './svg';

/** The nomogram of a combined model over the training ranges; undefined for a model without clinical inputs. */
export function combinedNomogram(model: TrainedModel): Nomogram | undefined {
  const c = model.combined;
  if (!c) return undefined;
  const coefficients: Record<string, number> = { 'Rad-score': c.radScore, ...c.clinical };
  // A constant clinical input has no axis to draw (and adds nothing to any prediction).
  const inputs = Object.entries(c.ranges)
    .filter(([, r]) => r[1] > r[0])
    .map(([name, range]) => ({ name, coefficient: coefficients[name], range }));
  return nomogram(c.intercept, inputs);
}

const COLOURS: Record<string, string> = { train: '#1f618d', test: '#c0392b', external: '#27ae60' };
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const r3 = (v: number) => v.toFixed(3);

export function buildReport(model: TrainedModel, title: string): Record<string, string> {
  const files: Record<string, string> = {};
  const ev = model.evaluations;
  files['roc.svg'] = lineChart(
    'ROC',
    '1 - specificity',
    'sensitivity',
    [
      ...ev.map((e): Series => ({ label: `${e.set} AUC ${r3(e.auc.auc)}`, points: e.roc, colour: COLOURS[e.set] })),
      {
        label: 'chance',
        points: [
          [0, 0],
          [1, 1],
        ],
        colour: '#999',
        dashed: true,
      },
    ],
    { x: [0, 1], y: [0, 1] },
  );
  files['calibration.svg'] = lineChart(
    'Calibration',
    'predicted probability',
    'observed proportion',
    [
      ...ev.map((e): Series => ({
        label: `${e.set} (slope ${r3(e.calibration.slope)})`,
        points: e.calibration.bins.map((b) => [b.meanPredicted, b.observed]),
        colour: COLOURS[e.set],
      })),
      {
        label: 'ideal',
        points: [
          [0, 0],
          [1, 1],
        ],
        colour: '#999',
        dashed: true,
      },
    ],
    { x: [0, 1], y: [0, 1] },
  );
  const dcaSet = ev.find((e) => e.set === 'test') ?? ev[0];
  const prevalence = dcaSet.positives / dcaSet.n;
  files['decision-curve.svg'] = lineChart(
    `Decision curve (${dcaSet.set} set)`,
    'threshold probability',
    'net benefit',
    [
      { label: 'model', points: dcaSet.decisionCurve.map((p) => [p.threshold, p.model]), colour: COLOURS[dcaSet.set] },
      {
        label: 'treat all',
        points: dcaSet.decisionCurve.map((p) => [p.threshold, p.treatAll]),
        colour: '#555',
        dashed: true,
      },
      {
        label: 'treat none',
        points: [
          [0, 0],
          [1, 0],
        ],
        colour: '#999',
      },
    ],
    { x: [0, 1], y: [-0.05, Math.max(0.05, prevalence) * 1.1] },
  );
  if (model.logistic) {
    const bars = model.inputs
      .map((name, j) => ({ label: name, value: model.logistic!.weights[j] }))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    const unit =
      model.pipeline.scaling === 'min-max' ? `training range${model.combined ? '; clinical inputs per SD' : ''}` : 'SD';
    files['coefficients.svg'] = barChart(`Coefficients (log-odds per ${unit})`, bars);
  }
  const nomo = combinedNomogram(model);
  if (nomo && model.combined) {
    files['nomogram.svg'] = nomogramSvg('Nomogram of the combined model (Rad-score + clinical)', nomo);
    const cal = model.combined.calibration;
    files['calibration-bootstrap.svg'] = lineChart(
      `Calibration, training set (bootstrap B = ${cal.B})`,
      'predicted probability',
      'observed probability',
      [
        { label: 'apparent', points: cal.grid.map((g, k) => [g, cal.apparent[k]]), colour: '#1f618d' },
        {
          label: 'bias-corrected',
          points: cal.grid.map((g, k) => [g, cal.corrected[k]]),
          colour: '#c0392b',
        },
        {
          label: 'ideal',
          points: [
            [0, 0],
            [1, 1],
          ],
          colour: '#999',
          dashed: true,
        },
      ],
      { x: [0, 1], y: [0, 1] },
    );
  }
  const lines = [
    `# ${title} — evaluation report`,
    '',
    `Algorithm: ${model.algo === 'lasso-lr' ? (model.gbdtSelection ? 'logistic regression (unpenalised) on features selected by gradient-boosting gain' : 'LASSO logistic regression (cross-validated lambda)') : model.algo === 'gbdt' ? 'gradient-boosted trees (100 trees, depth 3)' : ALGORITHM_LABELS[model.algo]}${model.combined ? ' combined with clinical factors' : ''}.`,
    `Decision threshold (Youden, training set): P = ${model.threshold.toFixed(4)}.`,
    '',
    '## Feature selection',
    '',
    ...(model.pipeline.icc
      ? [
          `- inter-reader ICC(2,1) filter (${model.pipeline.icc.source}): ${model.pipeline.icc.kept} of ${model.pipeline.icc.assessed} features kept`,
        ]
      : []),
    `- candidate features: ${model.screening.names.length}`,
    `- constant: ${model.screening.removedConstant}; collinear (|r| > 0.8): ${model.screening.removedCollinear}; ${model.screening.univariate === 'f-classif' ? 'ANOVA F (f_classif)' : 'Mann-Whitney'} p >= 0.05: ${model.screening.removedUnivariate}`,
    `- after screening: ${model.screening.kept.length}`,
    ...(model.lasso
      ? [
          `- LASSO: lambda ${model.lasso.chosen.toPrecision(4)} (lambda.min; lambda.1se ${model.lasso.lambda1se.toPrecision(4)}), ${model.inputs.filter((i) => !i.startsWith('clinical/')).length} features kept`,
        ]
      : []),
    ...(model.gbdtSelection
      ? [
          `- gradient boosting (100 trees, depth 3), share of the total split gain; the ${model.gbdtSelection.filter((g) => g.kept).length} highest (at most ${model.pipeline.selection?.top}, gain > 0) enter the logistic regression:`,
          '',
          '| feature | gain share | kept |',
          '|---|---|---|',
          ...model.gbdtSelection.map((g) => `| ${g.name} | ${r3(g.gain)} | ${g.kept ? 'yes' : 'no'} |`),
        ]
      : []),
    '',
    '## Performance',
    '',
    '| set | n (positive) | AUC (95 % CI, DeLong) | sensitivity | specificity | accuracy | F1 | calibration intercept | slope | Brier |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...ev.map(
      (e) =>
        `| ${e.set} | ${e.n} (${e.positives}) | ${r3(e.auc.auc)} (${r3(e.auc.ci[0])}–${r3(e.auc.ci[1])}) | ${pct(e.atThreshold.sensitivity)} | ${pct(e.atThreshold.specificity)} | ${pct(e.atThreshold.accuracy)} | ${r3(e.atThreshold.f1)} | ${r3(e.calibration.intercept)} | ${r3(e.calibration.slope)} | ${r3(e.calibration.brier)} |`,
    ),
    '',
  ];
  if (model.gdi) {
    lines.push(
      `Generalization decay index (seed 002; relative AUC drop ${model.gdi.from} → ${model.gdi.to}): ${pct(model.gdi.gdi)} — ${model.gdi.zone} zone (safe ≤ 15 %, warning 15–20 %, high risk ≥ 20 %).`,
      '',
    );
  }
  if (model.combined && model.radiomicsOnly) {
    lines.push(
      '## Combined model vs radiomics alone (DeLong)',
      '',
      '| set | AUC combined | AUC radiomics | Z | p |',
      '|---|---|---|---|---|',
    );
    for (const d of model.delong)
      lines.push(
        `| ${d.set} | ${r3(d.test.auc1)} | ${r3(d.test.auc2)} | ${d.test.z.toFixed(3)} | ${d.test.p.toPrecision(3)} |`,
      );
    lines.push(
      '',
      `Combined model: logit P = ${r3(model.combined.intercept)} + ${r3(model.combined.radScore)} × Rad-score${Object.entries(
        model.combined.clinical,
      )
        .map(([k, v]) => ` + ${r3(v)} × ${k}`)
        .join('')}`,
      '',
    );
  }
  if (model.combined && files['nomogram.svg']) {
    const cal = model.combined.calibration;
    lines.push(
      '## Nomogram',
      '',
      'Points for each input of the combined model (the axes span the training range; the Rad-score is the radiomics',
      "model's log-odds); their total reads off as the predicted probability (Iasonos et al., J Clin Oncol 2008; as",
      'rms::nomogram). Research use only.',
      '',
      '![Nomogram](nomogram.svg)',
      '',
      '## Bootstrap bias-corrected calibration',
      '',
      `Harrell's optimism correction with ${cal.B} bootstrap samples${cal.failed ? ` (${cal.failed} more did not converge and were skipped)` : ''}: each sample refits the combined logistic regression (Rad-score and clinical factors) and its calibration on its own sample minus that on the training set estimates the optimism. The radiomics feature selection is not repeated inside the bootstrap, so optimism from it is not included: the corrected figures are an upper bound on what to expect elsewhere. The curve is rms::calibrate's: the lowess smoother of the outcomes on the predicted probabilities (iter = 0), read at each grid point; the intercept and slope are the logistic recalibration expit(a + b·logit p) (Cox 1958).`,
      '',
      '| | calibration intercept | calibration slope |',
      '|---|---|---|',
      `| apparent (training set) | ${r3(cal.apparentIntercept)} | ${r3(cal.apparentSlope)} |`,
      `| bias-corrected | ${r3(cal.correctedIntercept)} | ${r3(cal.correctedSlope)} |`,
      '',
      '![Bootstrap calibration](calibration-bootstrap.svg)',
      '',
    );
  }
  lines.push(
    '## Plots',
    '',
    '![ROC](roc.svg) ![Calibration](calibration.svg) ![Decision curve](decision-curve.svg)',
    '',
  );
  if (files['coefficients.svg']) lines.push('![Coefficients](coefficients.svg)', '');
  lines.push('## Inputs', '', '| # | input | weight (per SD) |', '|---|---|---|');
  model.inputs.forEach((name, j) =>
    lines.push(`| ${j + 1} | \`${name}\` | ${model.logistic ? r3(model.logistic.weights[j]) : '—'} |`),
  );
  files['REPORT.md'] = lines.join('\n') + '\n';
  return files;
}
