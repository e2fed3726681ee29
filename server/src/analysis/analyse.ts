// The analysis of a study with any installed package: a survival package's (survival-pipeline.ts) or a classifier's
// (pipeline.ts). Kept apart from both so that neither pipeline imports the other's caller.
import type { AnalysisRequest, AnalysisResult } from '../contract';
import type { Progress } from './analysis-jobs';
import { type AnalyseOptions, analyseStudy, type AnalysisDeps } from './pipeline';
import { analyseSurvivalStudy } from './survival-pipeline';

export function analyse(
  deps: AnalysisDeps,
  req: AnalysisRequest,
  analysisId: string,
  progress: Progress,
  options: AnalyseOptions = {},
): Promise<AnalysisResult> {
  const survival = deps.models.survivalModel(req.modelId);
  return survival
    ? analyseSurvivalStudy(deps, survival, req, analysisId, progress, options)
    : analyseStudy(deps, req, analysisId, progress, options);
}
