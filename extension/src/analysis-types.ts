// What the server answers for one analysis, as the panel receives it: the server's own types, seen from the panel.
import type { Stage } from '../../server/src/analysis/analysis-jobs';
import type { AnalysisResult } from '../../server/src/analysis/analysis-result';

export type { AnalysisResult };
export type Explanation = AnalysisResult['explanation'];
export type Contribution = Explanation['contributions'][number];
export type ShapSpaceName = Explanation['space'];
export type Verification = AnalysisResult['verification'];
export type AnalysisStage = Stage;

/**
 * The stages an analysis goes through, in order. The server's list lives in a module that imports Node built-ins,
 * so the browser bundle keeps its own copy; `satisfies` makes the compiler check it names the server's stages.
 */
export const ANALYSIS_STAGES = ['fetch', 'map', 'extract', 'predict', 'explain', 'store'] as const satisfies readonly Stage[];
