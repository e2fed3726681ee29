// Format detection for volume files held in memory: NRRD (raw or gzip encoded) and NIfTI (.nii, or .nii.gz).
import type { Volume } from '../volume';
import { gunzip, isGzip } from './gzip';
import { niftiLayout, parseNifti } from './nifti';
import { isNrrd, parseNrrd } from './nrrd';

/** Parses the bytes of a NRRD or NIfTI file; `what` names the file in error messages. */
export async function parseVolume(bytes: Uint8Array, what: string): Promise<Volume> {
  if (bytes.length === 0) throw new Error(`${what}: the file is empty`);
  if (isNrrd(bytes)) return parseNrrd(bytes, what);
  const plain = isGzip(bytes) ? await gunzip(bytes, what) : bytes;
  if (niftiLayout(plain)) return parseNifti(plain, what);
  throw new Error(`${what}: not a NRRD or NIfTI file`);
}
