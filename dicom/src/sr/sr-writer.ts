/**
 * Writes Heron's result as a Comprehensive 3D SR following TID 1500 (docs/dicom-sr-seg.md §3-7): one TID 1411
 * measurement group per sequence and region with the radiomics features, and one classifier group with the
 * model identity, the question, the probability, the predicted class and the SHAP base and per-input values, or,
 * for a survival package, one survival group (risk score, risk group, S(t) at stated times, SHAP of the risk score).
 * Heron's own output is UNVERIFIED; a reader's acceptance is a new document, VERIFIED, naming the reader as
 * verifying observer and referencing the document it replaces (PS3.3 C.17.2).
 */
import type { DicomJson } from '../core/dicom-json';
import { dicomDateTime } from '../core/dicom-datetime';
import { datasetToDict } from '../core/dcmjs';
import { type DeviceIdentity, equipment, patientAndStudy } from '../core/derived-header';
import { PYRADIOMICS_SCHEME } from './feature-codes';
import { newUid, type ObjectUids } from '../core/uids';
import { HERON_SCHEME } from '../core/codes';
import type { WrittenObject } from '../seg/seg-writer';
import type { ClassifierResult, KineticsGroup, ObjectReference, RadiomicsGroup } from './report-input';
import { tid1001ObservationContext } from './tid-1001-observation-context';
import { tid1411ClassifierGroup, tid1411KineticsGroup, tid1411RadiomicsGroup } from './tid-1411-volumetric-roi';
import { tid1500MeasurementReport } from './tid-1500-measurement-report';
import type { SurvivalGroupInput } from './survival-input';
import { tid1411SurvivalGroup, validateSurvivalGroup } from './tid-1411-survival-group';

export const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';

export interface Verification {
  /** DICOM PN, 'Family^Given'. */
  readerName: string;
  organization: string;
  verifiedAt: Date;
  /** The UNVERIFIED document this one replaces. */
  predecessor: ObjectReference;
}

export interface SrInput {
  /** The object's UIDs when they must be known in advance (an analysis's objects); new ones otherwise. */
  uids?: ObjectUids;
  /** Metadata of a source image (patient and study attributes). */
  reference: DicomJson;
  /** Every source image the results were computed from, for the evidence sequence (PS3.3 C.17.2.3). */
  evidence: ObjectReference[];
  seg: ObjectReference;
  radiomics: RadiomicsGroup[];
  /** The model's answer: a classifier's, or a survival package's (exactly one of the two). */
  classifier?: ClassifierResult;
  survival?: SurvivalGroupInput;
  /** The outline's DCE kinetics, when the study gave a curve. */
  kinetics?: KineticsGroup;
  algorithm: { name: string; version: string; parameters: string };
  device: DeviceIdentity;
  laterality?: 'L' | 'R';
  verification?: Verification;
  seriesNumber?: number;
  createdAt?: Date;
}

function validate(input: SrInput): void {
  if ((input.classifier === undefined) === (input.survival === undefined))
    throw new Error('An SR reports either a classifier result or a survival result');
  if (input.survival) validateSurvivalGroup(input.survival);
  const c = input.classifier;
  if (c) validateClassifier(c);
  if (input.radiomics.length === 0) throw new Error('At least one radiomics group is needed');
  if (input.verification && !input.verification.readerName.trim())
    throw new Error('verification.readerName must not be empty');
}

function validateClassifier(c: ClassifierResult): void {
  if (!(c.probability >= 0 && c.probability <= 1))
    throw new Error(`classifier.probability must be in [0, 1], got ${c.probability}`);
  if (!/^[0-9a-f]{64}$/.test(c.modelSha256)) throw new Error('classifier.modelSha256 must be 64 lower-case hex digits');
  if (c.shap.length === 0) throw new Error('classifier.shap must list one value per model input');
  const sum = c.shap.reduce((s, x) => s + x.value, c.shapBaseValue);
  // SHAP efficiency: base value plus contributions equals the model output (Lundberg & Lee 2017, property 1).
  if (Math.abs(sum - c.modelOutput) > 1e-6 * Math.max(1, Math.abs(c.modelOutput))) {
    throw new Error(
      `SHAP values do not add up: base ${c.shapBaseValue} + sum of SHAP = ${sum}, model output ${c.modelOutput} (${c.shapSpace})`,
    );
  }
}

function hierarchicalSeries(refs: ObjectReference[]): Record<string, unknown>[] {
  const bySeries = new Map<string, ObjectReference[]>();
  for (const r of refs) bySeries.set(r.seriesInstanceUID, [...(bySeries.get(r.seriesInstanceUID) ?? []), r]);
  return [...bySeries.entries()].map(([SeriesInstanceUID, list]) => ({
    SeriesInstanceUID,
    ReferencedSOPSequence: list.map((r) => ({
      ReferencedSOPClassUID: r.sopClassUID,
      ReferencedSOPInstanceUID: r.sopInstanceUID,
    })),
  }));
}

/** Writes the SR with new Series and SOP Instance UIDs, or those the input names. */
export function writeSr(input: SrInput): WrittenObject {
  validate(input);
  const sopInstanceUID = input.uids?.sopInstanceUID ?? newUid();
  const seriesInstanceUID = input.uids?.seriesInstanceUID ?? newUid();
  const now = dicomDateTime(input.createdAt ?? new Date());
  const study = patientAndStudy(input.reference);
  const studyUid = String(study.StudyInstanceUID);
  const v = input.verification;
  const context = { seg: input.seg, ...(input.laterality ? { laterality: input.laterality } : {}) };
  const c = input.classifier;
  const answer = c ?? (input.survival as SurvivalGroupInput);
  const root = tid1500MeasurementReport(
    tid1001ObservationContext(
      input.device,
      newUid(),
      `${answer.algorithmName} ${answer.algorithmVersion}`,
      v?.readerName,
    ),
    [
      ...input.radiomics.map((g) => tid1411RadiomicsGroup(g, input.algorithm, context)),
      ...(input.kinetics ? [tid1411KineticsGroup(input.kinetics, input.algorithm, context)] : []),
      c ? tid1411ClassifierGroup(c, context) : tid1411SurvivalGroup(answer as SurvivalGroupInput, context),
    ],
  );
  const dataset: Record<string, unknown> = {
    _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'], vr: 'UI' } },
    _vrMap: {},
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: COMPREHENSIVE_3D_SR,
    SOPInstanceUID: sopInstanceUID,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    CodingSchemeIdentificationSequence: [HERON_SCHEME, PYRADIOMICS_SCHEME],
    ...study,
    Modality: 'SR',
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: input.seriesNumber ?? 901,
    SeriesDescription: `Heron ${c ? c.coding.subject : 'DFS'} result (${v ? 'verified by reader' : 'unverified'})`,
    ReferencedPerformedProcedureStepSequence: [],
    ...equipment(input.device),
    InstanceNumber: 1,
    CompletionFlag: 'COMPLETE',
    VerificationFlag: v ? 'VERIFIED' : 'UNVERIFIED',
    ContentDate: now.date,
    ContentTime: now.time,
    ...(v
      ? {
          VerifyingObserverSequence: [
            {
              VerifyingObserverName: v.readerName,
              VerifyingOrganization: v.organization,
              VerificationDateTime: dicomDateTime(v.verifiedAt).dateTime,
              VerifyingObserverIdentificationCodeSequence: [],
            },
          ],
          PredecessorDocumentsSequence: [
            { StudyInstanceUID: studyUid, ReferencedSeriesSequence: hierarchicalSeries([v.predecessor]) },
          ],
        }
      : {}),
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: [
      { StudyInstanceUID: studyUid, ReferencedSeriesSequence: hierarchicalSeries([...input.evidence, input.seg]) },
    ],
    ...root,
  };
  return {
    bytes: datasetToDict(dataset).write(),
    sopClassUID: COMPREHENSIVE_3D_SR,
    sopInstanceUID,
    seriesInstanceUID,
    studyInstanceUID: studyUid,
  };
}
