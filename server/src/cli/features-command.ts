// `heron features`: batch feature extraction for training. Each cohort row names a case: image files per sequence
// plus a mask (NRRD/NIfTI), or a phantom seed. A failing case is reported and skipped; the rest are written.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { caseFeatures, DEMO_SETTINGS, type ExtractionSettings, formatCohortCsv, parseExtractionSettings } from '@heron/models';
import { generatePhantom } from '@heron/phantom';
import { readVolumeFile } from '@heron/radiomics/node';
import type { Volume } from '@heron/radiomics';
import { type Command, parseOptions, UsageError } from './command';

function parse(argv: string[]) {
  return parseOptions(argv, { cohort: { type: 'string' }, out: { type: 'string' }, settings: { type: 'string' } });
}

function csvRows(text: string, what: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new Error(`${what}: needs a header and at least one case`);
  const header = lines[0].split(',').map((s) => s.trim());
  if (header[0] !== 'case_id') throw new Error(`${what}: the first column must be case_id`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((s) => s.trim());
    if (cells.length !== header.length) throw new Error(`${what}, line ${i + 2}: ${cells.length} cells, the header has ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
  });
}

/** Images of a phantom case in the demo's sequence names. */
export function phantomImages(seed: number, her2?: 'positive' | 'negative'): { images: Record<string, Volume>; mask: Volume; her2: string } {
  const study = generatePhantom({ seed, her2, crop: { marginMm: 10 } });
  return { images: { DCE2: study.dce.phases[2], T2: study.t2, DWI: study.dwi.images[1], ADC: study.adc }, mask: study.mask, her2: study.tumour.her2 };
}

function progress(done: number, total: number, failed: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? `, ${failed} failed` : ''}`);
  if (done === total) process.stderr.write('\n');
}

export const featuresCommand: Command = {
  name: 'features',
  summary: 'extract the radiomics features of a cohort (images + masks, or phantom seeds) into a CSV for training',
  usage:
    'heron features --cohort cohort.csv --out features.csv [--settings settings.json]\n' +
    '  cohort.csv: case_id,label,mask,<SEQUENCE>... (file paths, relative to the CSV) or case_id[,label],phantom_seed',
  async run(argv) {
    const v = parse(argv);
    if (!v.cohort) throw new UsageError('--cohort cohort.csv is required');
    if (!v.out) throw new UsageError('--out features.csv is required');
    const settings: ExtractionSettings = v.settings ? parseExtractionSettings(parseJson(await readFile(v.settings, 'utf8'), v.settings), v.settings) : DEMO_SETTINGS;
    const rows = csvRows(await readFile(v.cohort, 'utf8'), v.cohort);
    const base = dirname(resolve(v.cohort));
    const out: { id: string; label?: number; values: Map<string, number> }[] = [];
    const failures: string[] = [];
    for (const [i, row] of rows.entries()) {
      try {
        let label = row.label === undefined || row.label === '' ? undefined : Number(row.label);
        if (label !== undefined && label !== 0 && label !== 1) throw new Error(`label must be 0 or 1, got '${row.label}'`);
        let images: Record<string, Volume>;
        let mask: Volume;
        if (row.phantom_seed !== undefined) {
          const seed = Number(row.phantom_seed);
          if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`phantom_seed must be a non-negative integer, got '${row.phantom_seed}'`);
          const phantom = phantomImages(seed, label === undefined ? undefined : label === 1 ? 'positive' : 'negative');
          ({ images, mask } = phantom);
          // Without a label the phantom draws the status itself (30 % positive); its ground truth is the label.
          label ??= phantom.her2 === 'positive' ? 1 : 0;
        } else {
          if (!row.mask) throw new Error('no mask column');
          mask = await readVolumeFile(resolve(base, row.mask));
          images = {};
          for (const sequence of Object.keys(settings.sequences)) {
            if (!row[sequence]) throw new Error(`no image for sequence ${sequence}`);
            images[sequence] = await readVolumeFile(resolve(base, row[sequence]));
          }
        }
        const values = caseFeatures(images, mask, settings);
        if (out.length && values.size !== out[0].values.size) throw new Error(`gave ${values.size} features, the first case ${out[0].values.size}`);
        out.push({ id: row.case_id, label, values });
      } catch (err) {
        const message = `case ${row.case_id}: ${err instanceof Error ? err.message : String(err)}`;
        failures.push(message);
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.error(`skipped ${message}`);
      }
      progress(i + 1, rows.length, failures.length);
    }
    if (out.length === 0) throw new Error('every case failed; nothing written');
    await writeFile(v.out, formatCohortCsv(out));
    const settingsOut = v.out.replace(/\.csv$/, '') + '.settings.json';
    await writeFile(settingsOut, JSON.stringify(settings, null, 2) + '\n');
    console.log(`${out.length} cases x ${out[0].values.size} features written to ${v.out} (settings: ${settingsOut}); ${failures.length} skipped`);
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
