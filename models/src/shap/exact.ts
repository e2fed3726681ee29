// Exact interventional Shapley values of any model by enumerating all 2^M coalitions against a background set:
// v(S) = mean_b g(f(x_S, b_notS)) and phi_i = sum_{S not containing i} |S|!(M-|S|-1)!/M! (v(S+i) - v(S))
// (Shapley LS, A value for n-person games, 1953; interventional form: Janzing D et al., AISTATS 2020, eq. 6).
// The model is called in large batches (docs/onnx-and-shap.md, section 5.2: 64k rows per call).
import type { Background, ShapExplanation, ShapSpace } from './space';

/** Returns, for `rows` cases (row-major), the model's output in the requested space. */
export type BatchModel = (features: Float32Array | Float64Array, rows: number) => Promise<Float64Array>;

export const MAX_EXACT_INPUTS = 16;

function logFactorials(m: number): Float64Array {
  const lf = new Float64Array(m + 1);
  for (let i = 2; i <= m; i++) lf[i] = lf[i - 1] + Math.log(i);
  return lf;
}

export async function exactShap(
  model: BatchModel,
  space: ShapSpace,
  x: ArrayLike<number>,
  background: Background,
  options: { batchRows?: number; precision?: 'float32' | 'float64' } = {},
): Promise<ShapExplanation> {
  const m = x.length;
  if (m > MAX_EXACT_INPUTS)
    throw new Error(`exact SHAP enumerates 2^M coalitions; ${m} inputs is more than the limit of ${MAX_EXACT_INPUTS}`);
  const B = background.rows;
  if (background.data.length !== B * m)
    throw new Error(`the background has ${background.data.length / B} inputs per case, the model ${m}`);
  const coalitions = 2 ** m;
  const perCall = Math.max(1, Math.floor((options.batchRows ?? 65536) / B));
  const buffer =
    options.precision === 'float64' ? new Float64Array(perCall * B * m) : new Float32Array(perCall * B * m);
  const v = new Float64Array(coalitions);
  const idx = new Int32Array(m);
  for (let s0 = 0; s0 < coalitions; s0 += perCall) {
    const s1 = Math.min(coalitions, s0 + perCall);
    let o = 0;
    for (let S = s0; S < s1; S++) {
      buffer.set(background.data, o);
      let k = 0;
      for (let i = 0; i < m; i++) if ((S >> i) & 1) idx[k++] = i;
      for (let b = 0, ro = o; b < B; b++, ro += m) for (let j = 0; j < k; j++) buffer[ro + idx[j]] = x[idx[j]];
      o += B * m;
    }
    const rows = (s1 - s0) * B;
    const y = await model(buffer.subarray(0, rows * m), rows);
    for (let S = s0; S < s1; S++) {
      let s = 0;
      const r0 = (S - s0) * B;
      for (let b = 0; b < B; b++) s += y[r0 + b];
      v[S] = s / B;
    }
  }
  const lf = logFactorials(m);
  const weight = Float64Array.from({ length: m }, (_, s) => Math.exp(lf[s] + lf[m - s - 1] - lf[m]));
  const phi = new Float64Array(m);
  for (let S = 0; S < coalitions; S++) {
    let size = 0;
    for (let t = S; t; t &= t - 1) size++;
    for (let i = 0; i < m; i++) if (!((S >> i) & 1)) phi[i] += weight[size] * (v[S | (1 << i)] - v[S]);
  }
  return { space, base: v[0], value: v[coalitions - 1], phi, method: 'exact' };
}
