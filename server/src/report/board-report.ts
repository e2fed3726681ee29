/**
 * The tumour-board report: everything the page and the PDF show, built from what Heron stored (the TID 1500 SR it
 * wrote, read back with readSr) and, when still installed, the model's manifest. Both renderers draw this one
 * description, so the page and the paper cannot disagree; neither computes a number of its own.
 */
import { type DicomJson, text } from '@heron/dicom/core';
import { readSr, type ReadSignoff } from '@heron/dicom/sr';
import { cutoffNote, type Manifest, type SurvivalManifest } from '@heron/models';
import type { KeyImage } from './key-image';

/** Said on every page and at the top of the report. */
export const INTENDED_USE_NOTICE = 'Research use only — not a diagnosis.';

/**
 * The DCE kinetic curve of the tumour, when the analysis measured one. Hook for the breast-reading work: an analysis
 * result may carry `kinetics.curve`; the report draws it when present and says nothing when absent.
 */
export interface KineticCurve {
  /** Seconds after the first (pre-contrast) phase. */
  timeS: number[];
  /** Mean signal in the tumour at each time, in the images' stored units. */
  meanSignal: number[];
}

export interface ShapBar {
  input: string;
  /** The input's value as the SR records it; absent for clinical inputs, which the SR does not carry. */
  value?: number;
  shap: number;
}

export interface OutOfRangeInput {
  input: string;
  value: number;
  min: number;
  max: number;
}

export interface ModelCardSummary {
  trainingData: string;
  trainingCases: number;
  performance: { set: string; n: number; auc: number; aucCi95?: [number, number] }[];
  calibration: { set: string; intercept: number; slope: number; brier: number };
  generalization?: { gdi: number; zone: string };
  intendedUse: string;
  limitations: string[];
  thresholdRule: string;
}

/** A survival package's answer as the report shows it: every number read from the SR. */
export interface SurvivalSection {
  riskScore: number;
  group: 'low' | 'high';
  groupName: string;
  cutoff: number;
  cutoffRule: string;
  /** What the reader must know about the cut-off (from the package when installed, else the rule alone). */
  cutoffNote: string;
  event: string;
  timeUnit: string;
  survival: { time: number; probability: number }[];
}

/** A survival package's card: concordance instead of AUC, and no calibration table. */
export interface SurvivalCardSummary {
  trainingData: string;
  trainingCases: number;
  performance: { set: string; n: number; events: number; concordance: number }[];
  intendedUse: string;
  limitations: string[];
}

export interface BoardReport {
  patient: { name: string; id: string };
  study: { instanceUID: string; date?: string; description?: string; accession?: string };
  /** When the SR was written (ISO 8601, local time as stored), if it says. */
  analysedAt?: string;
  question: string;
  /** Why the question was asked, when only because of an earlier answer (the stratified reading's second step). */
  condition?: string;
  model: {
    name: string;
    version: string;
    sha256: string;
    /** Null when the package is not installed here any more: the SR does not say how the model was trained. */
    synthetic: boolean | null;
    installed: boolean;
  };
  result: {
    probability: number;
    threshold?: number;
    /** [negative, positive] names. */
    classes: [string, string];
    predictedClass: string;
    positive: boolean;
  };
  /** Present when the SR reports a survival package's answer (then `result` is its classifier-shaped view). */
  survival?: SurvivalSection;
  survivalCard?: SurvivalCardSummary;
  shap: { space: 'log-odds' | 'probability' | 'risk-score' | 'unknown'; base: number; bars: ShapBar[] };
  explanation: string;
  /** Null when the training ranges are unknown (model package not installed). */
  outOfRange: OutOfRangeInput[] | null;
  modelCard: ModelCardSummary | null;
  decision: ReadSignoff;
  keyImages: KeyImage[];
  kinetics?: KineticCurve;
  heronVersion: string;
  uids: { sr: string; seg?: string; replacesPdf?: string };
}

export interface ReportSources {
  /** The SR as DICOM JSON (WADO-RS metadata or a parsed Part 10 file). */
  sr: DicomJson;
  /** The model package's manifest, when installed; ignored unless it is the model that wrote the SR. */
  manifest?: Manifest;
  /** The same for a survival package. */
  survivalManifest?: SurvivalManifest;
  keyImages?: KeyImage[];
  kinetics?: KineticCurve;
  heronVersion: string;
  replacesPdf?: string;
}

const Tag = {
  PatientName: '00100010',
  PatientID: '00100020',
  StudyInstanceUID: '0020000D',
  StudyDate: '00080020',
  StudyDescription: '00081030',
  AccessionNumber: '00080050',
  ContentDate: '00080023',
  ContentTime: '00080033',
  SOPInstanceUID: '00080018',
} as const;

const isoDate = (da: string | undefined) =>
  da && /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : undefined;

/** DICOM PN 'Family^Given^Middle' as a person reads it. */
export const personName = (pn: string) => {
  const [family = '', given = '', middle = ''] = pn.split('=')[0].split('^');
  return [given, middle, family].filter(Boolean).join(' ') || pn;
};

const SIGN = (x: number) => (x >= 0 ? '+' : '−');

/** One plain sentence naming what pushed the model most each way, on the scale its SHAP values are on. */
export function explanationSentence(bars: ShapBar[], classes: [string, string], space: string): string {
  // Probability-space SHAP values are shares of the probability: said in percentage points, as the result is in %.
  const amount = (x: number) =>
    space === 'probability'
      ? `${(Math.abs(x) * 100).toFixed(1)} percentage points`
      : `${Math.abs(x).toFixed(2)}${space === 'log-odds' ? ' log-odds' : ''}`;
  const fmt = (b: ShapBar) => `${b.input} (${SIGN(b.shap)}${amount(b.shap)})`;
  const up = bars.filter((b) => b.shap > 0).sort((a, b) => b.shap - a.shap)[0];
  const down = bars.filter((b) => b.shap < 0).sort((a, b) => a.shap - b.shap)[0];
  const parts = [
    up && `the largest push towards ${classes[1]} came from ${fmt(up)}`,
    down && `the largest push towards ${classes[0]} came from ${fmt(down)}`,
  ].filter(Boolean) as string[];
  if (parts.length === 0) return 'No input moved the model away from its average output.';
  const sentence = parts.join('; ');
  return `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}

/** The manifest only describes the SR's model when name, version and ONNX hash all match. */
const sameModel = (
  m: { name: string; version: string; model: { sha256: string } },
  name: string,
  version: string,
  sha256: string,
) => m.name === name && m.version === version && (!sha256 || m.model.sha256 === sha256);

function modelCardOf(m: Manifest): ModelCardSummary {
  return {
    trainingData: m.trainingData.description,
    trainingCases: m.trainingData.n,
    performance: m.performance.map((p) => ({
      set: p.set,
      n: p.n,
      auc: p.auc,
      ...(p.aucCi95 ? { aucCi95: p.aucCi95 as [number, number] } : {}),
    })),
    calibration: m.calibration,
    ...(m.generalization ? { generalization: m.generalization } : {}),
    intendedUse: m.intendedUse,
    limitations: m.limitations,
    thresholdRule: m.threshold.rule,
  };
}

function survivalSection(s: NonNullable<ReturnType<typeof readSr>['survival']>, m?: SurvivalManifest): SurvivalSection {
  return {
    riskScore: s.riskScore,
    group: s.group,
    groupName: s.groupNames[s.group === 'high' ? 1 : 0],
    cutoff: s.cutoff,
    cutoffRule: s.cutoffRule,
    cutoffNote: m
      ? cutoffNote(m)
      : `High risk when the risk score is at least ${s.cutoff.toFixed(4)} (${s.cutoffRule}).`,
    event: s.event,
    timeUnit: s.timeUnit,
    survival: s.survival,
  };
}

function survivalCardOf(m: SurvivalManifest): SurvivalCardSummary {
  return {
    trainingData: m.trainingData.description,
    trainingCases: m.trainingData.n,
    performance: m.performance.map((p) => ({ set: p.set, n: p.n, events: p.events, concordance: p.concordance })),
    intendedUse: m.intendedUse,
    limitations: m.limitations,
  };
}

/** Builds the report; throws (with readSr's message) when the SR is not a Heron report. */
export function boardReport(src: ReportSources): BoardReport {
  const read = readSr(src.sr);
  const c = read.classifier;
  const manifest =
    src.manifest && sameModel(src.manifest, c.algorithmName, c.algorithmVersion, c.modelSha256)
      ? src.manifest
      : undefined;
  const survivalManifest =
    read.survival &&
    src.survivalManifest &&
    sameModel(src.survivalManifest, c.algorithmName, c.algorithmVersion, c.modelSha256)
      ? src.survivalManifest
      : undefined;
  const installed = manifest ?? survivalManifest;
  const classes: [string, string] = manifest
    ? manifest.task.classes
    : [c.classes[0].CodeMeaning, c.classes[1].CodeMeaning];
  // The input values are the features the SR records, found by <sequence>/<region>/<feature>.
  const valueOf = new Map<string, number>();
  for (const g of read.radiomics)
    for (const [feature, v] of Object.entries(g.features)) valueOf.set(`${g.sequence}/${g.region}/${feature}`, v);
  const bars: ShapBar[] = c.shap
    .map((s) => ({ input: s.input, shap: s.value, ...(valueOf.has(s.input) ? { value: valueOf.get(s.input) } : {}) }))
    .sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap));
  const space = read.survival
    ? ('risk-score' as const)
    : (c.shapSpace ?? (manifest ? (manifest.explanation.space === 'logodds' ? 'log-odds' : 'probability') : 'unknown'));
  const threshold = c.threshold ?? manifest?.threshold.probability;
  const outOfRange = installed
    ? installed.inputs.flatMap((i) => {
        const v = valueOf.get(i.name);
        return v !== undefined && (v < i.training.min || v > i.training.max)
          ? [{ input: i.name, value: v, min: i.training.min, max: i.training.max }]
          : [];
      })
    : null;
  const positive = c.predictedClass === 'positive';
  const seg = read.radiomics.find((g) => g.segSopInstanceUID)?.segSopInstanceUID;
  const contentDate = isoDate(text(src.sr, Tag.ContentDate));
  const contentTime = text(src.sr, Tag.ContentTime);
  return {
    patient: {
      name: personName(text(src.sr, Tag.PatientName) ?? '') || '(no name)',
      id: text(src.sr, Tag.PatientID) ?? '(no ID)',
    },
    study: {
      instanceUID: text(src.sr, Tag.StudyInstanceUID) ?? '',
      ...optional('date', isoDate(text(src.sr, Tag.StudyDate))),
      ...optional('description', text(src.sr, Tag.StudyDescription)),
      ...optional('accession', text(src.sr, Tag.AccessionNumber)),
    },
    ...optional(
      'analysedAt',
      contentDate &&
        (contentTime ? `${contentDate} ${contentTime.slice(0, 2)}:${contentTime.slice(2, 4)}` : contentDate),
    ),
    question: c.question,
    ...optional('condition', c.condition),
    model: {
      name: c.algorithmName,
      version: c.algorithmVersion,
      sha256: c.modelSha256,
      synthetic: installed ? installed.trainingData.synthetic : null,
      installed: installed !== undefined,
    },
    result: {
      probability: c.probability,
      ...optional('threshold', threshold),
      classes,
      predictedClass: positive ? classes[1] : classes[0],
      positive,
    },
    ...optional('survival', read.survival && survivalSection(read.survival, survivalManifest)),
    ...optional('survivalCard', survivalManifest && survivalCardOf(survivalManifest)),
    shap: { space, base: c.shapBaseValue, bars },
    explanation: explanationSentence(bars, classes, space),
    outOfRange,
    modelCard: manifest ? modelCardOf(manifest) : null,
    decision: read.signoff,
    keyImages: src.keyImages ?? [],
    ...optional('kinetics', src.kinetics && validCurve(src.kinetics) ? src.kinetics : undefined),
    heronVersion: src.heronVersion,
    uids: {
      sr: text(src.sr, Tag.SOPInstanceUID) ?? '',
      ...optional('seg', seg),
      ...optional('replacesPdf', src.replacesPdf),
    },
  };
}

/** A curve is drawn only when it is one: at least two points, equal lengths, finite numbers. */
const validCurve = (k: KineticCurve) =>
  k.timeS.length >= 2 && k.timeS.length === k.meanSignal.length && [...k.timeS, ...k.meanSignal].every(Number.isFinite);

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
