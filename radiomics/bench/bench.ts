// Extraction speed on ../shared/reference/bench (bench_t25, bench_t50) with params_original.yaml, once the JIT has
// warmed up as in a long-running server: median and minimum of several runs from loaded volumes to the finished
// feature map, CPU time, features per second, speed-up over the PyRadiomics figures in that folder's README, and the
// process's peak resident memory.
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { extractFeatures } from '../src/extractor';
import { readParamsFile, readVolumeFile } from '../src/node';
import { REFERENCE_DIR } from '../src/testing/reference';

const RUNS = 15;
const WARM_UP = 10;
const BENCH_DIR = `${REFERENCE_DIR}bench/`;

/** PyRadiomics seconds for the "Original" column of the README's timing table, per case. */
function pyradiomicsSeconds(): Map<string, number> {
  const readme = readFileSync(`${BENCH_DIR}README.md`, 'utf8');
  const out = new Map<string, number>();
  for (const match of readme.matchAll(/^\|\s*(bench_t\d+)\s*\|\s*([\d.]+)\s*s\s*\|/gm)) out.set(match[1], Number(match[2]));
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

const reference = pyradiomicsSeconds();
let loadedRss = 0;
const params = await readParamsFile(`${BENCH_DIR}params_original.yaml`);
console.log('case       ROI voxels  features  median ms  min ms  CPU ms  features/s  PyRadiomics  speed-up');
for (const name of ['bench_t25', 'bench_t50']) {
  const [image, mask] = await Promise.all([
    readVolumeFile(`${BENCH_DIR}${name}_image.nrrd`),
    readVolumeFile(`${BENCH_DIR}${name}_label.nrrd`),
  ]);
  loadedRss = process.memoryUsage().rss;
  let roiVoxels = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i] === params.settings.label) roiVoxels++;
  const timings: number[] = [];
  const cpu: number[] = [];
  let count = 0;
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    count = extractFeatures(image, mask, params).size;
    const used = process.cpuUsage(startCpu);
    if (run >= WARM_UP) {
      timings.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const ms = median(timings);
  const pyradiomics = reference.get(name);
  console.log(
    [
      name.padEnd(10),
      String(roiVoxels).padStart(10),
      String(count).padStart(9),
      ms.toFixed(1).padStart(10),
      Math.min(...timings).toFixed(1).padStart(7),
      median(cpu).toFixed(1).padStart(7),
      Math.round((count * 1000) / ms).toString().padStart(11),
      (pyradiomics ? `${pyradiomics.toFixed(2)} s` : 'n/a').padStart(12),
      (pyradiomics ? `${((pyradiomics * 1000) / ms).toFixed(1)}x` : 'n/a').padStart(9),
    ].join(' '),
  );
}
console.log(
  `peak resident memory: ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB, of which ${(loadedRss / 2 ** 20).toFixed(0)} MB ` +
    `after loading bench_t50 (${RUNS} runs per case after ${WARM_UP} warm-up; CPU ms counts every thread, GC included)`,
);
