// Which scale a Shapley value is on (docs/onnx-and-shap.md, section 5.1). `logodds`: v(S) = E_b[logit f] —
// Python shap's LinearExplainer and TreeExplainer(model_output='raw') for logistic and boosted models.
// `probability`: v(S) = E_b[f] — TreeExplainer(model_output='probability'), KernelExplainer(link='identity').
export type ShapSpace = 'logodds' | 'probability';

export interface ShapExplanation {
  space: ShapSpace;
  /** v(empty set): the mean model output over the background, in `space`. */
  base: number;
  /** v(all features): the model output for this case, in `space`. */
  value: number;
  /** One Shapley value per input; sum(phi) = value - base. */
  phi: Float64Array;
  method: 'linear' | 'tree' | 'exact' | 'sampling';
  /** Permutation sampling only: the standard error of each phi_i and the number of permutations drawn. */
  standardError?: Float64Array;
  permutations?: number;
}

/** The background set: `rows` cases stored row-major, `data.length = rows * nInputs`. */
export interface Background {
  data: Float64Array;
  rows: number;
}

/** |sum(phi) - (value - base)|, the efficiency error. */
export function efficiencyError(e: ShapExplanation): number {
  return Math.abs(e.phi.reduce((s, v) => s + v, 0) - (e.value - e.base));
}
