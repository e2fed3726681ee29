// `heron features`: batch feature extraction for training. Each cohort row names a case: image files per sequence
// plus a mask (NRRD/NIfTI), or a phantom seed. A failing case is reported and skipped; the rest are written, in the
// cohort's order. `--jobs N` computes N cases at a time on worker threads; `--queue` spreads them over the
// `heron worker`s of a Redis (src/batch/). Every way calls the same per-case task (cohort-task.ts) and writes through
// the same function (cohort-output.ts), so the file does not depend on how it was computed.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEMO_SETTINGS, type ExtractionSettings, parseExtractionSettings, readCsv } from '@heron/models';
import { queuedCohort } from '../batch/queued-cohort';
import { type CohortRow, showProgress, writeCohortOutput } from './cohort-output';
import caseTask, { type CaseOutcome } from './cohort-task';
import { caseThreads } from './cohort-threads';
import { type Command, parseOptions, UsageError } from './command';

function parse(argv: string[]) {
  return parseOptions(argv, {
    cohort: { type: 'string' },
    out: { type: 'string' },
    settings: { type: 'string' },
    jobs: { type: 'string' },
    queue: { type: 'boolean' },
    redis: { type: 'string' },
    prefix: { type: 'string' },
  });
}

/** The cohort's rows as records by column name; the first column must be case_id (one row per case). */
function cohortRows(text: string, what: string): CohortRow[] {
  const { header, rows } = readCsv(text, what);
  if (header[0] !== 'case_id') throw new Error(`${what}: the first column must be case_id`);
  return rows.map((cells) => Object.fromEntries(header.map((h, k) => [h, cells[k]])));
}

export const featuresCommand: Command = {
  name: 'features',
  summary: 'extract the radiomics features of a cohort (images + masks, or phantom seeds) into a CSV for training',
  usage:
    'heron features --cohort cohort.csv --out features.csv [--settings settings.json] [--jobs N | --queue [--redis URL] [--prefix P]]\n' +
    '  cohort.csv: case_id,label,mask,<SEQUENCE>... (file paths, relative to the CSV) or case_id[,label],phantom_seed\n' +
    '  instead of mask: point ("X,Y,Z" in LPS mm) with dce_pre,dce_post (files; phantom rows need none): the one-click proposal\n' +
    '  --queue: the cases are computed by `heron worker`s on Redis (--redis or HERON_REDIS_URL); the workers must see\n' +
    '  the cohort and its files at the same path. Run the same command again to resume: computed cases are kept a week.',
  async run(argv) {
    const v = parse(argv);
    if (!v.cohort) throw new UsageError('--cohort cohort.csv is required');
    if (!v.out) throw new UsageError('--out features.csv is required');
    const jobs = v.jobs === undefined ? 1 : Number(v.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, got '${v.jobs}'`);
    const redisUrl = v.redis ?? process.env.HERON_REDIS_URL;
    if (v.queue) {
      if (v.jobs !== undefined)
        throw new UsageError('--jobs and --queue exclude each other: the workers set their own');
      if (!redisUrl) throw new UsageError('--queue needs --redis redis://host:6379 or HERON_REDIS_URL');
      if (!/^rediss?:\/\//.test(redisUrl)) throw new UsageError(`--redis must start with redis:// or rediss://`);
      if (v.prefix !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(v.prefix))
        throw new UsageError('--prefix must be 1-32 letters, digits, - or _');
    } else if (v.redis !== undefined || v.prefix !== undefined) {
      throw new UsageError('--redis and --prefix only go with --queue');
    }
    const settings: ExtractionSettings = v.settings
      ? parseExtractionSettings(parseJson(await readFile(v.settings, 'utf8'), v.settings), v.settings)
      : DEMO_SETTINGS;
    const cohortText = await readFile(v.cohort, 'utf8');
    const rows = cohortRows(cohortText, v.cohort);
    let done = 0;
    let failed = 0;
    const finished = (index: number, outcome: CaseOutcome) => {
      done++;
      if ('error' in outcome) {
        failed++;
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.error(`skipped case ${rows[index].case_id}: ${outcome.error}`);
      }
      showProgress(done, rows.length, failed);
    };
    let outcomes: CaseOutcome[];
    if (v.queue) {
      // Absolute, so that a worker started elsewhere finds the files the rows name.
      const cohortPath = resolve(v.cohort);
      outcomes = await queuedCohort(
        rows,
        cohortPath,
        cohortText,
        settings,
        { url: redisUrl!, prefix: v.prefix ?? 'heron' },
        finished,
      );
    } else if (jobs === 1) {
      outcomes = [];
      for (const [i, row] of rows.entries()) {
        outcomes[i] = await caseTask({ row, cohortPath: v.cohort, settings });
        finished(i, outcomes[i]);
      }
    } else {
      outcomes = await inThreads(rows, v.cohort, settings, Math.min(jobs, rows.length), finished);
    }
    return writeCohortOutput(rows, outcomes, settings, v.out);
  },
};

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Computes the cases on `jobs` threads. A thread that dies loses its case: the command stops rather than write a partial cohort. */
async function inThreads(
  rows: CohortRow[],
  cohortPath: string,
  settings: ExtractionSettings,
  jobs: number,
  finished: (index: number, outcome: CaseOutcome) => void,
): Promise<CaseOutcome[]> {
  const threads = caseThreads(jobs);
  try {
    return await Promise.all(
      rows.map(async (row, i) => {
        const outcome = await threads.run({ row, cohortPath, settings });
        finished(i, outcome);
        return outcome;
      }),
    );
  } finally {
    await threads.close();
  }
}
