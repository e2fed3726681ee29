// Rows per model call for exact and sampled SHAP. 65 536 rows suit small graphs (docs/onnx-and-shap.md, 5.2), but the
// distance graphs of kNN and the RBF SVM hold two N x K x M float tensors per call (differences and their squares),
// and their K x M stored points are most of the graph's bytes: so N is chosen to keep those tensors near 32 MB.
const DEFAULT_ROWS = 65536;
const DISTANCE_BUDGET_BYTES = 32 * 1024 * 1024;

export function shapBatchRows(kind: string, graphBytes: number): number {
  if (kind !== 'knn' && kind !== 'svm-rbf') return DEFAULT_ROWS;
  return Math.max(64, Math.min(DEFAULT_ROWS, Math.floor(DISTANCE_BUDGET_BYTES / (2 * Math.max(graphBytes, 1)))));
}
