/**
 * The words and numbers of the report, formatted once for both renderers (report-pdf, report-html): the page and
 * the paper show the same sentences and the same rounding.
 */
import type { BoardReport, ShapBar } from './board-report';
import { personName } from './board-report';
import type { KeyImage } from './key-image';

export const REPORT_TITLE = 'Heron tumour-board report';

export const percent = (p: number) => `${(p * 100).toFixed(1)}%`;

/** Feature values span 1e-3 to 1e4: four significant digits keep each readable without inventing precision. */
export const value = (v: number) =>
  Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(4)));

export function patientLine(r: BoardReport): string {
  return [
    `Patient ${r.patient.name} (ID ${r.patient.id})`,
    r.study.date && `study of ${r.study.date}`,
    r.study.accession && `accession ${r.study.accession}`,
    r.study.description,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function modelLine(r: BoardReport): string {
  const training =
    r.model.synthetic === null
      ? 'model package not installed on this server: training data, model card and input ranges are not available; this report is rendered from the stored SR alone'
      : r.model.synthetic
        ? 'trained on synthetic data — a demonstration model, not for clinical use'
        : 'trained on clinical data';
  return `Model: ${r.model.name}, version ${r.model.version} (${training}).`;
}

/** The result in large type: the risk group and score of a survival answer, else the probability and class. */
export function headline(r: BoardReport): string {
  return r.survival
    ? `${r.survival.groupName} · risk score ${r.survival.riskScore.toFixed(3)}`
    : `${percent(r.result.probability)}  ${r.result.predictedClass}`;
}

/** S(t) at each time the survival package states, as recorded in the SR. */
export function survivalLines(r: BoardReport): string[] {
  const s = r.survival;
  if (!s) return [];
  return [
    ...s.survival.map(
      (p) => `Disease-free survival probability at ${value(p.time)} ${s.timeUnit}: ${percent(p.probability)}.`,
    ),
    `Event: ${s.event}. S(t) = S0(t)^exp(risk score), S0 the package's baseline survival (Breslow).`,
  ];
}

export function resultLine(r: BoardReport): string {
  const s = r.survival;
  if (s)
    return `Risk score ${s.riskScore.toFixed(4)} (Cox linear predictor) against a cut-off of ${s.cutoff.toFixed(4)}: ${s.groupName}.`;
  const t = r.result.threshold;
  return t === undefined
    ? `Probability ${percent(r.result.probability)}; predicted class: ${r.result.predictedClass} (the report does not record its threshold).`
    : `Probability ${percent(r.result.probability)} against a decision threshold of ${percent(t)}: predicted class ${r.result.predictedClass}.`;
}

/** What the manifest says about how far the probability can be trusted; nothing when it is not installed. */
export function calibrationLines(r: BoardReport): string[] {
  if (r.survival) return [r.survival.cutoffNote];
  const card = r.modelCard;
  if (!card) return ['Calibration and confidence intervals: not available (model package not installed).'];
  const c = card.calibration;
  return [
    `Calibration on the ${c.set} set: intercept ${c.intercept.toFixed(3)}, slope ${c.slope.toFixed(3)}, Brier score ${c.brier.toFixed(3)}. Threshold rule: ${card.thresholdRule}.`,
  ];
}

export function decisionLine(r: BoardReport): string {
  const d = r.decision;
  if (d.state === 'UNVERIFIED') return 'Reader decision: awaiting review.';
  const when = d.at.replace('T', ' ').slice(0, 16);
  return d.state === 'VERIFIED'
    ? `Reader decision: accepted by ${personName(d.reader)} on ${when}.`
    : `Reader decision: rejected by ${personName(d.reader)} on ${when}. Reason: ${d.reason || '(none given)'}`;
}

export function outOfRangeLines(r: BoardReport): string[] {
  if (r.outOfRange === null)
    return ['Cannot be checked: the model package (with its training ranges) is not installed.'];
  if (r.outOfRange.length === 0) return ['None: every input lies within the range seen in training.'];
  return r.outOfRange.map((o) => `${o.input} = ${value(o.value)} (training range ${value(o.min)} to ${value(o.max)})`);
}

export function modelCardLines(r: BoardReport): string[] {
  const sc = r.survivalCard;
  if (sc)
    return [
      `Training data: ${sc.trainingData} (${sc.trainingCases} cases).`,
      ...sc.performance.map(
        (p) => `Performance, ${p.set} set (n = ${p.n}, ${p.events} events): Harrell's C ${p.concordance.toFixed(3)}.`,
      ),
      `Intended use: ${sc.intendedUse}`,
      ...sc.limitations.map((l) => `Limitation: ${l}`),
    ];
  const card = r.modelCard;
  if (!card) return ['Not available: the model package is not installed on this server.'];
  return [
    `Training data: ${card.trainingData} (${card.trainingCases} cases).`,
    ...card.performance.map(
      (p) =>
        `Performance, ${p.set} set (n = ${p.n}): AUC ${p.auc.toFixed(3)}${p.aucCi95 ? ` (95% CI ${p.aucCi95[0].toFixed(3)}–${p.aucCi95[1].toFixed(3)})` : ''}.`,
    ),
    ...(card.generalization
      ? [`Generalisation decay index ${card.generalization.gdi.toFixed(3)}: ${card.generalization.zone} zone.`]
      : []),
    `Intended use: ${card.intendedUse}`,
    ...card.limitations.map((l) => `Limitation: ${l}`),
  ];
}

export function keyImageCaption(k: KeyImage): string {
  return `${k.label}, slice ${k.slice} of ${k.slices}; window ${value(k.window.width)} / level ${value(k.window.center)}`;
}

export const OUTLINE_LEGEND =
  'Red: tumour outline; yellow, green, blue: outer edges of the 1, 3 and 5 mm peritumoral shells.';

export function footerLines(r: BoardReport): string[] {
  return [
    `Heron ${r.heronVersion} · SR ${r.uids.sr}${r.uids.seg ? ` · SEG ${r.uids.seg}` : ''}${r.uids.replacesPdf ? ` · replaces PDF ${r.uids.replacesPdf}` : ''}`,
  ];
}

export interface WaterfallRow {
  label: string;
  shap: number;
  start: number;
  end: number;
  /** Feature value shown beside the name, when known. */
  value?: number;
}

/**
 * The waterfall rows top to bottom: the `top` largest contributions (largest first) and the rest summed; walked up
 * from the base value so the top row ends at the model's output.
 */
export function waterfallRows(bars: ShapBar[], base: number, top = 8): WaterfallRow[] {
  const shown = bars.length - top === 1 ? bars : bars.slice(0, top);
  const rest = bars.slice(shown.length);
  const rows: WaterfallRow[] = [];
  let at = base;
  if (rest.length) {
    const shap = rest.reduce((s, b) => s + b.shap, 0);
    rows.push({ label: `${rest.length} other inputs`, shap, start: at, end: at + shap });
    at += shap;
  }
  for (const b of [...shown].reverse()) {
    rows.push({
      label: b.input,
      shap: b.shap,
      start: at,
      end: at + b.shap,
      ...(b.value !== undefined ? { value: b.value } : {}),
    });
    at += b.shap;
  }
  return rows.reverse();
}

export const shapUnit = (space: BoardReport['shap']['space']) =>
  space === 'log-odds'
    ? 'log-odds'
    : space === 'probability'
      ? 'probability'
      : space === 'risk-score'
        ? 'risk score (log relative hazard)'
        : 'model output (scale not recorded)';
