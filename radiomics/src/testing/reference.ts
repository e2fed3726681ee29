// Access to the shared reference data (../shared/reference beside the repository) for the tests and the benchmark.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseVolume } from '../io/parse-volume';
import type { Volume } from '../volume';
import { parseCsv } from './csv';
import { parsePythonLiteral } from './python-literal';

export const REFERENCE_DIR = fileURLToPath(new URL('../../../../shared/reference/', import.meta.url));

export function referencePath(relative: string): string {
  return REFERENCE_DIR + relative;
}

const volumes = new Map<string, Promise<Volume>>();

/** A reference volume, read once per process. */
export function referenceVolume(relative: string): Promise<Volume> {
  let volume = volumes.get(relative);
  if (!volume) {
    volume = parseVolume(new Uint8Array(readFileSync(referencePath(relative))), relative);
    volumes.set(relative, volume);
  }
  return volume;
}

export function pyradiomicsCase(name: string): Promise<[Volume, Volume]> {
  return Promise.all([
    referenceVolume(`pyradiomics/data/${name}_image.nrrd`),
    referenceVolume(`pyradiomics/data/${name}_label.nrrd`),
  ]);
}

export interface BaselineColumn {
  column: string;
  testCase: string;
  settings: Record<string, unknown>;
  /** Feature name → expected value. */
  values: Map<string, number>;
}

/** The columns of an upstream baseline table `baseline_<class>.csv`. */
export function baselineColumns(className: string): BaselineColumn[] {
  const rows = parseCsv(readFileSync(referencePath(`pyradiomics/data/baseline/baseline_${className}.csv`), 'utf8'));
  const header = rows[0];
  const row = (key: string): string[] => rows.find((r) => r[0] === key)!;
  return header.slice(1).map((column, c) => {
    const values = new Map<string, number>();
    for (const r of rows.slice(1))
      if (!r[0].startsWith('diagnostics_') && r[c + 1] !== undefined) values.set(r[0], Number(r[c + 1]));
    return {
      column,
      testCase: row('diagnostics_Configuration_TestCase')[c + 1],
      settings: parsePythonLiteral(row('diagnostics_Configuration_Settings')[c + 1]) as Record<string, unknown>,
      values,
    };
  });
}

/** A generated table (rows = features, columns = cases) as case → feature → value. */
export function generatedTable(file: string): Map<string, Map<string, number>> {
  const rows = parseCsv(readFileSync(referencePath(`pyradiomics-generated/${file}`), 'utf8'));
  const out = new Map<string, Map<string, number>>();
  rows[0].slice(1).forEach((name, c) => {
    const values = new Map<string, number>();
    for (const r of rows.slice(1)) if (r[0]) values.set(r[0], Number(r[c + 1]));
    out.set(name, values);
  });
  return out;
}

/** |1 − value/expected| (0 when both are equal, including both 0). */
export function relativeError(value: number, expected: number): number {
  if (value === expected) return 0;
  if (expected === 0) return Infinity;
  return Math.abs(1 - value / expected);
}
