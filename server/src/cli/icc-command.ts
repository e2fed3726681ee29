// `heron icc`: the inter-reader reproducibility of each feature from two readers' feature tables of the same cases
// (seeds 001, 002, 004 keep features with ICC > 0.75). Shrout-Fleiss single-measure ICC(1,1), ICC(2,1), ICC(3,1);
// `kept` is decided by ICC(2,1), two-way random effects, absolute agreement.
import { writeFile } from 'node:fs/promises';
import { icc, numericColumns } from '@heron/models';
import { type Command, parseOptions, UsageError } from './command';
import { type Cells, numberOption, readCells } from './stats-table';

function casesOf(cells: Cells, id: string, path: string): Map<string, number> {
  const c = cells.header.indexOf(id);
  if (c < 0) throw new Error(`${path}: no id column '${id}' (the columns are ${cells.header.join(', ')})`);
  const rows = new Map<string, number>();
  cells.rows.forEach((row, r) => {
    if (row[c] === '') throw new Error(`${path}, line ${r + 2}: the case id is empty`);
    if (rows.has(row[c])) throw new Error(`${path}: case '${row[c]}' appears twice`);
    rows.set(row[c], r);
  });
  return rows;
}

const listed = (names: string[]) =>
  names
    .slice(0, 5)
    .map((n) => `'${n}'`)
    .join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');

export const iccCommand: Command = {
  name: 'icc',
  summary: "inter-reader ICC of each feature from two readers' tables, and which features pass a threshold",
  usage: 'heron icc --reader1 A.csv --reader2 B.csv --id COL [--threshold 0.75] --out F.csv',
  async run(argv) {
    const v = parseOptions(argv, {
      reader1: { type: 'string' },
      reader2: { type: 'string' },
      id: { type: 'string' },
      threshold: { type: 'string', default: '0.75' },
      out: { type: 'string' },
    });
    if (!v.reader1 || !v.reader2) throw new UsageError('--reader1 A.csv and --reader2 B.csv are required');
    if (!v.id) throw new UsageError('--id COL (the case id column) is required');
    if (!v.out) throw new UsageError('--out F.csv is required');
    const threshold = numberOption(v.threshold, 'threshold');
    if (threshold < 0 || threshold > 1) throw new UsageError(`--threshold must be within 0 and 1, got ${threshold}`);
    const a = await readCells(v.reader1, 'reader 1 table');
    const b = await readCells(v.reader2, 'reader 2 table');
    const casesA = casesOf(a, v.id, v.reader1);
    const casesB = casesOf(b, v.id, v.reader2);
    // The ICC compares two readings of the same cases: any case only one reader has is an error, not dropped.
    const onlyA = [...casesA.keys()].filter((c) => !casesB.has(c));
    const onlyB = [...casesB.keys()].filter((c) => !casesA.has(c));
    if (onlyA.length || onlyB.length)
      throw new Error(
        `the readers' tables must hold the same cases: ${[
          onlyA.length ? `${listed(onlyA)} only in ${v.reader1}` : '',
          onlyB.length ? `${listed(onlyB)} only in ${v.reader2}` : '',
        ]
          .filter(Boolean)
          .join('; ')}`,
      );
    const features = a.header.filter((c) => c !== v.id);
    const featuresB = b.header.filter((c) => c !== v.id);
    const missingB = features.filter((f) => !featuresB.includes(f));
    const missingA = featuresB.filter((f) => !features.includes(f));
    if (missingA.length || missingB.length)
      throw new Error(
        `the readers' tables must hold the same features: ${[
          missingB.length ? `${listed(missingB)} only in ${v.reader1}` : '',
          missingA.length ? `${listed(missingA)} only in ${v.reader2}` : '',
        ]
          .filter(Boolean)
          .join('; ')}`,
      );
    if (features.length === 0) throw new Error(`${v.reader1}: no feature columns besides '${v.id}'`);
    if (casesA.size < 2) throw new Error('the ICC needs at least two cases');
    const colsA = numericColumns(a, features, v.reader1);
    const colsB = numericColumns(b, features, v.reader2);
    const order = [...casesA.entries()].map(([id, r]) => [r, casesB.get(id)!] as const);
    const lines = ['feature,icc1,icc2,icc3,kept'];
    let kept = 0;
    let undefinedIcc = 0;
    features.forEach((f, j) => {
      const r = icc(order.map(([ra, rb]) => [colsA[j][ra], colsB[j][rb]]));
      // A feature both readers measured as one constant has no between-case variance: its ICC is undefined (0/0).
      const defined = Number.isFinite(r.icc2);
      const keep = defined && r.icc2 > threshold;
      if (keep) kept++;
      if (!defined) undefinedIcc++;
      const cell = (x: number) => (Number.isFinite(x) ? String(x) : '');
      const name = /[",]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
      lines.push([name, cell(r.icc1), cell(r.icc2), cell(r.icc3), String(keep)].join(','));
    });
    await writeFile(v.out, lines.join('\n') + '\n');
    console.log(
      `ICC over ${casesA.size} cases: ${kept} of ${features.length} features kept (ICC(2,1) > ${threshold})` +
        (undefinedIcc ? `; ${undefinedIcc} constant in both readers, ICC undefined, not kept` : '') +
        `; wrote ${v.out}`,
    );
    return 0;
  },
};
