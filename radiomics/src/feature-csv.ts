// The CLI's output table: header `feature,value`, one row per feature, values with 17 significant digits (enough to
// round-trip a float64), NaN as `nan` like PyRadiomics' CSV output.
import type { FeatureMap } from './extractor';

export function formatFeatureCsv(features: FeatureMap): string {
  const rows = ['feature,value'];
  for (const [name, value] of features) rows.push(`${name},${formatValue(value)}`);
  return `${rows.join('\n')}\n`;
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return value.toPrecision(17);
}
