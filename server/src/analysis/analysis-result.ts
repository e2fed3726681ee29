/** What an analysis answers, as the API returns it and the panel's result card shows it. */
export interface AnalysisResult {
  analysisId: string;
  studyInstanceUID: string;
  question: { id: string; text: string };
  /** [negative, positive]; `probability` is of classes[1]. */
  classes: [string, string];
  probability: number;
  predictedClass: string;
  threshold: number;
  model: { id: string; name: string; version: string; sha256: string; syntheticTraining: boolean; intendedUse: string };
  explanation: {
    /** The space the SHAP values, their base and the model value are in. */
    space: 'logodds' | 'probability';
    base: number;
    value: number;
    contributions: Array<{ input: string; value: number; shap: number; outOfRange?: string }>;
  };
  warnings: string[];
  stored: { segSopInstanceUID: string; srSopInstanceUID: string } | null;
  verification:
    | { state: 'UNVERIFIED' }
    | { state: 'VERIFIED'; reader: string; at: string }
    | { state: 'REJECTED'; reader: string; reason: string; at: string };
  createdAt: string;
  /** Seconds per stage, for the benchmark and the log. */
  timings: Record<string, number>;
}
