// Min-max scaling to [0, 1] on the training set, as scikit-learn's MinMaxScaler (seed 004: "preprocessed to [0, 1] by
// maximum and minimum normalization"): x' = (x - min) / (max - min). Written as a centre and a scale so the same
// standardiser (x - centre) / scale serves z-scores and min-max in the models and their ONNX graphs.

export interface MinMax {
  /** The training minimum of each column. */
  min: number[];
  /** max - min of each column. */
  range: number[];
}

/** The minimum and range of each column; a constant column cannot be scaled and is named in the error. */
export function minMax(columns: ArrayLike<number>[], names?: string[]): MinMax {
  const min: number[] = [];
  const range: number[] = [];
  columns.forEach((col, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < col.length; i++) {
      lo = Math.min(lo, col[i]);
      hi = Math.max(hi, col[i]);
    }
    if (!(hi > lo)) throw new Error(`column '${names?.[j] ?? j + 1}' is constant, so it cannot be min-max scaled`);
    min.push(lo);
    range.push(hi - lo);
  });
  return { min, range };
}
