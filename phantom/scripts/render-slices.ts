// Renders one axial slice through the tumour of every sequence, side by side on the DCE slice's grid, so a
// person can judge whether the phantom looks like breast MRI. Usage:
//   node --import tsx phantom/scripts/render-slices.ts --seed 1 [--size compact] [--her2 positive] [--out /tmp/phantom-render]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePhantom, type Volume } from '../src/index';
import { patientToIndex, voxelToPatient } from '../src/volume';
import { greyPng } from './png';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    size: { type: 'string', default: 'standard' },
    her2: { type: 'string' },
    out: { type: 'string', default: '/tmp/phantom-render' },
    z: { type: 'string' },
  },
});
const started = performance.now();
const study = generatePhantom({
  seed: Number(values.seed),
  size: values.size as 'standard' | 'compact',
  her2: values.her2 as 'positive' | 'negative' | undefined,
});
console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(JSON.stringify(study.tumour));

const reference = study.dce.phases[0];
const z = values.z !== undefined ? Number(values.z) : study.tumourCentre[2];
const k = Math.round(patientToIndex(reference, [0, 0, z])[2]);
const [width, height] = reference.size;

/** The slice k of the DCE grid sampled (nearest neighbour) from any volume in the same frame of reference. */
function slice(v: Volume, transform: (value: number, i: number) => number = (x) => x): Float64Array {
  const out = new Float64Array(width * height);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const p = voxelToPatient(reference, i, j, k);
      const c = patientToIndex(v, p).map(Math.round);
      const inside = c.every((x, a) => x >= 0 && x < v.size[a]);
      out[i + width * j] = inside ? transform(v.data[c[0] + v.size[0] * (c[1] + v.size[1] * c[2])], i + width * j) : 0;
    }
  }
  return out;
}

function windowed(values: Float64Array, low = 0.005, high = 0.995): Uint8Array {
  const sorted = Float64Array.from(values).sort();
  const lo = sorted[Math.floor(low * (sorted.length - 1))];
  const hi = Math.max(lo + 1, sorted[Math.floor(high * (sorted.length - 1))]);
  return Uint8Array.from(values, (v) => Math.max(0, Math.min(255, ((v - lo) / (hi - lo)) * 255)));
}

const pre = slice(study.dce.phases[0]);
const post1 = slice(study.dce.phases[1]);
const mask = slice(study.mask);
const panels: Array<[string, Uint8Array]> = [
  ['dce-pre', windowed(pre)],
  ['dce-post1', windowed(post1)],
  [
    'subtraction',
    windowed(
      post1.map((v, i) => v - pre[i]),
      0.01,
      0.999,
    ),
  ],
  ['dce-post5', windowed(slice(study.dce.phases[5]))],
  ['t2', windowed(slice(study.t2))],
  ['dwi-b800', windowed(slice(study.dwi.images[1]), 0.005, 0.998)],
  ['adc', windowed(slice(study.adc), 0.0, 0.99)],
  ['mask', Uint8Array.from(post1, (v, i) => (mask[i] ? 255 : Math.min(255, v / 8)))],
];
mkdirSync(values.out, { recursive: true });
const columns = 4;
const rows = Math.ceil(panels.length / columns);
const mosaic = new Uint8Array(width * columns * height * rows);
panels.forEach(([name, pixels], n) => {
  writeFileSync(join(values.out, `${name}.png`), greyPng(width, height, pixels));
  const ox = (n % columns) * width;
  const oy = Math.floor(n / columns) * height;
  for (let j = 0; j < height; j++)
    mosaic.set(pixels.subarray(j * width, (j + 1) * width), (oy + j) * width * columns + ox);
});
writeFileSync(join(values.out, 'mosaic.png'), greyPng(width * columns, height * rows, mosaic));
console.log(`slice k=${k} (z=${z.toFixed(1)} mm) written to ${values.out}`);
