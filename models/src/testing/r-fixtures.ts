// Reads the R reference fixtures of models/fixtures/r (written by models/fixtures/make-r-fixtures.R): CSV inputs
// and JSON expected values. Test-only; R itself is not needed to read them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../train/table';

export const R_FIXTURES = fileURLToPath(new URL('../../fixtures/r/', import.meta.url));

export function rFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(R_FIXTURES, name), 'utf8')) as T;
}

/** The columns of a fixture CSV by name, as numbers. */
export function rTable(name: string): Record<string, Float64Array> {
  const { header, rows } = readCsv(readFileSync(join(R_FIXTURES, name), 'utf8'), name);
  return Object.fromEntries(header.map((h, c) => [h, Float64Array.from(rows, (r) => Number(r[c]))]));
}

/** |actual - expected| <= tol * max(1, |expected|), or tol * |expected| when `relative`. */
export function expectClose(actual: number, expected: number, tol: number, relative = false): void {
  const scale = relative ? Math.abs(expected) : Math.max(1, Math.abs(expected));
  const err = Math.abs(actual - expected);
  if (!(err <= tol * scale))
    throw new Error(`expected ${expected}, got ${actual} (error ${err}, tolerance ${tol * scale})`);
}
