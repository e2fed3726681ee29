// Prints how long the generator takes: one standard study (all series, generated and written) and a training
// cohort of cropped in-memory cases. Usage:
//   node --import tsx phantom/scripts/benchmark.ts [--cases 300] [--margin 5] [--skip-standard]
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePhantom, writePhantomStudy } from '../src/index';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '300' },
    margin: { type: 'string', default: '5' },
    'skip-standard': { type: 'boolean', default: false },
  },
});

function diskBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum + (entry.isDirectory() ? diskBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size),
    0,
  );
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

if (!values['skip-standard']) {
  const dir = mkdtempSync(join(tmpdir(), 'phantom-benchmark-'));
  let t = performance.now();
  const study = generatePhantom({ seed: 1 });
  console.log(`standard study: generated in ${seconds(t)} s`);
  t = performance.now();
  const written = await writePhantomStudy(study, dir);
  console.log(
    `standard study: ${written.files.length} files written in ${seconds(t)} s, ${(diskBytes(dir) / 2 ** 20).toFixed(0)} MiB on disk`,
  );
  rmSync(dir, { recursive: true, force: true });
}

const cases = Number(values.cases);
const margin = Number(values.margin);
const t = performance.now();
const cpu = process.cpuUsage();
let voxels = 0;
let positives = 0;
for (let seed = 1000; seed < 1000 + cases; seed++) {
  const study = generatePhantom({ seed, crop: { marginMm: margin } });
  voxels += study.mask.data.length;
  if (study.tumour.her2 === 'positive') positives++;
}
const cpuSeconds = (process.cpuUsage(cpu).user / 1e6).toFixed(1);
console.log(
  `${cases} cropped cases (margin ${margin} mm, all sequences, in memory): ${seconds(t)} s (${cpuSeconds} s CPU), ` +
    `${(voxels / cases / 1000).toFixed(0)} k DCE voxels per case on average, ${positives} HER2-positive`,
);
