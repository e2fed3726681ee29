// Shapley values by permutation sampling, for models with more inputs than exact enumeration allows (exact.ts):
// for each of P random orders of the inputs, the features are switched from the background to the case one by one
// and each is credited with the change in v(S) = mean_b f(x_S, b_notS) it causes (Castro J, Gomez D, Tejada J,
// Polynomial calculation of the Shapley value based on sampling, Comput Oper Res 2009;36:1726-1730, ApproShapley).
// Each order's credits telescope to v(N) - v(empty), so efficiency holds to rounding for any P; each phi_i is a mean
// of P independent contributions, unbiased, with standard error sd_i / sqrt(P) reported with it (Castro et al.,
// section 3: the estimate is asymptotically normal, so phi_i +- 1.96 SE is a 95 % interval).
import { mulberry32 } from '../train/random';
import type { BatchModel } from './exact';
import type { Background, ShapExplanation, ShapSpace } from './space';

export const DEFAULT_PERMUTATIONS = 256;

export async function samplingShap(
  model: BatchModel,
  space: ShapSpace,
  x: ArrayLike<number>,
  background: Background,
  options: { permutations?: number; seed?: number; batchRows?: number } = {},
): Promise<ShapExplanation> {
  const m = x.length;
  const B = background.rows;
  if (background.data.length !== B * m)
    throw new Error(`the background has ${background.data.length / B} inputs per case, the model ${m}`);
  const P = options.permutations ?? DEFAULT_PERMUTATIONS;
  if (!Number.isInteger(P) || P < 2) throw new Error(`permutation sampling needs at least 2 permutations, got ${P}`);
  const random = mulberry32(options.seed ?? 1);
  // Permutations per model call, so that one call holds about batchRows rows.
  const perCall = Math.max(1, Math.floor((options.batchRows ?? 65536) / ((m + 1) * B)));
  const sum = new Float64Array(m);
  const sumSq = new Float64Array(m);
  let base = 0;
  let value = 0;
  for (let p0 = 0; p0 < P; p0 += perCall) {
    const p1 = Math.min(P, p0 + perCall);
    const orders: number[][] = [];
    const buffer = new Float32Array((p1 - p0) * (m + 1) * B * m);
    let o = 0;
    for (let p = p0; p < p1; p++) {
      const order = Array.from({ length: m }, (_, i) => i);
      for (let i = m - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      orders.push(order);
      // Step s holds the first s inputs of the order from the case, the rest from each background row.
      for (let s = 0; s <= m; s++) {
        for (let b = 0; b < B; b++, o += m) {
          buffer.set(background.data.subarray(b * m, (b + 1) * m), o);
          for (let k = 0; k < s; k++) buffer[o + order[k]] = x[order[k]];
        }
      }
    }
    const y = await model(buffer, (p1 - p0) * (m + 1) * B);
    orders.forEach((order, q) => {
      const v = new Float64Array(m + 1);
      for (let s = 0; s <= m; s++) {
        let t = 0;
        const r0 = (q * (m + 1) + s) * B;
        for (let b = 0; b < B; b++) t += y[r0 + b];
        v[s] = t / B;
      }
      base = v[0];
      value = v[m];
      for (let s = 0; s < m; s++) {
        const c = v[s + 1] - v[s];
        sum[order[s]] += c;
        sumSq[order[s]] += c * c;
      }
    });
  }
  const phi = sum.map((s) => s / P);
  const standardError = phi.map((mu, i) => Math.sqrt(Math.max(0, sumSq[i] / P - mu * mu) / (P - 1)));
  return { space, base, value, phi, method: 'sampling', standardError, permutations: P };
}
