// Reading the CSV tables of `heron stats` and `heron icc`, and their column lists, with errors a researcher can act
// on (which file, which line, which column).
import { readFile, writeFile } from 'node:fs/promises';
import { readCsvCells } from '@heron/models';
import { UsageError } from './command';

export type Cells = { header: string[]; rows: string[][] };

export async function readCells(path: string, what: string): Promise<Cells> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the ${what} ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return readCsvCells(text, path);
}

/** A comma-separated list of column names from option `--name`, none empty, none repeated. */
export function columnList(value: string | undefined, option: string, min = 1): string[] {
  if (!value) throw new UsageError(`--${option} is required`);
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new UsageError(`--${option}: an empty column name in '${value}'`);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new UsageError(`--${option}: column '${dup}' is named twice`);
  if (names.length < min) throw new UsageError(`--${option} needs at least ${min} columns, got ${names.length}`);
  return names;
}

/** A finite number from option `--name`. */
export function numberOption(value: string, option: string): number {
  const v = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(v)) throw new UsageError(`--${option} must be a number, got '${value}'`);
  return v;
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value, null, 2) + '\n');
}
