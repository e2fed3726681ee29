// A small multilayer perceptron: standardised inputs -> one hidden ReLU layer -> logit, trained on the mean log-loss
// plus an L2 penalty (alpha / (2n)) ||W||^2 as scikit-learn's MLPClassifier, by full-batch Adam (Kingma DP, Ba J,
// Adam: a method for stochastic optimization, ICLR 2015, Algorithm 1). Weights start from Glorot-uniform draws
// (Glorot X, Bengio Y, AISTATS 2010, eq. 16) of the seeded generator, and full batches make training deterministic.
import { expit } from '../stats/descriptive';
import { mulberry32 } from '../train/random';
import { fitStandardiser, standardise, type Standardiser } from './standardiser';

export interface MlpOptions {
  hidden?: number;
  alpha?: number;
  learningRate?: number;
  epochs?: number;
  seed?: number;
}

export interface MlpModel {
  kind: 'mlp';
  standardiser: Standardiser;
  /** Hidden layer: w1 row-major [M, H], b1 [H]; output: w2 [H], b2. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number;
}

function forward(
  model: Omit<MlpModel, 'kind' | 'standardiser'>,
  z: Float64Array,
  i: number,
  m: number,
  h: Float64Array,
) {
  const H = model.b1.length;
  let out = model.b2;
  for (let k = 0; k < H; k++) {
    let s = model.b1[k];
    for (let j = 0; j < m; j++) s += z[i * m + j] * model.w1[j * H + k];
    h[k] = s > 0 ? s : 0;
    out += h[k] * model.w2[k];
  }
  return out;
}

export function trainMlp(x: ArrayLike<number>, y: ArrayLike<number>, m: number, options: MlpOptions = {}): MlpModel {
  const n = y.length;
  const H = options.hidden ?? 8;
  const alpha = options.alpha ?? 1e-4;
  const rate = options.learningRate ?? 0.01;
  const epochs = options.epochs ?? 500;
  const random = mulberry32(options.seed ?? 1);
  const standardiser = fitStandardiser(x, n, m);
  const z = standardise(standardiser, x, n);
  const glorot = (fanIn: number, fanOut: number, factor: number) => {
    const bound = Math.sqrt(factor / (fanIn + fanOut));
    return () => (2 * random() - 1) * bound;
  };
  const u1 = glorot(m, H, 6);
  const u2 = glorot(H, 1, 2);
  // Parameters in one vector: w1 (M*H), b1 (H), w2 (H), b2 (1).
  const size = m * H + H + H + 1;
  const theta = new Float64Array(size);
  for (let q = 0; q < m * H; q++) theta[q] = u1();
  for (let q = 0; q < H; q++) theta[m * H + q] = u1();
  for (let q = 0; q < H; q++) theta[m * H + H + q] = u2();
  theta[size - 1] = u2();
  const view = () => ({
    w1: Array.from(theta.subarray(0, m * H)),
    b1: Array.from(theta.subarray(m * H, m * H + H)),
    w2: Array.from(theta.subarray(m * H + H, m * H + 2 * H)),
    b2: theta[size - 1],
  });
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const h = new Float64Array(H);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const p = view();
    const grad = new Float64Array(size);
    for (let i = 0; i < n; i++) {
      const d = (expit(forward(p, z, i, m, h)) - y[i]) / n;
      for (let k = 0; k < H; k++) {
        grad[m * H + H + k] += d * h[k];
        if (h[k] > 0) {
          const dh = d * p.w2[k];
          grad[m * H + k] += dh;
          for (let j = 0; j < m; j++) grad[j * H + k] += dh * z[i * m + j];
        }
      }
      grad[size - 1] += d;
    }
    // The penalty is on weights only, not on biases.
    for (let q = 0; q < m * H; q++) grad[q] += (alpha / n) * theta[q];
    for (let q = 0; q < H; q++) grad[m * H + H + q] += (alpha / n) * theta[m * H + H + q];
    for (let q = 0; q < size; q++) {
      first[q] = beta1 * first[q] + (1 - beta1) * grad[q];
      second[q] = beta2 * second[q] + (1 - beta2) * grad[q] * grad[q];
      const mhat = first[q] / (1 - beta1 ** epoch);
      const vhat = second[q] / (1 - beta2 ** epoch);
      theta[q] -= (rate * mhat) / (Math.sqrt(vhat) + 1e-8);
    }
  }
  return { kind: 'mlp', standardiser, ...view() };
}

export function mlpLogit(model: MlpModel, x: ArrayLike<number>, n: number): Float64Array {
  const m = model.standardiser.mean.length;
  const z = standardise(model.standardiser, x, n);
  const h = new Float64Array(model.b1.length);
  return Float64Array.from({ length: n }, (_, i) => forward(model, z, i, m, h));
}
