// File-system edge of @heron/models: reading and writing model packages (models/<id>/).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackageFiles } from './build-package';
import { loadModelPackage, type ModelPackage } from './model-package';

export * from './index';

export async function readModelPackage(dir: string, options: { checkEngine?: boolean } = {}): Promise<ModelPackage> {
  let manifestText: string;
  let onnx: Uint8Array;
  try {
    manifestText = await readFile(join(dir, 'manifest.json'), 'utf8');
    onnx = new Uint8Array(await readFile(join(dir, 'model.onnx')));
  } catch (err) {
    throw new Error(`cannot read the model package in ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(manifestText);
  } catch (err) {
    throw new Error(
      `${join(dir, 'manifest.json')} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return loadModelPackage(raw, onnx, options);
}

export async function writeModelPackage(dir: string, files: PackageFiles): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written = [join(dir, 'model.onnx')];
  await writeFile(written[0], files.onnx);
  for (const [name, text] of Object.entries(files.text)) {
    const path = join(dir, name);
    await writeFile(path, text);
    written.push(path);
  }
  return written;
}
