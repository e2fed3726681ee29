// One case through a survival package: the risk score from the package's ONNX graph, the risk group by the
// package's cut-off, S(t) at its stated times, closed-form SHAP of the risk score and range warnings. Pure apart from
// the ONNX session it is handed, so the server, `heron analyze` and tests compute the same numbers.
import { decodeModel, readCoxModel } from './onnx/inspect';
import type { CoxLinearPredictor } from './onnx/cox-graph';
import { rangeWarnings, type RangeWarning } from './range-warnings';
import type { RiskScorer } from './survival-inference';
import type { SurvivalManifest } from './survival-manifest';
import {
  explainRiskScore,
  type RiskScoreExplanation,
  survivalPrediction,
  type SurvivalPrediction,
} from './survival-model';

export interface SurvivalPackage {
  manifest: SurvivalManifest;
  onnx: Uint8Array;
  /** The graph's own standardiser and coefficients, read from its initializers, for the closed-form SHAP values. */
  model: CoxLinearPredictor;
}

/** The package with its linear predictor read back from the ONNX graph (which must be coxOnnx's Sub-Div-MatMul). */
export function survivalPackage(manifest: SurvivalManifest, onnx: Uint8Array): SurvivalPackage {
  const model = readCoxModel(decodeModel(onnx));
  if (!model) throw new Error(`model ${manifest.id}: model.onnx is not a Cox linear predictor (Sub, Div, MatMul)`);
  if (model.coefficients.length !== manifest.inputs.length)
    throw new Error(
      `model ${manifest.id}: the ONNX graph has ${model.coefficients.length} coefficients, the manifest ${manifest.inputs.length} inputs`,
    );
  return { manifest, onnx, model };
}

/** How the cut-off between the risk groups was chosen, as the manifest's rule says. */
export type CutoffMethod = 'median' | 'optimal' | 'stated';

export function cutoffMethod(rule: string): CutoffMethod {
  if (/optimal|maximally selected|max(imum)?[- ]?selected/i.test(rule)) return 'optimal';
  if (/median/i.test(rule)) return 'median';
  return 'stated';
}

/**
 * What a reader must be told about the cut-off. An optimal cut-off is chosen on the very data it is then shown to
 * separate, so its log-rank p and the groups' separation are optimistic (Altman DG et al., J Natl Cancer Inst
 * 1994;86:829; corrected by Lausen & Schumacher, Biometrics 1992;48:73).
 */
export function cutoffNote(m: SurvivalManifest): string {
  const c = m.survival.cutoff;
  const base = `High risk when the risk score is at least ${c.value.toFixed(4)} (${c.rule})`;
  switch (cutoffMethod(c.rule)) {
    case 'optimal':
      return `${base}; an optimal cut-off was chosen on the training cohort itself, so the separation of the groups is optimistic there and must be confirmed on other cases.`;
    case 'median':
      return `${base}; a median split is fixed before looking at outcomes and carries no selection optimism.`;
    default:
      return `${base}.`;
  }
}

/**
 * The probability of an event by the package's last stated time at the cut-off score, 1 - S0(T)^exp(cutoff). S(T) falls
 * as the score rises, so a case is in the high-risk group exactly when its own event probability by T is at least this
 * (the classifier-shaped fields of an analysis result use it as their threshold).
 */
export function eventThreshold(m: SurvivalManifest): number {
  const s0 = m.survival.baselineSurvival.at(-1) as number;
  return 1 - s0 ** Math.exp(m.survival.cutoff.value);
}

export interface SurvivalCase extends SurvivalPrediction {
  /** 1 - S(T) at the last stated time T. */
  eventProbability: { time: number; probability: number };
  explanation: RiskScoreExplanation;
  warnings: RangeWarning[];
}

export async function analyseSurvivalCase(
  pkg: SurvivalPackage,
  scorer: RiskScorer,
  x: ArrayLike<number>,
): Promise<SurvivalCase> {
  const { manifest } = pkg;
  if (x.length !== manifest.inputs.length)
    throw new Error(`model ${manifest.id} takes ${manifest.inputs.length} inputs, got ${x.length}`);
  const [score] = await scorer.score(x, 1);
  const prediction = survivalPrediction(manifest, score);
  const last = prediction.survival.at(-1) as { time: number; probability: number };
  return {
    ...prediction,
    eventProbability: { time: last.time, probability: 1 - last.probability },
    explanation: explainRiskScore(pkg.model, x, manifest.explanation.background),
    warnings: rangeWarnings(manifest.inputs, x),
  };
}
