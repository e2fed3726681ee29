// Small deterministic data sets for unit tests and the benchmark.
import { expit } from '../stats/descriptive';
import { gaussian, mulberry32 } from '../train/random';

/** n cases x m inputs (row-major, raw units with offsets and scales) and a binary outcome driven by the first inputs. */
export function syntheticCases(n: number, m: number, seed: number): { x: Float64Array; y: number[] } {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const x = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) x[i * m + j] = 10 * (j + 1) + (j + 1) * normal();
  const y = Array.from({ length: n }, (_, i) => {
    const z = x[i * m] - 10 - 0.5 * (m > 1 ? (x[i * m + 1] - 20) / 2 : 0) + (m > 2 ? 0.8 * Math.sin(x[i * m + 2]) : 0);
    return random() < expit(z) ? 1 : 0;
  });
  return { x, y };
}
