// `heron features`: batch feature extraction for training. Each cohort row names a case: image files per sequence
// plus a mask (NRRD/NIfTI), or a phantom seed. A failing case is reported and skipped; the rest are written, in the
// cohort's order. `--jobs N` computes N cases at a time on worker threads (the result does not depend on N).
import { readFile, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import {
  DEMO_SETTINGS,
  type ExtractionSettings,
  formatCohortCsv,
  parseExtractionSettings,
  readCsv,
} from '@heron/models';
import { type CaseResult, cohortCase } from './cohort-case';
import type { CaseReply, CaseRequest } from './cohort-worker';
import { type Command, parseOptions, UsageError } from './command';

function parse(argv: string[]) {
  return parseOptions(argv, {
    cohort: { type: 'string' },
    out: { type: 'string' },
    settings: { type: 'string' },
    jobs: { type: 'string' },
  });
}

/** The cohort's rows as records by column name; the first column must be case_id (one row per case). */
function cohortRows(text: string, what: string): Record<string, string>[] {
  const { header, rows } = readCsv(text, what);
  if (header[0] !== 'case_id') throw new Error(`${what}: the first column must be case_id`);
  return rows.map((cells) => Object.fromEntries(header.map((h, k) => [h, cells[k]])));
}

function progress(done: number, total: number, failed: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? `, ${failed} failed` : ''}`,
  );
  if (done === total) process.stderr.write('\n');
}

export const featuresCommand: Command = {
  name: 'features',
  summary: 'extract the radiomics features of a cohort (images + masks, or phantom seeds) into a CSV for training',
  usage:
    'heron features --cohort cohort.csv --out features.csv [--settings settings.json] [--jobs N]\n' +
    '  cohort.csv: case_id,label,mask,<SEQUENCE>... (file paths, relative to the CSV) or case_id[,label],phantom_seed\n' +
    '  instead of mask: point ("X,Y,Z" in LPS mm) with dce_pre,dce_post (files; phantom rows need none): the one-click proposal',
  async run(argv) {
    const v = parse(argv);
    if (!v.cohort) throw new UsageError('--cohort cohort.csv is required');
    if (!v.out) throw new UsageError('--out features.csv is required');
    const settings: ExtractionSettings = v.settings
      ? parseExtractionSettings(parseJson(await readFile(v.settings, 'utf8'), v.settings), v.settings)
      : DEMO_SETTINGS;
    const jobs = v.jobs === undefined ? 1 : Number(v.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, got '${v.jobs}'`);
    const rows = cohortRows(await readFile(v.cohort, 'utf8'), v.cohort);
    const results: (CaseResult | Error)[] = new Array(rows.length);
    let done = 0;
    let failed = 0;
    const finished = (index: number, result: CaseResult | Error) => {
      results[index] = result;
      done++;
      if (result instanceof Error) {
        failed++;
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.error(`skipped case ${rows[index].case_id}: ${result.message}`);
      }
      progress(done, rows.length, failed);
    };
    if (jobs === 1) {
      for (const [i, row] of rows.entries()) {
        try {
          finished(i, await cohortCase(row, v.cohort, settings));
        } catch (err) {
          finished(i, err instanceof Error ? err : new Error(String(err)));
        }
      }
    } else {
      await inWorkers(rows, v.cohort, settings, Math.min(jobs, rows.length), finished);
    }
    const out: CaseResult[] = [];
    const failures: string[] = [];
    for (const [i, result] of results.entries()) {
      if (result instanceof Error) {
        failures.push(`case ${rows[i].case_id}: ${result.message}`);
        continue;
      }
      if (out.length && result.values.size !== out[0].values.size) {
        const message = `case ${result.id}: gave ${result.values.size} features, the first case ${out[0].values.size}`;
        failures.push(message);
        console.error(`skipped ${message}`);
        continue;
      }
      out.push(result);
    }
    if (out.length === 0) throw new Error('every case failed; nothing written');
    await writeFile(v.out, formatCohortCsv(out));
    const settingsOut = v.out.replace(/\.csv$/, '') + '.settings.json';
    await writeFile(settingsOut, JSON.stringify(settings, null, 2) + '\n');
    console.log(
      `${out.length} cases x ${out[0].values.size} features written to ${v.out} (settings: ${settingsOut}); ${failures.length} skipped`,
    );
    return failures.length ? 1 : 0;
  },
};

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Computes the cases on `jobs` worker threads, each taking the next row when it is free. */
function inWorkers(
  rows: Record<string, string>[],
  cohortPath: string,
  settings: ExtractionSettings,
  jobs: number,
  finished: (index: number, result: CaseResult | Error) => void,
): Promise<void> {
  return new Promise((resolveAll, rejectAll) => {
    let next = 0;
    let running = jobs;
    let stopped = false;
    const workers: Worker[] = [];
    const stop = (error: Error) => {
      if (stopped) return;
      stopped = true;
      for (const w of workers) void w.terminate();
      rejectAll(error);
    };
    const entry = new URL('./cohort-worker-entry.mjs', import.meta.url);
    for (let w = 0; w < jobs; w++) {
      const worker = new Worker(entry);
      workers.push(worker);
      let current = -1;
      let ended = false;
      const send = () => {
        if (next >= rows.length) {
          ended = true;
          void worker.terminate();
          if (--running === 0 && !stopped) resolveAll();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, row: rows[current], cohortPath, settings } satisfies CaseRequest);
      };
      worker.on('message', (reply: CaseReply) => {
        finished(
          reply.index,
          'error' in reply ? new Error(reply.error) : { id: reply.id, label: reply.label, values: reply.values },
        );
        send();
      });
      // A worker that dies (out of memory, say) loses its case: the command stops rather than write a partial cohort.
      const died = (why: string) =>
        stop(new Error(`a feature worker stopped while computing case ${rows[current]?.case_id ?? '?'}: ${why}`));
      worker.on('error', (err) => died(err.message));
      worker.on('exit', (code) => {
        if (!ended && !stopped) died(`exit code ${code}`);
      });
      send();
    }
  });
}
