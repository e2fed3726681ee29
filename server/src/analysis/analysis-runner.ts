import type { DicomwebClient } from '@heron/dicom/dicomweb';
import type { AnalysisRequest, AnalysisResult } from '../contract';
import { type AnalysisActor, auditedAnalysis } from '../audit/audited-analysis';
import type { AuditLog } from '../audit/audit-log';
import type { JobRunner } from './job-queue';
import type { ModelRegistry } from './model-registry';
import { analyse } from './analyse';
import type { AnalysisDeps } from './pipeline';
import { analyseStratified } from './stratified-analysis';

/** What an analysis job carries: the checked request and who asked (plain JSON: it may travel through Redis). */
export interface AnalysisInput {
  request: AnalysisRequest;
  who: AnalysisActor;
}

/** The analysis as a job: the same function in the server (in-process queue) and in `heron worker`. */
export function analysisRunner(deps: {
  pacs: DicomwebClient;
  models: ModelRegistry;
  audit: AuditLog;
  pipeline: Omit<AnalysisDeps, 'pacs' | 'models'>;
}): JobRunner<AnalysisInput, AnalysisResult> {
  return (input, progress, jobId, results) =>
    auditedAnalysis(deps.audit, input.who, jobId, () =>
      input.request.flow === 'her2-stratified'
        ? analyseStratified({ ...deps.pipeline, pacs: deps.pacs, models: deps.models }, input.request, jobId, progress)
        : analyse({ ...deps.pipeline, pacs: deps.pacs, models: deps.models }, input.request, jobId, progress, {
            results,
          }),
    );
}
