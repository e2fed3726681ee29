// Platt scaling: P(y=1 | f) = 1 / (1 + exp(A f + B)) fitted by maximum likelihood on decision values, with Platt's
// smoothed targets (Platt JC, Probabilistic outputs for support vector machines, in Advances in Large Margin
// Classifiers, MIT Press 1999) and the numerically safe Newton method with backtracking of Lin HT, Lin CJ, Weng RC,
// A note on Platt's probabilistic outputs for support vector machines, Mach Learn 2007;68:267-276 (Algorithm 1).

export interface Platt {
  a: number;
  b: number;
}

/** log(1 + exp(t)) without overflow. */
const log1pExp = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));

export function fitPlatt(f: ArrayLike<number>, y: ArrayLike<number>): Platt {
  const n = y.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i];
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new Error('Platt scaling needs decision values of both classes');
  // Smoothed targets avoid an infinite slope on separable data (Platt 1999, eq. 10).
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (y[i] === 1 ? hi : lo));
  // The negative log-likelihood written with fApB = A f + B so that it never takes log of 0 (Lin et al., eq. 8).
  const objective = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = a * f[i] + b;
      s += z >= 0 ? t[i] * z + log1pExp(-z) : (t[i] - 1) * z + log1pExp(z);
    }
    return s;
  };
  let a = 0;
  let b = Math.log((neg + 1) / (pos + 1));
  let fval = objective(a, b);
  const sigma = 1e-12;
  for (let it = 0; it < 100; it++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const z = a * f[i] + b;
      // p = P(y = 1) = 1 / (1 + exp(z)), q = 1 - p, both computed from the side that does not overflow.
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    for (; step >= 1e-10; step /= 2) {
      const na = a + step * dA;
      const nb = b + step * dB;
      const nf = objective(na, nb);
      if (nf < fval + 1e-4 * step * gd) {
        a = na;
        b = nb;
        fval = nf;
        break;
      }
    }
    if (step < 1e-10) break;
  }
  return { a, b };
}

/** The Platt probability as log-odds: logit P = -(A f + B). */
export const plattLogit = (p: Platt, f: number) => -(p.a * f + p.b);
