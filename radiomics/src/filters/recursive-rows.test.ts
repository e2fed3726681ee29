// The WebAssembly passes (along y/z, along x) are the TypeScript passes, bit for bit (odd and even widths, any kept range), and the
// committed module is what recursive-rows.wat assembles to.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { filterContiguousLines, filterLines, recursiveGaussian } from './recursive-gaussian';
import { passScratchBytes, RowsArena, samplesBytes } from './recursive-rows';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test.each([
  [9, 7, 0, 8, 1.5, 0],
  [40, 33, 10, 25, 3, 2],
  [25, 12, 24, 24, 0.7, 2],
  [4, 5, 0, 3, 2, 0],
  [60, 64, 0, 0, 5, 0],
])(
  'length %i, width %i, kept %i…%i, sigma %f, order %i: identical to filterLines',
  (length, width, first, last, sigma, order) => {
    const next = random(length * 100 + width);
    const lines = 3;
    const count = length * width * lines;
    const kept = last - first + 1;
    const arena = RowsArena.create(
      samplesBytes(count) + samplesBytes(kept * width * lines) + passScratchBytes(1, length, width),
    )!;
    expect(arena).toBeDefined();
    const input = arena.samples(count);
    for (let n = 0; n < count; n++) input[n] = Math.fround(next() * 2000 - 500);
    const c = recursiveGaussian(sigma, 0.7, order as 0 | 2, true);
    const wasm = arena.samples(kept * width * lines);
    const typescript = new Float32Array(kept * width * lines);
    const causal = new Float64Array(length * width);
    const anticausal = new Float64Array(4 * width);
    for (let l = 0; l < lines; l++) {
      // Lines along "y": sample t of line w at l·length·width + t·width + w.
      const from = { base: l * length * width, step: width, wStride: 1 };
      const to = { base: l * kept * width, step: width, wStride: 1 };
      arena.filterRows(c, input, from, length, width, wasm, to, first, last);
      filterLines(c, input, from, length, width, typescript, to, first, last, causal, anticausal);
    }
    expect(Array.from(wasm)).toEqual(Array.from(typescript));
  },
);

test.each([
  [9, 7, 0, 8, 1.5, 0],
  [40, 33, 10, 25, 3, 2],
  [25, 12, 24, 24, 0.7, 2],
  [4, 5, 0, 3, 2, 0],
  [60, 1, 0, 0, 5, 2],
  [6, 2, 5, 5, 1, 0],
])(
  'along x: length %i, width %i, kept %i…%i, sigma %f, order %i: identical to filterContiguousLines',
  (length, width, first, last, sigma, order) => {
    const next = random(length * 7 + width);
    const planes = 2;
    // Lines along x in a field `stride` samples wide (the line plus 3 unused samples), `width` lines per plane.
    const stride = length + 3;
    const count = stride * width * planes;
    const kept = last - first + 1;
    const arena = RowsArena.create(
      samplesBytes(count) + samplesBytes(kept * width * planes) + passScratchBytes(0, length, width),
    )!;
    const input = arena.samples(count);
    for (let n = 0; n < count; n++) input[n] = Math.fround(next() * 2000 - 500);
    const c = recursiveGaussian(sigma, 0.7, order as 0 | 2, true);
    const wasm = arena.samples(kept * width * planes);
    const typescript = new Float32Array(kept * width * planes);
    const causal = new Float64Array(length);
    for (let l = 0; l < planes; l++) {
      const from = { base: l * stride * width + 1, step: 1, wStride: stride };
      const to = { base: l * kept * width, step: 1, wStride: kept };
      arena.filterLines(c, input, from, length, width, wasm, to, first, last);
      filterContiguousLines(c, input, from, length, width, typescript, to, first, last, causal);
    }
    expect(Array.from(wasm)).toEqual(Array.from(typescript));
  },
);

test('the committed module is what recursive-rows.wat assembles to', () => {
  const script = fileURLToPath(new URL('../../../scripts/build-recursive-rows.mjs', import.meta.url));
  expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
});

test('an arena refuses what it has no room for', () => {
  const arena = RowsArena.create(samplesBytes(64))!;
  expect(() => arena.samples(2 ** 28)).toThrow(/out of reserved memory/);
});
