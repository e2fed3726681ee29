/**
 * Writes Heron's result as a Comprehensive 3D SR following TID 1500 (docs/dicom-sr-seg.md §3-7): one TID 1411
 * measurement group per sequence and region with the radiomics features, and one classifier group with the
 * model identity, the question, the probability, the predicted class and the SHAP base and per-input values.
 * Heron's own output is UNVERIFIED; a reader's acceptance is a new document, VERIFIED, naming the reader as
 * verifying observer and referencing the document it replaces (PS3.3 C.17.2).
 */
import type { DicomJson } from '../core/dicom-json';
import { dicomDateTime } from '../core/dicom-datetime';
import { datasetToDict } from '../core/dcmjs';
import { type DeviceIdentity, equipment, patientAndStudy } from '../core/derived-header';
import { featureIdentity, imageTypeCode, NO_UNITS, PYRADIOMICS_SCHEME } from './feature-codes';
import { newUid } from '../core/uids';
import { BREAST, HERON_SCHEME, LEFT, MASS, RIGHT } from '../core/codes';
import type { WrittenObject } from '../seg/seg-writer';
import { SR, labelCode } from './sr-codes';
import { codeItem, container, type ContentItem, imageItem, numItem, personItem, textItem, uidItem } from './sr-content';

export const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';

export interface ObjectReference {
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

export interface RadiomicsGroup {
  /** Model input naming: 'DCE2', 'T2', 'DWI1000', 'ADC'. */
  sequence: string;
  /** 'intra', 'peri3mm', ... */
  region: string;
  /** The SEG segment of this region and the series it was drawn on. */
  segmentNumber: number;
  sourceSeriesInstanceUID: string;
  /** PyRadiomics names and values; NaN values are left out (as pyradiomics-dcm does). */
  features: { name: string; value: number }[];
}

export interface ClassifierResult {
  algorithmName: string;
  algorithmVersion: string;
  /** sha256 of the ONNX file, hex. */
  modelSha256: string;
  question: string;
  probability: number;
  predictedClass: 'positive' | 'negative';
  threshold: number;
  /** The space SHAP values add up in, and the model output in it (base + sum of SHAP = output). */
  shapSpace: 'log-odds' | 'probability';
  modelOutput: number;
  shapBaseValue: number;
  /** One per model input, in the model's input order: '<sequence>/<region>/<feature>' or 'clinical/<name>'. */
  shap: { input: string; value: number }[];
  /** The tumour segment the prediction is about. */
  segmentNumber: number;
  sourceSeriesInstanceUID: string;
}

export interface Verification {
  /** DICOM PN, 'Family^Given'. */
  readerName: string;
  organization: string;
  verifiedAt: Date;
  /** The UNVERIFIED document this one replaces. */
  predecessor: ObjectReference;
}

export interface SrInput {
  /** Metadata of a source image (patient and study attributes). */
  reference: DicomJson;
  /** Every source image the results were computed from, for the evidence sequence (PS3.3 C.17.2.3). */
  evidence: ObjectReference[];
  seg: ObjectReference;
  radiomics: RadiomicsGroup[];
  classifier: ClassifierResult;
  algorithm: { name: string; version: string; parameters: string };
  device: DeviceIdentity;
  laterality?: 'L' | 'R';
  verification?: Verification;
  seriesNumber?: number;
  createdAt?: Date;
}

function validate(input: SrInput): void {
  const c = input.classifier;
  if (!(c.probability >= 0 && c.probability <= 1)) throw new Error(`classifier.probability must be in [0, 1], got ${c.probability}`);
  if (!/^[0-9a-f]{64}$/.test(c.modelSha256)) throw new Error('classifier.modelSha256 must be 64 lower-case hex digits');
  if (c.shap.length === 0) throw new Error('classifier.shap must list one value per model input');
  const sum = c.shap.reduce((s, x) => s + x.value, c.shapBaseValue);
  // SHAP efficiency: base value plus contributions equals the model output (Lundberg & Lee 2017, property 1).
  if (Math.abs(sum - c.modelOutput) > 1e-6 * Math.max(1, Math.abs(c.modelOutput))) {
    throw new Error(`SHAP values do not add up: base ${c.shapBaseValue} + sum of SHAP = ${sum}, model output ${c.modelOutput} (${c.shapSpace})`);
  }
  if (input.radiomics.length === 0) throw new Error('At least one radiomics group is needed');
  if (input.verification && !input.verification.readerName.trim()) throw new Error('verification.readerName must not be empty');
}

function groupHeader(trackingId: string, segmentNumber: number, seriesUid: string, seg: ObjectReference, laterality?: 'L' | 'R'): ContentItem[] {
  return [
    textItem('HAS OBS CONTEXT', SR.trackingId, trackingId),
    uidItem('HAS OBS CONTEXT', SR.trackingUid, newUid()),
    codeItem('CONTAINS', SR.finding, MASS),
    codeItem('HAS CONCEPT MOD', SR.findingSite, BREAST, laterality ? [codeItem('HAS CONCEPT MOD', SR.laterality, laterality === 'L' ? LEFT : RIGHT)] : []),
    imageItem(SR.referencedSegment, seg.sopClassUID, seg.sopInstanceUID, segmentNumber),
    uidItem('CONTAINS', SR.sourceSeries, seriesUid),
  ];
}

function algorithmItems(name: string, version: string, parameters: string[]): ContentItem[] {
  return [
    textItem('HAS CONCEPT MOD', SR.algorithmName, name),
    textItem('HAS CONCEPT MOD', SR.algorithmVersion, version),
    ...parameters.map((p) => textItem('HAS CONCEPT MOD', SR.algorithmParameters, p)),
  ];
}

function radiomicsGroup(g: RadiomicsGroup, input: SrInput): ContentItem {
  const features = g.features
    .filter((f) => Number.isFinite(f.value))
    .map((f) => {
      const id = featureIdentity(f.name);
      const mods = id.imageType === 'original' ? [] : [codeItem('HAS CONCEPT MOD', SR.imageTransformation, imageTypeCode(id.imageType))];
      return numItem(id.concept, f.value, id.unit, mods);
    });
  return container('CONTAINS', SR.measurementGroup, [
    ...groupHeader(`${g.sequence}/${g.region} radiomics`, g.segmentNumber, g.sourceSeriesInstanceUID, input.seg, input.laterality),
    codeItem('HAS CONCEPT MOD', SR.sourceSequence, labelCode(g.sequence)),
    codeItem('HAS CONCEPT MOD', SR.sourceRegion, labelCode(g.region)),
    ...algorithmItems(input.algorithm.name, input.algorithm.version, [input.algorithm.parameters]),
    ...features,
  ], '1411');
}

/** The SHAP value of one model input: concept = the feature's own code, modifiers = derivation, sequence, region, filter. */
function shapItem(input: string, value: number): ContentItem {
  const derivation = codeItem('HAS CONCEPT MOD', SR.derivation, SR.shap);
  const parts = input.split('/');
  if (parts.length === 2 && parts[0] === 'clinical') {
    return numItem(labelCode(parts[1].slice(0, 16)), value, NO_UNITS, [derivation, codeItem('HAS CONCEPT MOD', SR.sourceSequence, SR.clinicalInput)]);
  }
  if (parts.length !== 3) throw new Error(`Model input '${input}' is not '<sequence>/<region>/<feature>' or 'clinical/<name>'`);
  const [sequence, region, feature] = parts;
  const id = featureIdentity(feature);
  return numItem(id.concept, value, NO_UNITS, [
    derivation,
    codeItem('HAS CONCEPT MOD', SR.sourceSequence, labelCode(sequence)),
    codeItem('HAS CONCEPT MOD', SR.sourceRegion, labelCode(region)),
    ...(id.imageType === 'original' ? [] : [codeItem('HAS CONCEPT MOD', SR.imageTransformation, imageTypeCode(id.imageType))]),
  ]);
}

function classifierGroup(input: SrInput): ContentItem {
  const c = input.classifier;
  return container('CONTAINS', SR.measurementGroup, [
    ...groupHeader('Tumour HER2 classifier', c.segmentNumber, c.sourceSeriesInstanceUID, input.seg, input.laterality),
    ...algorithmItems(c.algorithmName, c.algorithmVersion, [
      `sha256:${c.modelSha256}`,
      `threshold=${c.threshold}`,
      `shapSpace=${c.shapSpace}`,
      `modelOutput=${c.modelOutput}`,
      `inputs=${JSON.stringify(c.shap.map((s) => s.input))}`,
    ]),
    textItem('CONTAINS', SR.question, c.question),
    numItem(SR.probability, c.probability, NO_UNITS),
    codeItem('CONTAINS', SR.predicted, c.predictedClass === 'positive' ? SR.her2Positive : SR.her2Negative),
    numItem(SR.shapBase, c.shapBaseValue, NO_UNITS),
    ...c.shap.map((s) => shapItem(s.input, s.value)),
  ], '1411');
}

function observerContext(input: SrInput, deviceUid: string): ContentItem[] {
  const device = [
    codeItem('HAS OBS CONTEXT', SR.observerType, SR.device),
    uidItem('HAS OBS CONTEXT', SR.deviceUid, deviceUid),
    textItem('HAS OBS CONTEXT', SR.deviceName, input.device.modelName),
    textItem('HAS OBS CONTEXT', SR.deviceManufacturer, input.device.manufacturer),
    textItem('HAS OBS CONTEXT', SR.deviceModel, `${input.classifier.algorithmName} ${input.classifier.algorithmVersion}`),
  ];
  const v = input.verification;
  // TID 1002: a person observer (the verifying reader) may follow the device observer.
  return v ? [...device, codeItem('HAS OBS CONTEXT', SR.observerType, SR.person), personItem('HAS OBS CONTEXT', SR.personName, v.readerName)] : device;
}

function hierarchicalSeries(refs: ObjectReference[]): Record<string, unknown>[] {
  const bySeries = new Map<string, ObjectReference[]>();
  for (const r of refs) bySeries.set(r.seriesInstanceUID, [...(bySeries.get(r.seriesInstanceUID) ?? []), r]);
  return [...bySeries.entries()].map(([SeriesInstanceUID, list]) => ({
    SeriesInstanceUID,
    ReferencedSOPSequence: list.map((r) => ({ ReferencedSOPClassUID: r.sopClassUID, ReferencedSOPInstanceUID: r.sopInstanceUID })),
  }));
}

/** Writes the SR with new Series and SOP Instance UIDs. */
export function writeSr(input: SrInput): WrittenObject {
  validate(input);
  const sopInstanceUID = newUid();
  const seriesInstanceUID = newUid();
  const now = dicomDateTime(input.createdAt ?? new Date());
  const study = patientAndStudy(input.reference);
  const studyUid = String(study.StudyInstanceUID);
  const v = input.verification;
  const root = container(
    'CONTAINS',
    SR.report,
    [
      codeItem('HAS CONCEPT MOD', SR.language, SR.englishUS),
      ...observerContext(input, newUid()),
      codeItem('HAS CONCEPT MOD', SR.procedureReported, SR.breastMri),
      container('CONTAINS', SR.imageLibrary, []),
      container('CONTAINS', SR.imagingMeasurements, [...input.radiomics.map((g) => radiomicsGroup(g, input)), classifierGroup(input)]),
    ],
    '1500',
  );
  delete root.RelationshipType;
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
    SeriesDescription: v ? 'Heron HER2 result (verified by reader)' : 'Heron HER2 result (unverified)',
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
          PredecessorDocumentsSequence: [{ StudyInstanceUID: studyUid, ReferencedSeriesSequence: hierarchicalSeries([v.predecessor]) }],
        }
      : {}),
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: [{ StudyInstanceUID: studyUid, ReferencedSeriesSequence: hierarchicalSeries([...input.evidence, input.seg]) }],
    ...root,
  };
  return { bytes: datasetToDict(dataset).write(), sopClassUID: COMPREHENSIVE_3D_SR, sopInstanceUID, seriesInstanceUID, studyInstanceUID: studyUid };
}
