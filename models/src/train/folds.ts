// Stratified k-fold assignment with a seeded shuffle, so that cross-validation and therefore the trained model are
// byte-for-byte reproducible for a fixed seed.
import { mulberry32 } from './random';

/** Row indices of each fold; each class is shuffled and dealt round-robin so every fold keeps the class ratio. */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`the number of folds must be an integer >= 2, got ${k}`);
  const random = mulberry32(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const cls of [0, 1]) {
    const rows = Array.from({ length: y.length }, (_, i) => i).filter((i) => y[i] === cls);
    if (rows.length < k)
      throw new Error(`${k}-fold cross-validation needs at least ${k} cases of class ${cls}, got ${rows.length}`);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    for (const r of rows) folds[next++ % k].push(r);
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}
