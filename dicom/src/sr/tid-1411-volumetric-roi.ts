/**
 * TID 1411 Volumetric ROI Measurements: one group per sequence and region with its radiomics features, and one for
 * the classifier with its answer and the SHAP value of every input. Each group names the finding, the SEG segment it
 * was measured in and the series it was drawn on.
 */
import { BREAST, LEFT, MASS, RIGHT } from '../core/codes';
import { newUid } from '../core/uids';
import { featureIdentity, imageTypeCode, NO_UNITS } from './feature-codes';
import { KINETIC_CODES, KINETIC_MEASURE_CODES, type KineticMeasureName } from './kinetics-codes';
import type { ClassifierResult, KineticsGroup, ObjectReference, RadiomicsGroup } from './report-input';
import { labelCode, SR } from './sr-codes';
import {
  codeItem,
  container,
  type ContainerItem,
  type ContentItem,
  imageItem,
  type NumItem,
  numItem,
  textItem,
  uidItem,
} from './sr-content';
import { tid4019AlgorithmIdentification } from './tid-4019-algorithm-identification';

/** What every group of one report shares: the SEG its segments are in and the breast's side. */
export interface GroupContext {
  seg: ObjectReference;
  laterality?: 'L' | 'R';
}

/** TID 1411 rows 1-7: tracking identifier and UID, finding, finding site, referenced segment, source series. */
export function roiHeader(
  trackingId: string,
  segmentNumber: number,
  seriesUid: string,
  { seg, laterality }: GroupContext,
): ContentItem[] {
  return [
    textItem('HAS OBS CONTEXT', SR.trackingId, trackingId),
    uidItem('HAS OBS CONTEXT', SR.trackingUid, newUid()),
    codeItem('CONTAINS', SR.finding, MASS),
    codeItem(
      'HAS CONCEPT MOD',
      SR.findingSite,
      BREAST,
      laterality ? [codeItem('HAS CONCEPT MOD', SR.laterality, laterality === 'L' ? LEFT : RIGHT)] : [],
    ),
    imageItem(SR.referencedSegment, seg.sopClassUID, seg.sopInstanceUID, segmentNumber),
    uidItem('CONTAINS', SR.sourceSeries, seriesUid),
  ];
}

const transformation = (imageType: string) =>
  imageType === 'original' ? [] : [codeItem('HAS CONCEPT MOD', SR.imageTransformation, imageTypeCode(imageType))];

/** The radiomics features of one region of one sequence, measured by `algorithm`. */
export function tid1411RadiomicsGroup(
  g: RadiomicsGroup,
  algorithm: { name: string; version: string; parameters: string },
  context: GroupContext,
): ContainerItem {
  const features = g.features
    .filter((f) => Number.isFinite(f.value))
    .map((f) => {
      const id = featureIdentity(f.name);
      return numItem(id.concept, f.value, id.unit, transformation(id.imageType));
    });
  return container(
    'CONTAINS',
    SR.measurementGroup,
    [
      ...roiHeader(`${g.sequence}/${g.region} radiomics`, g.segmentNumber, g.sourceSeriesInstanceUID, context),
      codeItem('HAS CONCEPT MOD', SR.sourceSequence, labelCode(g.sequence)),
      codeItem('HAS CONCEPT MOD', SR.sourceRegion, labelCode(g.region)),
      ...tid4019AlgorithmIdentification(algorithm.name, algorithm.version, [algorithm.parameters]),
      ...features,
    ],
    '1411',
  );
}

/** The outline's DCE kinetics: the hotspot curve's measures and its BI-RADS initial and delayed classes. */
export function tid1411KineticsGroup(
  k: KineticsGroup,
  algorithm: { name: string; version: string },
  context: GroupContext,
): ContainerItem {
  const measures = (Object.keys(KINETIC_MEASURE_CODES) as KineticMeasureName[]).flatMap((name) => {
    const value = k[name];
    if (value === null || !Number.isFinite(value)) return [];
    const { concept, unit } = KINETIC_MEASURE_CODES[name];
    return [numItem(concept, value, unit)];
  });
  return container(
    'CONTAINS',
    SR.measurementGroup,
    [
      ...roiHeader('DCE kinetics', k.segmentNumber, k.sourceSeriesInstanceUID, context),
      ...tid4019AlgorithmIdentification(`${algorithm.name} kinetics`, algorithm.version, [k.parameters]),
      ...measures,
      codeItem('CONTAINS', KINETIC_CODES.initialPhase, KINETIC_CODES[k.initialPhase]),
      codeItem('CONTAINS', KINETIC_CODES.curveType, KINETIC_CODES[k.curveType]),
    ],
    '1411',
  );
}

/** The SHAP value of one model input: concept = the feature's own code, modifiers = derivation, sequence, region, filter. */
export function shapItem(input: string, value: number): NumItem {
  const derivation = codeItem('HAS CONCEPT MOD', SR.derivation, SR.shap);
  const parts = input.split('/');
  const kinetic =
    parts.length === 3 && parts[1] === 'kinetics' ? KINETIC_MEASURE_CODES[parts[2] as KineticMeasureName] : undefined;
  if (kinetic) {
    return numItem(kinetic.concept, value, NO_UNITS, [
      derivation,
      codeItem('HAS CONCEPT MOD', SR.sourceSequence, labelCode(parts[0])),
      codeItem('HAS CONCEPT MOD', SR.sourceRegion, labelCode(parts[1])),
    ]);
  }
  if (parts.length === 2 && parts[0] === 'clinical') {
    return numItem(labelCode(parts[1].slice(0, 16)), value, NO_UNITS, [
      derivation,
      codeItem('HAS CONCEPT MOD', SR.sourceSequence, SR.clinicalInput),
    ]);
  }
  if (parts.length !== 3)
    throw new Error(`Model input '${input}' is not '<sequence>/<region>/<feature>' or 'clinical/<name>'`);
  const [sequence, region, feature] = parts;
  const id = featureIdentity(feature);
  return numItem(id.concept, value, NO_UNITS, [
    derivation,
    codeItem('HAS CONCEPT MOD', SR.sourceSequence, labelCode(sequence)),
    codeItem('HAS CONCEPT MOD', SR.sourceRegion, labelCode(region)),
    ...transformation(id.imageType),
  ]);
}

/**
 * The classifier's answer, coded as its model's manifest says: the probability, the predicted class, the SHAP base
 * value and one SHAP value per input. The parameters carry what a reader of the report needs to read it back: the
 * inputs in order and the two classes (which one is positive).
 */
export function tid1411ClassifierGroup(c: ClassifierResult, context: GroupContext): ContainerItem {
  const [negative, positive] = c.coding.classes;
  return container(
    'CONTAINS',
    SR.measurementGroup,
    [
      ...roiHeader(`Tumour ${c.coding.subject} classifier`, c.segmentNumber, c.sourceSeriesInstanceUID, context),
      ...tid4019AlgorithmIdentification(c.algorithmName, c.algorithmVersion, [
        `sha256:${c.modelSha256}`,
        `threshold=${c.threshold}`,
        `shapSpace=${c.shapSpace}`,
        `modelOutput=${c.modelOutput}`,
        `inputs=${JSON.stringify(c.shap.map((s) => s.input))}`,
        `classes=${JSON.stringify(c.coding.classes)}`,
      ]),
      textItem('CONTAINS', SR.question, c.question),
      ...(c.condition ? [textItem('CONTAINS', SR.condition, c.condition)] : []),
      numItem(c.coding.probability, c.probability, NO_UNITS),
      codeItem('CONTAINS', c.coding.prediction, c.predictedClass === 'positive' ? positive : negative),
      numItem(SR.shapBase, c.shapBaseValue, NO_UNITS),
      ...c.shap.map((s) => shapItem(s.input, s.value)),
    ],
    '1411',
  );
}
