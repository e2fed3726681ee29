// Node-side API: read volumes and parameter files from disk, extract features from files, and extract on several
// cores (ExtractionPool, worker threads).
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { basename } from 'node:path';
import { extractFeatures, type ExtractOptions, type FeatureMap } from './extractor';
import { nrrdHeader } from './io/nrrd-writer';
import { parseVolume } from './io/parse-volume';
import { defaultParams, parseParams, type ExtractionParams } from './params';
import type { Volume } from './volume';

export * from './index';
export { ExtractionPool } from './parallel/extraction-pool';

export async function readVolumeFile(path: string): Promise<Volume> {
  return parseVolume(await readBytes(path), basename(path));
}

/** Writes `volume` as a gzip-encoded NRRD file with its grid in LPS patient space (readable by readVolumeFile, 3D Slicer, ITK). */
export async function writeNrrdFile(path: string, volume: Volume): Promise<void> {
  const voxels = new Uint8Array(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
  const header = new TextEncoder().encode(nrrdHeader(volume, 'gzip'));
  const body = gzipSync(voxels);
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  await writeFile(path, out);
}

export async function readParamsFile(path: string): Promise<ExtractionParams> {
  const bytes = await readBytes(path);
  return parseParams(new TextDecoder().decode(bytes), basename(path));
}

export async function extractFromFiles(
  imagePath: string,
  maskPath: string,
  paramsPath?: string,
  options: ExtractOptions = {},
): Promise<FeatureMap> {
  const [image, mask, params] = await Promise.all([
    readVolumeFile(imagePath),
    readVolumeFile(maskPath),
    paramsPath ? readParamsFile(paramsPath) : Promise.resolve(defaultParams()),
  ]);
  return extractFeatures(image, mask, params, options);
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}
