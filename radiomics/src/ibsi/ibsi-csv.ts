// The IBSI mode's output table, columns spelled as in the IBSI reference values (docs/pyradiomics-notes.md §20):
// family,feature,ibsi_code,aggregation,variant,value (fields with commas quoted; values with 17 significant digits).
import { formatValue } from '../feature-csv';
import type { IbsiRow } from './ibsi-features';

export function formatIbsiCsv(rows: IbsiRow[]): string {
  const lines = ['family,feature,ibsi_code,aggregation,variant,value'];
  for (const r of rows)
    lines.push(
      [r.family, r.feature, r.ibsiCode, r.aggregation, r.variant].map(quote).concat(formatValue(r.value)).join(','),
    );
  return `${lines.join('\n')}\n`;
}

function quote(field: string): string {
  return /[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
