/** What a Heron report says: the radiomics measured per sequence and region, and the classifier's answer. */
import type { Code } from '../core/codes';

export interface ObjectReference {
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

export interface RadiomicsGroup {
  /** Model input naming: 'DCE2', 'T2', 'DWI1000', 'ADC'. */
  sequence: string;
  /** 'intra', 'peri3mm', ... */
  region: string;
  /** The SEG segment of this region and the series it was drawn on. */
  segmentNumber: number;
  sourceSeriesInstanceUID: string;
  /** PyRadiomics names and values; NaN values are left out (as pyradiomics-dcm does). */
  features: { name: string; value: number }[];
}

/**
 * How the report codes the classifier's answer, as the model's manifest gives it: what it is about in a word
 * ('HER2', in the report's titles), the concepts of the probability and of the predicted class, and the two classes
 * as codes, negative first.
 */
export interface ClassifierCoding {
  subject: string;
  probability: Code;
  prediction: Code;
  classes: [Code, Code];
}

export interface ClassifierResult {
  algorithmName: string;
  algorithmVersion: string;
  /** sha256 of the ONNX file, hex. */
  modelSha256: string;
  coding: ClassifierCoding;
  question: string;
  /**
   * Why this question was asked, when it was asked only because of an earlier answer (the stratified reading's
   * second step: "asked because … called the tumour HER2-negative"); a reader of the report must know it is
   * conditional, since an error of the first answer carries into this one.
   */
  condition?: string;
  probability: number;
  predictedClass: 'positive' | 'negative';
  threshold: number;
  /** The space SHAP values add up in, and the model output in it (base + sum of SHAP = output). */
  shapSpace: 'log-odds' | 'probability';
  modelOutput: number;
  shapBaseValue: number;
  /** One per model input, in the model's input order: '<sequence>/<region>/<feature>' or 'clinical/<name>'. */
  shap: { input: string; value: number }[];
  /** The tumour segment the prediction is about. */
  segmentNumber: number;
  sourceSeriesInstanceUID: string;
}

/** The outline's DCE kinetics as the report records them (measured on the hotspot curve; see docs/kinetics.md). */
export interface KineticsGroup {
  segmentNumber: number;
  sourceSeriesInstanceUID: string;
  initialEnhancementPercent: number;
  peakEnhancementPercent: number;
  timeToPeakS: number;
  washInSlopePercentPerMin: number;
  /** Null when the curve does not define it; then it is left out. */
  ser: number | null;
  delayedChangePercent: number;
  initialPhase: 'slow' | 'medium' | 'rapid';
  curveType: 'persistent' | 'plateau' | 'washout';
  /** The thresholds and their basis, as JSON, for the algorithm parameters. */
  parameters: string;
}
