// Closed-form interventional Shapley values of a linear model on the log-odds scale: phi_i = coef_i (x_i - mean_b x_i)
// (Lundberg SM, Lee S-I, A unified approach to interpreting model predictions, NeurIPS 2017, corollary 1 "Linear
// SHAP"; Python shap LinearExplainer with feature_perturbation='interventional'). The mean is the background mean.
import type { LinearLogit } from '../onnx/inspect';
import type { Background, ShapExplanation } from './space';

export function linearShap(model: LinearLogit, x: ArrayLike<number>, background: Background): ShapExplanation {
  const m = model.coefficients.length;
  if (x.length !== m) throw new Error(`linear SHAP: the case has ${x.length} inputs, the model ${m}`);
  const phi = new Float64Array(m);
  let base = model.intercept;
  let value = model.intercept;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let b = 0; b < background.rows; b++) s += background.data[b * m + i];
    const bgMean = s / background.rows;
    phi[i] = model.coefficients[i] * (x[i] - bgMean);
    base += model.coefficients[i] * bgMean;
    value += model.coefficients[i] * x[i];
  }
  return { space: 'logodds', base, value, phi, method: 'linear' };
}
