// heron-radiomics extract --image F --mask F [--params F] [--label N] --out F.csv [--repeat N] [--threads N]
// Writes `feature,value` rows (17 significant digits). With --repeat N the extraction runs N times in this process
// and the last stderr line is {"extractMs": <median>}, timed from loaded volumes to the finished feature map.
// --threads N computes image types (each LoG sigma, groups of wavelet bands) on N threads; default: every core.
// heron-radiomics ibsi --image F --mask F [--params F] [--label N] --out F.csv
// Writes the IBSI 1 features as `family,feature,ibsi_code,aggregation,variant,value` rows; the parameter file gives
// the label and the discretisation (binCount, else binWidth; without a file, bin width 1).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { FeatureMap } from '../extractor';
import { formatFeatureCsv } from '../feature-csv';
import { readParamsFile, readVolumeFile } from '../node';
import { formatIbsiCsv } from '../ibsi/ibsi-csv';
import { ibsiFeatures } from '../ibsi/ibsi-features';
import { ExtractionPool } from '../parallel/extraction-pool';
import { defaultParams } from '../params';

const USAGE =
  'heron-radiomics extract --image F --mask F [--params F] [--label N] --out F.csv [--repeat N] [--threads N]\n' +
  '       heron-radiomics ibsi --image F --mask F [--params F] [--label N] --out F.csv';

class UsageError extends Error {}

/** Where the command writes its messages (stdout and stderr lines). */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const CONSOLE: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

export async function main(argv: string[], io: CliOutput = CONSOLE): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(
      `usage: ${USAGE}\n\nExtracts PyRadiomics-compatible features (extract) or IBSI 1 features (ibsi) from a NRRD or NIfTI image and mask.`,
    );
    return command ? 0 : 2;
  }
  try {
    if (command === 'extract') await extract(rest, io);
    else if (command === 'ibsi') await ibsi(rest);
    else throw new UsageError(`unknown command '${command}'`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`heron-radiomics: ${error.message}\nusage: ${USAGE}`);
      return 2;
    }
    io.err(`heron-radiomics: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

interface ImageMaskOptions {
  image: string;
  mask: string;
  out: string;
  params?: string;
  label?: string;
  repeat?: string;
  threads?: string;
}

/** The options both commands take (--image, --mask, --out required; --params, --label; --repeat, --threads for extract). */
function imageMaskOptions(argv: string[], forExtract: boolean): ImageMaskOptions {
  const names = ['image', 'mask', 'params', 'label', 'out', ...(forExtract ? ['repeat', 'threads'] : [])];
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const [image, mask, out] = [text('image'), text('mask'), text('out')];
  if (!image || !mask || !out) throw new UsageError('--image, --mask and --out are required');
  return {
    image,
    mask,
    out,
    params: text('params'),
    label: text('label'),
    repeat: text('repeat'),
    threads: text('threads'),
  };
}

async function extract(argv: string[], io: CliOutput): Promise<void> {
  const values = imageMaskOptions(argv, true);
  const { image: imagePath, mask: maskPath, out } = values;
  const label = values.label === undefined ? undefined : positiveInteger(values.label, '--label');
  const repeat = values.repeat === undefined ? 1 : positiveInteger(values.repeat, '--repeat');
  const pool = new ExtractionPool(
    values.threads === undefined ? undefined : positiveInteger(values.threads, '--threads'),
  );

  const [image, mask, params] = await Promise.all([
    readVolumeFile(imagePath),
    readVolumeFile(maskPath),
    values.params ? readParamsFile(values.params) : Promise.resolve(defaultParams()),
  ]);
  const timings: number[] = [];
  let features: FeatureMap = new Map();
  try {
    for (let run = 0; run < repeat; run++) {
      const start = performance.now();
      features = await pool.extract(image, mask, params, { label });
      timings.push(performance.now() - start);
    }
  } finally {
    await pool.close();
  }
  await writeFile(out, formatFeatureCsv(features));
  if (values.repeat !== undefined) io.err(JSON.stringify({ extractMs: median(timings) }));
}

async function ibsi(argv: string[]): Promise<void> {
  const values = imageMaskOptions(argv, false);
  const { image: imagePath, mask: maskPath, out } = values;
  const [image, mask, params] = await Promise.all([
    readVolumeFile(imagePath),
    readVolumeFile(maskPath),
    values.params ? readParamsFile(values.params) : Promise.resolve(null),
  ]);
  const label = values.label === undefined ? params?.settings.label : positiveInteger(values.label, '--label');
  const discretisation = !params
    ? undefined
    : params.settings.binCount !== null
      ? { binCount: params.settings.binCount }
      : { binWidth: params.settings.binWidth };
  await writeFile(out, formatIbsiCsv(ibsiFeatures(image, mask, { label, discretisation })));
}

function positiveInteger(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} must be a positive integer, got '${text}'`);
  return n;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}
