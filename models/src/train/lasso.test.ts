import { expit } from '../stats/descriptive';
import { type Columns, fitLasso, kktViolation, lambdaMax } from './lasso';
import { lassoCv } from './lasso-cv';
import { gaussian, mulberry32 } from './random';

function problem(n: number, p: number, seed: number): { x: Columns; y: number[] } {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const x: Columns = Array.from({ length: p }, () => Float64Array.from({ length: n }, normal));
  const y = Array.from({ length: n }, (_, i) =>
    random() < expit(0.3 + 1.2 * x[0][i] - 0.8 * x[1][i] + 0.5 * x[2][i]) ? 1 : 0,
  );
  return { x, y };
}

/** An independent reference: accelerated proximal gradient (FISTA; Beck A, Teboulle M, SIAM J Imaging Sci
 *  2009;2:183-202) on the same objective, with step 1/L, L = max eigenvalue bound of X^T X / (4n). */
function fista(x: Columns, y: number[], lambda: number, iterations: number) {
  const n = y.length;
  const p = x.length;
  let lip = 0;
  for (let i = 0; i < n; i++) {
    let s = 1;
    for (let j = 0; j < p; j++) s += x[j][i] ** 2;
    lip += s;
  }
  const step = 1 / (lip / (4 * n));
  let w = new Float64Array(p + 1);
  let v = Float64Array.from(w);
  let t = 1;
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(p + 1);
    for (let i = 0; i < n; i++) {
      let eta = v[p];
      for (let j = 0; j < p; j++) eta += x[j][i] * v[j];
      const r = expit(eta) - y[i];
      for (let j = 0; j < p; j++) grad[j] += (x[j][i] * r) / n;
      grad[p] += r / n;
    }
    const next = new Float64Array(p + 1);
    for (let j = 0; j < p; j++) {
      const z = v[j] - step * grad[j];
      next[j] = Math.sign(z) * Math.max(Math.abs(z) - step * lambda, 0);
    }
    next[p] = v[p] - step * grad[p];
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    v = Float64Array.from(next, (val, j) => val + ((t - 1) / tNext) * (val - w[j]));
    w = next;
    t = tNext;
  }
  return { weights: w.subarray(0, p), intercept: w[p] };
}

describe('LASSO logistic regression', () => {
  const { x, y } = problem(150, 8, 7);
  const top = lambdaMax(x, y);

  it('satisfies the KKT conditions to 1e-8 along the path', () => {
    for (const f of [0.9, 0.5, 0.2, 0.05, 0.01]) {
      const fit = fitLasso(x, y, top * f);
      expect(kktViolation(x, y, fit)).toBeLessThan(1e-8);
    }
  });

  it('gives all-zero weights at lambda max', () => {
    const fit = fitLasso(x, y, top * 1.0001);
    expect(Array.from(fit.weights).every((w) => w === 0)).toBe(true);
  });

  it('agrees with an independent proximal-gradient solver', () => {
    const lambda = top * 0.1;
    const fit = fitLasso(x, y, lambda);
    const ref = fista(x, y, lambda, 20000);
    for (let j = 0; j < x.length; j++) expect(fit.weights[j]).toBeCloseTo(ref.weights[j], 7);
    expect(fit.intercept).toBeCloseTo(ref.intercept, 7);
  });

  it('picks lambda by cross-validated deviance and keeps the true signals', () => {
    const big = problem(300, 30, 3);
    const cv = lassoCv(big.x, big.y, { folds: 5, nLambda: 30, seed: 1 });
    expect(cv.lambda1se).toBeGreaterThanOrEqual(cv.lambdaMin);
    expect(kktViolation(big.x, big.y, cv.fit)).toBeLessThan(1e-8);
    expect(cv.fit.weights[0]).toBeGreaterThan(0.5);
    expect(cv.fit.weights[1]).toBeLessThan(-0.3);
    const again = lassoCv(big.x, big.y, { folds: 5, nLambda: 30, seed: 1 });
    expect(Array.from(again.fit.weights)).toEqual(Array.from(cv.fit.weights));
  });
});
