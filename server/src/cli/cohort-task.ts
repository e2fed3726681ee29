// The task a feature thread runs (cohort-threads.ts): one cohort row's features, or why it failed. A failure is a
// value, not a throw, so that a case that fails is told apart from a thread that died.
import type { ExtractionSettings } from '@heron/models';
import { type CaseResult, cohortCase } from './cohort-case';

export interface CaseRequest {
  row: Record<string, string>;
  /** Absolute, or relative to the process's folder: the row's file paths are relative to it. */
  cohortPath: string;
  settings: ExtractionSettings;
}

export type CaseOutcome = CaseResult | { error: string };

export default async function caseTask(request: CaseRequest): Promise<CaseOutcome> {
  try {
    return await cohortCase(request.row, request.cohortPath, request.settings);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
