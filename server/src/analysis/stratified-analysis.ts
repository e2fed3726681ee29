import type { AnalysisRequest, AnalysisResult } from '../contract';
import type { Progress } from './analysis-jobs';
import { analyseStudy, type AnalysisDeps } from './pipeline';
import { stratifiedHer2, stratifiedModels } from './stratified-flow';
import { readOnce } from './study-read-once';

/** The request's model must be the flow's first step: the audit log and the idempotency key name what runs first. */
export function checkStratifiedRequest(deps: Pick<AnalysisDeps, 'models'>, req: AnalysisRequest): void {
  const { first } = stratifiedModels(deps.models.list());
  if (req.modelId !== first)
    throw new Error(
      `The stratified HER2 reading starts with the HER2-positive vs negative model '${first}'; send modelId '${first}'.`,
    );
}

const share = (p: number) => `${(p * 100).toFixed(1)}%`;

/** The second step's condition in words, for its SR: which model answered what, in which report. */
function conditionText(first: AnalysisResult): string {
  const m = first.model;
  return (
    `Asked only because ${m.name} ${m.version} (${first.question.text}) called the tumour ${first.predictedClass} ` +
    `(probability ${share(first.probability)}, below its threshold ${share(first.threshold)})` +
    (first.stored ? ` in report ${first.stored.srSopInstanceUID}` : '') +
    '; an error of that answer carries into this one.'
  );
}

/**
 * Seed 002's stratified HER2 reading as one analysis: HER2-positive vs negative, then, only after a negative answer,
 * HER2-low vs HER2-zero, on one fetch of the study (the PACS is read once for both) with the same outline and so the
 * same regions. Each step stores its own SEG, SR and report, signed off on its own as any analysis; the second SR
 * records that it was asked on the condition of the first answer. The job's result is the first step's, with the
 * second (or why it was not asked) in `stratified`.
 */
export async function analyseStratified(
  deps: AnalysisDeps,
  req: AnalysisRequest,
  analysisId: string,
  progress: Progress,
): Promise<AnalysisResult> {
  checkStratifiedRequest(deps, req);
  const once = { ...deps, pacs: readOnce(deps.pacs) };
  const results = new Map<string, AnalysisResult>();
  let firstResult: AnalysisResult | undefined;
  const answer = await stratifiedHer2(deps.models.list(), async (modelId) => {
    const step = firstResult ? 2 : 1;
    const r = await analyseStudy(
      once,
      { ...req, modelId, flow: undefined },
      step === 1 ? analysisId : `${analysisId}-2`,
      (stage, message) => progress(stage, `Step ${step} of the stratified reading: ${message}`),
      firstResult ? { condition: conditionText(firstResult) } : {},
    );
    firstResult ??= r;
    results.set(modelId, r);
    return { modelId, probability: r.probability, positive: r.predictedClass === r.classes[1] };
  });
  const first = results.get(answer.first.modelId) as AnalysisResult;
  return {
    ...first,
    stratified: {
      flow: 'her2-stratified',
      second: answer.second ? (results.get(answer.second.modelId) as AnalysisResult) : null,
      ...(answer.skipped ? { skipped: answer.skipped } : {}),
    },
  };
}
