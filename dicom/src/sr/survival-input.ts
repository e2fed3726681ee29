/** What a Heron report says of a survival package's answer (disease-free survival), beside the radiomics groups. */
import type { SurvivalTimeUnit } from './survival-codes';

export interface SurvivalGroupInput {
  algorithmName: string;
  algorithmVersion: string;
  /** sha256 of the ONNX file, hex. */
  modelSha256: string;
  question: string;
  /** The Cox linear predictor from the package's ONNX graph. */
  riskScore: number;
  group: 'low' | 'high';
  /** The package's names of the groups, low risk first. */
  groupNames: [string, string];
  cutoff: number;
  /** How the cut-off was chosen, in the package's words. */
  cutoffRule: string;
  event: string;
  timeUnit: SurvivalTimeUnit;
  /** S(t | x) at the package's stated times, increasing. */
  survival: { time: number; probability: number }[];
  /** SHAP of the risk score: base + sum of values = modelOutput (the double-precision linear predictor). */
  shapBaseValue: number;
  modelOutput: number;
  /** One per model input, in the model's input order. */
  shap: { input: string; value: number }[];
  segmentNumber: number;
  sourceSeriesInstanceUID: string;
}
