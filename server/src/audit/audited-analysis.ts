import type { AnalysisResult } from '../contract';
import type { AuditLog } from './audit-log';

export interface AnalysisActor {
  user: string;
  address: string | undefined;
  study: string;
  model: string;
}

/**
 * An analysis run recorded in the audit log: who started it, and what it stored (the SEG and SR UIDs) or why it
 * failed, so every object Heron writes into the PACS can be traced to the reader who asked for it.
 */
export function auditedAnalysis(
  audit: AuditLog,
  who: AnalysisActor,
  jobId: string,
  run: () => Promise<AnalysisResult>,
): Promise<AnalysisResult> {
  audit.record({ action: 'analysis-started', ...who, analysis: jobId });
  return run().then(
    (result) => {
      // A result whose store failed is shown with a Retry; the log says so rather than that it was stored.
      if (result.storage?.state === 'failed') {
        audit.record({
          action: 'analysis-store-failed',
          ...who,
          analysis: jobId,
          message: result.storage.message ?? null,
        });
        return result;
      }
      audit.record({
        action: 'analysis-stored',
        ...who,
        analysis: jobId,
        seg: result.stored?.segSopInstanceUID ?? null,
        sr: result.stored?.srSopInstanceUID ?? null,
      });
      // A stratified reading's second step stored its own SEG and SR: recorded with its own model.
      const second = result.stratified?.second;
      if (second)
        audit.record({
          action: 'analysis-stored',
          ...who,
          model: second.model.id,
          analysis: jobId,
          seg: second.stored?.segSopInstanceUID ?? null,
          sr: second.stored?.srSopInstanceUID ?? null,
        });
      return result;
    },
    (err: unknown) => {
      audit.record({
        action: 'analysis-failed',
        ...who,
        analysis: jobId,
        message: err instanceof Error ? err.message : String(err),
      });
      throw err;
    },
  );
}
