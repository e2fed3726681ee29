// What the server answers for one analysis (POST /api/analyses), as the panel receives it.

export type QuestionId = 'her2-positive-vs-negative' | 'her2-low-vs-zero' | 'fish-status-ihc2plus' | 'pcr-after-neoadjuvant';

export type ShapSpaceName = 'logodds' | 'probability';

export interface Contribution {
  /** `<sequence>/<region>/<feature>` (e.g. `DCE2/peri3mm/original_glcm_Idmn`) or `clinical/<name>`. */
  input: string;
  value: number;
  shap: number;
  /** Set when the value lies outside the training range: the server's description of how. */
  outOfRange?: string;
}

export interface Explanation {
  /** The space SHAP values and base are in. */
  space: ShapSpaceName;
  /** Expected model output over the background. */
  base: number;
  /** Model output for this case (base + sum of contributions). */
  value: number;
  contributions: Contribution[];
}

export type Verification =
  | { state: 'UNVERIFIED' }
  | { state: 'VERIFIED'; reader: string; at: string }
  | { state: 'REJECTED'; reader: string; reason: string; at: string };

export interface AnalysisModel {
  id: string;
  name: string;
  version: string;
  sha256: string;
  syntheticTraining: boolean;
  intendedUse: string;
}

export interface AnalysisResult {
  analysisId: string;
  studyInstanceUID: string;
  question: { id: QuestionId; text: string };
  /** [negative, positive]; `probability` is of classes[1]. */
  classes: [string, string];
  /** 0..1 */
  probability: number;
  predictedClass: string;
  /** Decision threshold on the probability. */
  threshold: number;
  model: AnalysisModel;
  explanation: Explanation;
  /** e.g. 'T2/intra/original_shape_Sphericity = 0.31 is outside the training range (0.45–0.98)' */
  warnings: string[];
  stored: { segSopInstanceUID: string; srSopInstanceUID: string } | null;
  verification: Verification;
  createdAt: string;
}

/** The stages an analysis goes through, in order (the server's analysis-jobs STAGES). */
export const ANALYSIS_STAGES = ['fetch', 'map', 'extract', 'predict', 'explain', 'store'] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];
