// Decode time per transfer syntax for a real MR series (../shared/reference/real-dicom, IBSI STS_001: 59 slices of
// 174 x 158, 16-bit signed): the series is transcoded with DCMTK / GDCM into each syntax, then every file is read
// and its frame decoded as `heron analyze` does, three times; the best run is printed with the size on disk.
// Run: npm run bench -w @heron/dicom
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arrayBufferOf } from '../src/core/dcmjs';
import { part10Frames } from '../src/codecs/part10-frames';
import { TRANSCODINGS, transcodeFolder } from '../src/testing/transcode';

const REAL_MR = fileURLToPath(
  new URL('../../../shared/reference/real-dicom/ibsi-sts-mr/STS_001/image/', import.meta.url),
);
const RUNS = 3;

async function decodeAll(files: string[]): Promise<number> {
  const bytes = await Promise.all(files.map(async (f) => arrayBufferOf(await readFile(f))));
  const t = performance.now();
  for (let k = 0; k < files.length; k++) await part10Frames(bytes[k], [1], files[k]);
  return performance.now() - t;
}

const tmp = await mkdtemp(join(tmpdir(), 'heron-decode-bench-'));
try {
  const syntaxes: [string, string[]][] = [];
  syntaxes.push([
    'explicit-little-endian (original)',
    (await readdir(REAL_MR)).filter((f) => f.endsWith('.dcm')).map((f) => join(REAL_MR, f)),
  ]);
  for (const [name, t] of Object.entries(TRANSCODINGS))
    syntaxes.push([name, await transcodeFolder(REAL_MR, join(tmp, name), t)]);
  console.log('syntax                              files  MB on disk  decode ms (series)  ms per slice');
  for (const [name, files] of syntaxes) {
    const size = (await Promise.all(files.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0);
    await decodeAll(files); // first use loads the WebAssembly module
    let fastest = Infinity;
    for (let r = 0; r < RUNS; r++) fastest = Math.min(fastest, await decodeAll(files));
    console.log(
      `${name.padEnd(36)}${String(files.length).padStart(5)}${(size / 1e6).toFixed(2).padStart(12)}` +
        `${fastest.toFixed(1).padStart(20)}${(fastest / files.length).toFixed(2).padStart(14)}`,
    );
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}
