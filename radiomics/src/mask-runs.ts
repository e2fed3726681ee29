// Binary masks as run lengths, alternating outside/inside and starting outside: how an outline travels from the
// viewer to the server. A tumour outline is a few hundred runs where the raw mask of a breast volume is megabytes.

export function encodeMaskRuns(mask: ArrayLike<number>): number[] {
  const runs: number[] = [];
  let inside = false;
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    const v = mask[i] !== 0;
    if (v !== inside) {
      runs.push(n);
      n = 0;
      inside = v;
    }
    n++;
  }
  runs.push(n);
  return runs;
}

/** The mask of `count` voxels the runs describe (1 inside); runs that do not add up to `count` are an error. */
export function decodeMaskRuns(runs: readonly number[], count: number): Uint8Array {
  let total = 0;
  for (const r of runs) {
    if (!Number.isInteger(r) || r < 0) throw new Error(`mask runs must be non-negative integers, got ${r}`);
    total += r;
  }
  if (total !== count) throw new Error(`the mask runs cover ${total} voxels, the grid has ${count}`);
  const data = new Uint8Array(count);
  let at = 0;
  runs.forEach((r, k) => {
    if (k % 2 === 1) data.fill(1, at, at + r);
    at += r;
  });
  return data;
}
