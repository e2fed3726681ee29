// Node-side API: read volumes and parameter files from disk, extract features from files, and extract on several
// cores (ExtractionPool, worker threads).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { extractFeatures, type ExtractOptions, type FeatureMap } from './extractor';
import { parseVolume } from './io/parse-volume';
import { defaultParams, parseParams, type ExtractionParams } from './params';
import type { Volume } from './volume';

export * from './index';
export { ExtractionPool } from './parallel/extraction-pool';

export async function readVolumeFile(path: string): Promise<Volume> {
  return parseVolume(await readBytes(path), basename(path));
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
