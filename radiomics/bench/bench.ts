// Extraction speed on ../shared/reference/bench (bench_t25, bench_t50), once the JIT has warmed up as in a
// long-running server: median and minimum of several runs from loaded volumes to the finished feature map, CPU time,
// features per second and speed-up over the PyRadiomics figures in that folder's README, for params_original.yaml
// (107 features) and params_full.yaml (Original + LoG σ 1–5 mm + Wavelet, 1316 features), on one thread and on the
// extraction pool's threads (one per core); for the full set also the time per image type (filter and classes) and per
// feature class on one thread, and the peak resident memory of the `heron-radiomics` CLI extracting bench_t50 with
// it (/usr/bin/time -v). The machine may be shared: CPU time (all threads) is the steadier figure.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { extractFeatures, type TimingStep } from '../src/extractor';
import { readParamsFile, readVolumeFile } from '../src/node';
import { ExtractionPool } from '../src/parallel/extraction-pool';
import type { ExtractionParams } from '../src/params';
import { REFERENCE_DIR } from '../src/testing/reference';
import type { Volume } from '../src/volume';

const BENCH_DIR = `${REFERENCE_DIR}bench/`;
const CASES = ['bench_t25', 'bench_t50'];
const CLI = fileURLToPath(new URL('../bin/heron-radiomics.mjs', import.meta.url));

/** PyRadiomics seconds from the README's timing table, per case, for the column of `column` (0 = Original). */
function pyradiomicsSeconds(column: number): Map<string, number> {
  const readme = readFileSync(`${BENCH_DIR}README.md`, 'utf8');
  const out = new Map<string, number>();
  for (const match of readme.matchAll(/^\|\s*(bench_t\d+)\s*\|(.*)$/gm)) {
    const cells = match[2].split('|').map((cell) => Number.parseFloat(cell));
    if (Number.isFinite(cells[column])) out.set(match[1], cells[column]);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

interface Run {
  ms: number;
  cpuMs: number;
  count: number;
  steps: TimingStep[];
}

const THREADS = availableParallelism();
const pool = new ExtractionPool(THREADS);

async function run(image: Volume, mask: Volume, params: ExtractionParams, threads: number): Promise<Run> {
  const steps: TimingStep[] = [];
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const onTiming = (step: TimingStep) => steps.push(step);
  const count = (
    threads === 1
      ? extractFeatures(image, mask, params, { onTiming })
      : await pool.extract(image, mask, params, { onTiming })
  ).size;
  const used = process.cpuUsage(startCpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, count, steps };
}

const volumes = new Map<string, [Volume, Volume]>();
async function loadCase(name: string): Promise<[Volume, Volume]> {
  if (!volumes.has(name)) {
    volumes.set(
      name,
      await Promise.all([
        readVolumeFile(`${BENCH_DIR}${name}_image.nrrd`),
        readVolumeFile(`${BENCH_DIR}${name}_label.nrrd`),
      ]),
    );
  }
  return volumes.get(name)!;
}

/** Times one parameter file on both cases; returns the timed runs per case. */
async function table(
  file: string,
  column: number,
  warmUp: number,
  runs: number,
  threads: number,
): Promise<Map<string, Run[]>> {
  const params = await readParamsFile(`${BENCH_DIR}${file}`);
  const reference = pyradiomicsSeconds(column);
  const out = new Map<string, Run[]>();
  console.log(
    `\n${file}, ${threads === 1 ? '1 thread' : `${threads} threads`}: ${runs} runs per case after ${warmUp} warm-up`,
  );
  console.log('case       ROI voxels  features  median ms  min ms  CPU ms  features/s  PyRadiomics  speed-up');
  for (const name of CASES) {
    const [image, mask] = await loadCase(name);
    let roiVoxels = 0;
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i] === params.settings.label) roiVoxels++;
    const timed: Run[] = [];
    for (let k = 0; k < warmUp + runs; k++) {
      const result = await run(image, mask, params, threads);
      if (k >= warmUp) timed.push(result);
    }
    out.set(name, timed);
    const ms = median(timed.map((r) => r.ms));
    const pyradiomics = reference.get(name);
    console.log(
      [
        name.padEnd(10),
        String(roiVoxels).padStart(10),
        String(timed[0].count).padStart(9),
        ms.toFixed(1).padStart(10),
        Math.min(...timed.map((r) => r.ms))
          .toFixed(1)
          .padStart(7),
        median(timed.map((r) => r.cpuMs))
          .toFixed(1)
          .padStart(7),
        Math.round((timed[0].count * 1000) / ms)
          .toString()
          .padStart(11),
        (pyradiomics ? `${pyradiomics.toFixed(2)} s` : 'n/a').padStart(12),
        (pyradiomics ? `${((pyradiomics * 1000) / ms).toFixed(1)}x` : 'n/a').padStart(9),
      ].join(' '),
    );
  }
  return out;
}

/** Median over runs of the summed step times grouped by `key`. */
function breakdown(runs: Run[], key: (step: TimingStep) => string): Map<string, number> {
  const perRun = runs.map((r) => {
    const sums = new Map<string, number>();
    for (const step of r.steps) sums.set(key(step), (sums.get(key(step)) ?? 0) + step.ms);
    return sums;
  });
  return new Map([...perRun[0].keys()].map((k) => [k, median(perRun.map((sums) => sums.get(k) ?? 0))]));
}

function printBreakdown(title: string, runs: Map<string, Run[]>, key: (step: TimingStep) => string): void {
  const tables = CASES.map((name) => breakdown(runs.get(name)!, key));
  console.log(`\n${title.padEnd(32)}${CASES.map((c) => `${c} ms`.padStart(14)).join('')}`);
  for (const k of tables[0].keys())
    console.log(`${k.padEnd(32)}${tables.map((t) => (t.get(k) ?? 0).toFixed(1).padStart(14)).join('')}`);
}

/** Peak resident memory (MB) of the CLI extracting `name` with `file`, measured by /usr/bin/time -v. */
function cliPeakMb(name: string, file: string): number {
  const args = [
    '-v',
    process.execPath,
    CLI,
    'extract',
    '--image',
    `${BENCH_DIR}${name}_image.nrrd`,
    '--mask',
    `${BENCH_DIR}${name}_label.nrrd`,
  ];
  const result = spawnSync(
    '/usr/bin/time',
    [...args, '--params', `${BENCH_DIR}${file}`, '--out', `${tmpdir()}/heron-bench-${process.pid}.csv`],
    {
      encoding: 'utf8',
    },
  );
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !match) throw new Error(`CLI run failed: ${result.stderr}`);
  return Number(match[1]) / 1024;
}

await table('params_original.yaml', 0, 10, 15, 1);
const full = await table('params_full.yaml', 2, 2, 5, 1);
// Every worker thread warms up its own JIT on whichever parts it is handed, so the pool needs more warm-up runs.
if (THREADS > 1) await table('params_full.yaml', 2, 10, 9, THREADS);
await pool.close();
printBreakdown(
  'full, 1 thread: per image type',
  full,
  (step) => `${step.imageType}${step.stage === 'filter' ? ' (filter)' : ''}`,
);
printBreakdown('full, 1 thread: per class', full, (step) => step.stage);
console.log(
  `\nbench process peak resident memory: ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB (CPU ms counts every thread, GC included)`,
);
console.log(
  `CLI peak resident memory, bench_t50 with params_full.yaml: ${cliPeakMb('bench_t50', 'params_full.yaml').toFixed(0)} MB`,
);
