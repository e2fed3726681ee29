// What `heron features` writes once every case has an outcome, the same for a local run and a queued one: the
// cases in the cohort's order, failures named, and the settings beside the CSV.
import { writeFile } from 'node:fs/promises';
import { type ExtractionSettings, formatCohortCsv } from '@heron/models';
import type { CaseOutcome } from './cohort-task';
import type { CaseResult } from './cohort-case';

/** One cohort row: its cells by column name. */
export type CohortRow = Record<string, string>;

/**
 * Writes the features of the cases that succeeded and returns the exit code: 0 when every case was written, 1 when
 * some were skipped (each named on stderr). Every case failing is an error: there is nothing to write.
 */
export async function writeCohortOutput(
  rows: CohortRow[],
  outcomes: CaseOutcome[],
  settings: ExtractionSettings,
  outPath: string,
): Promise<number> {
  const out: CaseResult[] = [];
  const failures: string[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    if ('error' in outcome) {
      failures.push(`case ${rows[i].case_id}: ${outcome.error}`);
      continue;
    }
    if (out.length && outcome.values.size !== out[0].values.size) {
      const message = `case ${outcome.id}: gave ${outcome.values.size} features, the first case ${out[0].values.size}`;
      failures.push(message);
      console.error(`skipped ${message}`);
      continue;
    }
    out.push(outcome);
  }
  if (out.length === 0) throw new Error('every case failed; nothing written');
  await writeFile(outPath, formatCohortCsv(out));
  const settingsOut = outPath.replace(/\.csv$/, '') + '.settings.json';
  await writeFile(settingsOut, JSON.stringify(settings, null, 2) + '\n');
  console.log(
    `${out.length} cases x ${out[0].values.size} features written to ${outPath} (settings: ${settingsOut}); ${failures.length} skipped`,
  );
  return failures.length ? 1 : 0;
}

/** A progress bar on a terminal; nothing when stderr is a file or a pipe. */
export function showProgress(done: number, total: number, failed: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? `, ${failed} failed` : ''}`,
  );
  if (done === total) process.stderr.write('\n');
}
