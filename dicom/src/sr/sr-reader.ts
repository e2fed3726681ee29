/**
 * Reads a Heron TID 1500 SR (as DICOM JSON: WADO-RS metadata or a parsed Part 10 file) back into the
 * numbers it carries: the radiomics groups, the classifier result with its SHAP values, and the
 * reader's sign-off (accepted or rejected, see sr-signoff). Values come from FloatingPointValue when present, NumericValue otherwise (PS3.3 C.18.1).
 */
import { type DicomJson, items, numberOf, text } from '../core/dicom-json';
import { featureKeyOf } from './feature-codes';
import type { Code } from '../core/codes';
import type { ClassifierResult } from './report-input';
import { SURVIVAL_CODES, TIME_UNITS, type SurvivalTimeUnit } from './survival-codes';
import type { SurvivalGroupInput } from './survival-input';

const T = {
  ContentSequence: '0040A730',
  ConceptNameCodeSequence: '0040A043',
  ConceptCodeSequence: '0040A168',
  ValueType: '0040A040',
  RelationshipType: '0040A010',
  TextValue: '0040A160',
  UID: '0040A124',
  MeasuredValueSequence: '0040A300',
  NumericValue: '0040A30A',
  FloatingPointValue: '0040A161',
  ReferencedSOPSequence: '00081199',
  ReferencedSOPInstanceUID: '00081155',
  ReferencedSegmentNumber: '0062000B',
  VerificationFlag: '0040A493',
  VerifyingObserverSequence: '0040A073',
  VerifyingObserverName: '0040A075',
  VerificationDateTime: '0040A030',
  PredecessorDocumentsSequence: '0040A360',
  ReferencedSeriesSequence: '00081115',
  CodeValue: '00080100',
  CodingSchemeDesignator: '00080102',
  CodeMeaning: '00080104',
} as const;

export interface ReadRadiomicsGroup {
  sequence: string;
  region: string;
  segSopInstanceUID: string;
  segmentNumber: number;
  sourceSeriesInstanceUID: string;
  /** PyRadiomics feature name -> value. */
  features: Record<string, number>;
}

/** The part of the classifier group the writer stores that results are read back with (SHAP in input order). */
export type ReadClassifier = Pick<
  ClassifierResult,
  | 'algorithmName'
  | 'algorithmVersion'
  | 'modelSha256'
  | 'question'
  | 'condition'
  | 'probability'
  | 'predictedClass'
  | 'shapBaseValue'
  | 'shap'
> & {
  /** The decision threshold on the probability, when the report records it (reports since the classes were). */
  threshold?: number;
  /** The scale the SHAP values are on, when the report records it. */
  shapSpace?: 'log-odds' | 'probability';
  /** [negative, positive], as coded in the report. */
  classes: [Code, Code];
};

/**
 * The reader's sign-off. VerificationFlag alone cannot tell it: a rejection is also VERIFIED (the reader attests to
 * their review) and differs by its rejection item. `at` is the VerificationDateTime as ISO 8601 (local time unless
 * the DT carries an offset).
 */
export type ReadSignoff =
  | { state: 'UNVERIFIED' }
  | { state: 'VERIFIED'; reader: string; at: string }
  | { state: 'REJECTED'; reader: string; reason: string; at: string };

/** A survival package's answer as the report records it (the survival group). */
export type ReadSurvival = Pick<
  SurvivalGroupInput,
  | 'algorithmName'
  | 'algorithmVersion'
  | 'modelSha256'
  | 'question'
  | 'riskScore'
  | 'group'
  | 'groupNames'
  | 'cutoff'
  | 'cutoffRule'
  | 'event'
  | 'timeUnit'
  | 'survival'
  | 'shapBaseValue'
  | 'shap'
>;

export interface ReadReport {
  verificationFlag: 'VERIFIED' | 'UNVERIFIED';
  signoff: ReadSignoff;
  verifyingObserverName?: string;
  predecessorSopInstanceUIDs: string[];
  radiomics: ReadRadiomicsGroup[];
  /**
   * The classifier's answer; for a survival report, the same answer in a classifier's terms (classes = the risk
   * groups, probability = the event probability by the last stated time, 1 - S(T), threshold = the same at the
   * cut-off), so that readers of stored results that know nothing of survival still read true numbers.
   */
  classifier: ReadClassifier;
  /** A survival package's answer, when the report is one. */
  survival?: ReadSurvival;
}

function codeOf(ds: DicomJson | undefined): Code | undefined {
  if (!ds) return undefined;
  const v = text(ds, T.CodeValue);
  const s = text(ds, T.CodingSchemeDesignator);
  return v && s ? { CodeValue: v, CodingSchemeDesignator: s, CodeMeaning: text(ds, T.CodeMeaning) ?? '' } : undefined;
}

const concept = (it: DicomJson) => codeOf(items(it, T.ConceptNameCodeSequence)[0]);
const is = (it: DicomJson, value: string, scheme: string) => {
  const c = concept(it);
  return c?.CodeValue === value && c.CodingSchemeDesignator === scheme;
};
const children = (it: DicomJson) => items(it, T.ContentSequence);
const find = (list: DicomJson[], value: string, scheme: string) => list.find((it) => is(it, value, scheme));
const sameCode = (a: Code | undefined, b: Code) =>
  a?.CodeValue === b.CodeValue && a.CodingSchemeDesignator === b.CodingSchemeDesignator;

function num(it: DicomJson): number {
  const mv = items(it, T.MeasuredValueSequence)[0];
  const v = mv && (numberOf(mv, T.FloatingPointValue) ?? numberOf(mv, T.NumericValue));
  if (v === undefined) throw new Error(`SR: NUM "${concept(it)?.CodeMeaning}" has no value`);
  return v;
}

function modifier(it: DicomJson, value: string): string | undefined {
  const m = children(it).find((c) => is(c, value, '99HER2AI'));
  return m && codeOf(items(m, T.ConceptCodeSequence)[0])?.CodeMeaning;
}

function featureName(it: DicomJson): string | undefined {
  const c = concept(it);
  const key = c && featureKeyOf(c);
  if (!key) return undefined;
  return `${modifier(it, 'IMGTRANS') ?? 'original'}_${key}`;
}

function texts(list: DicomJson[], value: string, scheme: string): string[] {
  return list.filter((it) => is(it, value, scheme)).map((it) => text(it, T.TextValue) ?? '');
}

function segmentRef(group: DicomJson[]): { sop: string; segment: number; series: string } {
  const image = find(group, '121191', 'DCM');
  const ref = image && items(image, T.ReferencedSOPSequence)[0];
  const series = find(group, '121232', 'DCM');
  return {
    sop: (ref && text(ref, T.ReferencedSOPInstanceUID)) ?? '',
    segment: (ref && numberOf(ref, T.ReferencedSegmentNumber)) ?? 0,
    series: (series && text(series, T.UID)) ?? '',
  };
}

/** A DT value (PS3.5 Table 6.2-1, 'YYYYMMDDHHMMSS.FFFFFF&ZZXX', components from the right optional) as ISO 8601. */
function isoDateTime(dt: string): string | undefined {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d{1,6})?([+-]\d{4})?$/.exec(dt);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : ''}`;
}

function signoffOf(sr: DicomJson, sop: string): ReadSignoff {
  if (text(sr, T.VerificationFlag) !== 'VERIFIED') return { state: 'UNVERIFIED' };
  const observer = items(sr, T.VerifyingObserverSequence)[0];
  const reader = observer && text(observer, T.VerifyingObserverName);
  const at = observer && isoDateTime(text(observer, T.VerificationDateTime) ?? '');
  // Both are Type 1 in the Verifying Observer Sequence, itself Type 1C when VERIFIED (PS3.3 C.17.2).
  if (!reader || !at) throw new Error(`SR ${sop} is VERIFIED but does not name its verifying observer and time`);
  const rejection = find(children(sr), 'REJECTED', '99HER2AI');
  return rejection
    ? { state: 'REJECTED', reader, reason: text(rejection, T.TextValue) ?? '', at }
    : { state: 'VERIFIED', reader, at };
}

/**
 * Reports written before the classes were recorded answered one question, HER2-positive vs negative, with the
 * probability coded (HER2PROB, 99HER2AI) and the classes as these SNOMED CT codes; such reports already in a PACS stay
 * readable.
 */
function legacyHer2Classes(list: DicomJson[]): [Code, Code] | null {
  if (!list.some((it) => is(it, 'HER2PROB', '99HER2AI'))) return null;
  return [
    {
      CodeValue: '431396003',
      CodingSchemeDesignator: 'SCT',
      CodeMeaning: 'Human epidermal growth factor 2 negative carcinoma of breast',
    },
    {
      CodeValue: '427685000',
      CodingSchemeDesignator: 'SCT',
      CodeMeaning: 'Human epidermal growth factor 2 positive carcinoma of breast',
    },
  ];
}

/** The recorded threshold, when it is a number in (0, 1); anything else is left out rather than guessed. */
function thresholdOf(recorded: string | undefined): { threshold: number } | undefined {
  const t = recorded === undefined ? NaN : Number(recorded);
  return t > 0 && t < 1 ? { threshold: t } : undefined;
}

function spaceOf(recorded: string | undefined): { shapSpace: 'log-odds' | 'probability' } | undefined {
  return recorded === 'log-odds' || recorded === 'probability' ? { shapSpace: recorded } : undefined;
}

/**
 * The classifier group. Its probability and predicted class are coded as the model's manifest says, so they are
 * found by their place: the one NUM that is neither the SHAP base nor a SHAP value (those carry a derivation), and
 * the one CODE it contains besides the finding. The classes parameter says which class is the positive one.
 */
function readClassifier(list: DicomJson[], sop: string): ReadClassifier {
  const params = texts(list, '111002', 'DCM');
  const param = (prefix: string) => params.find((p) => p.startsWith(prefix))?.slice(prefix.length);
  const json = (prefix: string, absent: string): unknown => {
    try {
      return JSON.parse(param(prefix) ?? absent);
    } catch {
      throw new Error(`SR ${sop}: its algorithm parameter '${prefix}' is not readable JSON`);
    }
  };
  const inputs = json('inputs=', '[]') as string[];
  const classes = (json('classes=', 'null') as [Code, Code] | null) ?? legacyHer2Classes(list);
  if (!classes) throw new Error(`SR ${sop}: the classifier group does not name its classes`);
  const isShap = (it: DicomJson) => children(it).some((c) => is(c, '121401', 'DCM'));
  const shapItems = list.filter(isShap);
  if (shapItems.length !== inputs.length)
    throw new Error(`SR ${sop}: ${shapItems.length} SHAP values for ${inputs.length} model inputs`);
  const probability = list.find(
    (it) => text(it, T.ValueType) === 'NUM' && !isShap(it) && !is(it, 'SHAPBASE', '99HER2AI'),
  );
  const predicted = list.find(
    (it) => text(it, T.ValueType) === 'CODE' && text(it, T.RelationshipType) === 'CONTAINS' && !is(it, '121071', 'DCM'),
  );
  if (!probability || !predicted)
    throw new Error(`SR ${sop}: the classifier group has no probability or no predicted class`);
  return {
    algorithmName: texts(list, '111001', 'DCM')[0] ?? '',
    algorithmVersion: texts(list, '111003', 'DCM')[0] ?? '',
    modelSha256: param('sha256:') ?? '',
    question: texts(list, 'QUESTION', '99HER2AI')[0] ?? '',
    ...(texts(list, 'CONDITION', '99HER2AI')[0] ? { condition: texts(list, 'CONDITION', '99HER2AI')[0] } : {}),
    probability: num(probability),
    predictedClass: sameCode(codeOf(items(predicted, T.ConceptCodeSequence)[0]), classes[1]) ? 'positive' : 'negative',
    shapBaseValue: num(find(list, 'SHAPBASE', '99HER2AI') as DicomJson),
    shap: shapItems.map((it, i) => ({ input: inputs[i], value: num(it) })),
    ...(thresholdOf(param('threshold=')) ?? {}),
    ...(spaceOf(param('shapSpace=')) ?? {}),
    classes,
  };
}

/** The survival group (recognised by its risk score), with its S(t) items and their times in the recorded unit. */
function readSurvival(list: DicomJson[], sop: string): ReadSurvival {
  const params = texts(list, '111002', 'DCM');
  const param = (prefix: string) => params.find((p) => p.startsWith(prefix))?.slice(prefix.length);
  const parsed = (prefix: string): unknown => {
    try {
      return JSON.parse(param(prefix) ?? 'null');
    } catch {
      throw new Error(`SR ${sop}: its algorithm parameter '${prefix}' is not readable JSON`);
    }
  };
  const inputs = (parsed('inputs=') as string[] | null) ?? [];
  const groupNames = parsed('groups=') as [string, string] | null;
  const timeUnit = param('timeUnit=') as SurvivalTimeUnit | undefined;
  if (!groupNames || !timeUnit || !(timeUnit in TIME_UNITS))
    throw new Error(`SR ${sop}: the survival group does not name its risk groups or its time unit`);
  const shapItems = list.filter((it) => children(it).some((c) => is(c, '121401', 'DCM')));
  if (shapItems.length !== inputs.length)
    throw new Error(`SR ${sop}: ${shapItems.length} SHAP values for ${inputs.length} model inputs`);
  const H = SURVIVAL_CODES.riskScore.CodingSchemeDesignator;
  const groupItem = find(list, SURVIVAL_CODES.riskGroup.CodeValue, H);
  const cutoff = find(list, SURVIVAL_CODES.cutoff.CodeValue, H);
  if (!groupItem || !cutoff) throw new Error(`SR ${sop}: the survival group has no risk group or no cut-off`);
  const survival = list
    .filter((it) => is(it, SURVIVAL_CODES.survival.CodeValue, H))
    .map((it) => {
      const at = find(children(it), SURVIVAL_CODES.time.CodeValue, H);
      if (!at) throw new Error(`SR ${sop}: a survival probability does not say at what time`);
      return { time: num(at), probability: num(it) };
    });
  if (survival.length === 0) throw new Error(`SR ${sop}: the survival group states no survival probability`);
  return {
    algorithmName: texts(list, '111001', 'DCM')[0] ?? '',
    algorithmVersion: texts(list, '111003', 'DCM')[0] ?? '',
    modelSha256: param('sha256:') ?? '',
    question: texts(list, 'QUESTION', '99HER2AI')[0] ?? '',
    riskScore: num(find(list, SURVIVAL_CODES.riskScore.CodeValue, H) as DicomJson),
    group: sameCode(codeOf(items(groupItem, T.ConceptCodeSequence)[0]), SURVIVAL_CODES.high) ? 'high' : 'low',
    groupNames,
    cutoff: num(cutoff),
    cutoffRule: param('cutoffRule=') ?? '',
    event: param('event=') ?? '',
    timeUnit,
    survival,
    shapBaseValue: num(find(list, 'SHAPBASE', '99HER2AI') as DicomJson),
    shap: shapItems.map((it, i) => ({ input: inputs[i], value: num(it) })),
  };
}

/**
 * The survival answer in a classifier's terms: the event probability by the last stated time T, 1 - S(T), and its
 * threshold at the cut-off. The report records S(T | x) = S0(T)^exp(score), so S0(T) = S(T)^exp(-score) and the
 * threshold 1 - S0(T)^exp(cutoff) = 1 - S(T)^exp(cutoff - score) follow from recorded numbers alone.
 */
function survivalAsClassifier(s: ReadSurvival): ReadClassifier {
  const last = s.survival[s.survival.length - 1];
  const H = SURVIVAL_CODES.low.CodingSchemeDesignator;
  return {
    algorithmName: s.algorithmName,
    algorithmVersion: s.algorithmVersion,
    modelSha256: s.modelSha256,
    question: s.question,
    probability: 1 - last.probability,
    predictedClass: s.group === 'high' ? 'positive' : 'negative',
    threshold: 1 - last.probability ** Math.exp(s.cutoff - s.riskScore),
    shapBaseValue: s.shapBaseValue,
    shap: s.shap,
    classes: [
      { CodeValue: SURVIVAL_CODES.low.CodeValue, CodingSchemeDesignator: H, CodeMeaning: s.groupNames[0] },
      { CodeValue: SURVIVAL_CODES.high.CodeValue, CodingSchemeDesignator: H, CodeMeaning: s.groupNames[1] },
    ],
  };
}

/** Parses the report; throws when it is not a Heron TID 1500 report. */
export function readSr(sr: DicomJson): ReadReport {
  const sop = text(sr, '00080018') ?? '(no SOP Instance UID)';
  if (!is(sr, '126000', 'DCM')) throw new Error(`SR ${sop} is not a TID 1500 Imaging Measurement Report`);
  const measurements = find(children(sr), '126010', 'DCM');
  const groups = measurements ? children(measurements).filter((g) => is(g, '125007', 'DCM')) : [];
  const radiomics: ReadRadiomicsGroup[] = [];
  let classifier: ReadClassifier | undefined;
  let survival: ReadSurvival | undefined;
  for (const g of groups) {
    const list = children(g);
    // A survival package's group also has a SHAP base value; its risk score tells it apart.
    if (find(list, SURVIVAL_CODES.riskScore.CodeValue, SURVIVAL_CODES.riskScore.CodingSchemeDesignator)) {
      survival = readSurvival(list, sop);
      classifier = survivalAsClassifier(survival);
      continue;
    }
    // The classifier group is the one with a SHAP base value; its own concepts are those of its model's manifest.
    if (find(list, 'SHAPBASE', '99HER2AI')) {
      classifier = readClassifier(list, sop);
      continue;
    }
    // The DCE kinetics group (KINCURVETYPE) carries no radiomics features; the analysis result holds its values.
    if (find(list, 'KINCURVETYPE', '99HER2AI')) continue;
    const ref = segmentRef(list);
    const features: Record<string, number> = {};
    for (const it of list) {
      if (text(it, T.ValueType) !== 'NUM') continue;
      const name = featureName(it);
      if (name) features[name] = num(it);
    }
    radiomics.push({
      sequence: modifier(g, 'SRCSEQ') ?? '',
      region: modifier(g, 'SRCREGION') ?? '',
      segSopInstanceUID: ref.sop,
      segmentNumber: ref.segment,
      sourceSeriesInstanceUID: ref.series,
      features,
    });
  }
  if (!classifier) throw new Error(`SR ${sop} has no classifier group`);
  const observer = items(sr, T.VerifyingObserverSequence)[0];
  const observerName = observer && text(observer, T.VerifyingObserverName);
  return {
    verificationFlag: text(sr, T.VerificationFlag) === 'VERIFIED' ? 'VERIFIED' : 'UNVERIFIED',
    signoff: signoffOf(sr, sop),
    ...(observerName ? { verifyingObserverName: observerName } : {}),
    predecessorSopInstanceUIDs: items(sr, T.PredecessorDocumentsSequence)
      .flatMap((st) => items(st, T.ReferencedSeriesSequence))
      .flatMap((se) => items(se, T.ReferencedSOPSequence))
      .map((r) => text(r, T.ReferencedSOPInstanceUID) ?? ''),
    radiomics,
    classifier,
    ...(survival ? { survival } : {}),
  };
}
