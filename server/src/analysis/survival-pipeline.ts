/**
 * One analysis with a survival package (disease-free survival): the classifier pipeline's stages up to the features
 * (fetch, map, extract, shared from pipeline.ts), then the risk score from the package's ONNX graph, its risk group
 * by the package's cut-off, S(t) at the package's stated times and SHAP values of the risk score; stored as the
 * classifier's result is (SEG, TID 1500 SR with a survival group, report PDF) in one STOW.
 */
import {
  analyseSurvivalCase,
  cutoffMethod,
  cutoffNote,
  eventThreshold,
  type SurvivalCase,
  type SurvivalManifest,
} from '@heron/models';
import { analysisObjectUids } from '@heron/dicom/core';
import { writeSeg } from '@heron/dicom/seg';
import { type SurvivalGroupInput, writeSr } from '@heron/dicom/sr';
import type { SeriesVolume } from '@heron/dicom/volumes';
import type { AnalysisRequest, AnalysisResult, Explanation } from '../contract';
import type { Progress } from './analysis-jobs';
import type { LoadedSurvivalModel } from './model-registry';
import {
  type AnalyseOptions,
  type AnalysisDeps,
  type ResultObjects,
  storeAfterResult,
  evidenceOf,
  keyImages,
  kineticsGroup,
  measureStudy,
  modelOf,
  objectReference,
  radiomicsGroups,
  segmentNumber,
  segmentsOf,
  stageClock,
  tumourName,
} from './pipeline';
import { QUESTION_INFO } from '@heron/models';
import { reportPdf } from '../report/report-object';

/** The question as the reader reads it next to the answer: the package's own words, else the question's. */
const questionText = (m: SurvivalManifest) => m.task.description || QUESTION_INFO[m.task.question].text;

/** The survival group of the SR, from the case's answer (the SHAP values are of the double-precision score). */
export function survivalGroupOf(
  m: SurvivalManifest,
  c: SurvivalCase,
  tumourSegment: number,
  source: SeriesVolume,
): SurvivalGroupInput {
  return {
    algorithmName: m.name,
    algorithmVersion: m.version,
    modelSha256: m.model.sha256,
    question: questionText(m),
    riskScore: c.riskScore,
    group: c.group === 1 ? 'high' : 'low',
    groupNames: m.survival.groups,
    cutoff: m.survival.cutoff.value,
    cutoffRule: m.survival.cutoff.rule,
    event: m.task.event,
    timeUnit: m.task.timeUnit,
    survival: c.survival,
    shapBaseValue: c.explanation.base,
    modelOutput: c.explanation.value,
    shap: m.inputs.map((i, j) => ({ input: i.name, value: c.explanation.phi[j] })),
    segmentNumber: tumourSegment,
    sourceSeriesInstanceUID: source.seriesInstanceUID,
  };
}

/** The explanation as the panel shows it: each input's value and its SHAP value on the risk score. */
function explanationOf(m: SurvivalManifest, x: Float64Array, c: SurvivalCase): Explanation {
  const outOfRange = new Map(c.warnings.map((w) => [w.input, w.message]));
  return {
    space: 'risk-score',
    base: c.explanation.base,
    value: c.explanation.value,
    contributions: m.inputs.map((i, j) => ({
      input: i.name,
      value: x[j],
      shap: c.explanation.phi[j],
      ...(outOfRange.has(i.name) ? { outOfRange: outOfRange.get(i.name) } : {}),
    })),
  };
}

/** The result's survival block and its classifier-shaped fields (see contract/survival.ts). */
export function survivalAnswer(m: SurvivalManifest, c: SurvivalCase) {
  return {
    classes: m.survival.groups,
    probability: c.eventProbability.probability,
    predictedClass: c.groupName,
    threshold: eventThreshold(m),
    survival: {
      riskScore: c.riskScore,
      group: c.group === 1 ? ('high' as const) : ('low' as const),
      groupName: c.groupName,
      cutoff: {
        value: m.survival.cutoff.value,
        rule: m.survival.cutoff.rule,
        method: cutoffMethod(m.survival.cutoff.rule),
        note: cutoffNote(m),
      },
      event: m.task.event,
      timeUnit: m.task.timeUnit,
      survival: c.survival,
    },
  };
}

export async function analyseSurvivalStudy(
  deps: AnalysisDeps,
  model: LoadedSurvivalModel,
  req: AnalysisRequest,
  analysisId: string,
  progress: Progress,
  { results }: Pick<AnalyseOptions, 'results'> = {},
): Promise<AnalysisResult> {
  const now = deps.now ?? (() => new Date());
  const { timings, lap } = stageClock();
  const manifest = model.pkg.manifest;

  const { sources, outline, loaded, features, kinetics, x, readWarnings } = await measureStudy(
    deps,
    manifest,
    req,
    progress,
    lap,
  );

  progress('predict', `Running ${manifest.name}`);
  const answer = await analyseSurvivalCase(model.pkg, model.scorer, x);
  lap('predict');
  // The SHAP values are closed-form (linear model), computed with the score; the stage is kept for the panel.
  progress('explain', 'Explaining the risk score (SHAP)');
  lap('explain');

  const createdAt = now();
  /** The SEG, SR (with its survival group) and report PDF, with UIDs fixed by the analysis id, as a classifier's. */
  const build = async (): Promise<ResultObjects> => {
    const seg = writeSeg({
      source: outline.source,
      segments: segmentsOf(manifest, outline.mask, deps.version),
      device: deps.device,
      createdAt,
      uids: analysisObjectUids(analysisId, 'seg'),
    });
    const tumour = segmentNumber(seg, tumourName(manifest));
    const sr = writeSr({
      reference: outline.source.reference,
      evidence: evidenceOf([outline.source, ...Object.values(loaded)]),
      seg: objectReference(seg),
      radiomics: radiomicsGroups(manifest, features, seg, loaded),
      survival: survivalGroupOf(manifest, answer, tumour, outline.source),
      ...(kinetics.status === 'ok' ? { kinetics: kineticsGroup(kinetics, tumour, outline.source) } : {}),
      algorithm: {
        name: 'Heron',
        version: deps.version,
        parameters: JSON.stringify({ model: manifest.id, sequences: sources }),
      },
      device: deps.device,
      createdAt,
      uids: analysisObjectUids(analysisId, 'sr'),
    });
    const { object: pdf } = await reportPdf({
      sr,
      seg: objectReference(seg),
      reference: outline.source.reference,
      survivalManifest: manifest,
      keyImages: await keyImages({ outline, loaded, manifest }),
      ...(kinetics.status === 'ok'
        ? { kinetics: { timeS: kinetics.curve.timeS, meanSignal: kinetics.curve.meanSignal } }
        : {}),
      device: deps.device,
      version: deps.version,
      createdAt,
      uids: analysisObjectUids(analysisId, 'pdf'),
    });
    return { seg, sr, pdf };
  };

  const result: AnalysisResult = {
    analysisId,
    studyInstanceUID: req.studyInstanceUID,
    question: { id: manifest.task.question, text: questionText(manifest) },
    ...survivalAnswer(manifest, answer),
    model: modelOf(manifest),
    explanation: explanationOf(manifest, x, answer),
    warnings: [...readWarnings, ...answer.warnings.map((w) => w.message)],
    kinetics,
    stored: null,
    verification: { state: 'UNVERIFIED' },
    createdAt: createdAt.toISOString(),
    timings,
  };
  return storeAfterResult(deps, req.studyInstanceUID, analysisId, { result, lap }, build, progress, results);
}
