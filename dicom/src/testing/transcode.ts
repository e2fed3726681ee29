/**
 * Real DICOM files rewritten in another transfer syntax by independent tools — DCMTK (dcmconv, dcmcrle, dcmcjpeg,
 * dcmcjpls) and GDCM (gdcmconv) — so the decoders are tested on what other software writes, never on our own
 * encoder. Needs the Debian packages dcmtk and libgdcm-tools. Test support only.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

export interface Transcoding {
  /** The transfer syntax UID the tool writes. */
  uid: string;
  /** The command and its options; the input and output file are appended. */
  command: [string, ...string[]];
  /** Whether the tool may change pixel values (a lossy syntax, or a reduction to 8 bits). */
  lossy: boolean;
  /** Only these files of the folder (all .dcm files without it). */
  only?: string[];
}

/** Every transfer syntax Heron decodes, each made by the tool that writes it for 16-bit signed MR. */
export const TRANSCODINGS: Record<string, Transcoding> = {
  'explicit-big-endian': { uid: '1.2.840.10008.1.2.2', command: ['dcmconv', '+tb'], lossy: false },
  'implicit-little-endian': { uid: '1.2.840.10008.1.2', command: ['dcmconv', '+ti'], lossy: false },
  deflated: { uid: '1.2.840.10008.1.2.1.99', command: ['dcmconv', '+td'], lossy: false },
  'rle-dcmtk': { uid: '1.2.840.10008.1.2.5', command: ['dcmcrle'], lossy: false },
  'rle-gdcm': { uid: '1.2.840.10008.1.2.5', command: ['gdcmconv', '--rle'], lossy: false },
  'jpeg-lossless-process14': { uid: '1.2.840.10008.1.2.4.57', command: ['dcmcjpeg', '+el'], lossy: false },
  'jpeg-lossless-sv1': { uid: '1.2.840.10008.1.2.4.70', command: ['dcmcjpeg', '+e1'], lossy: false },
  'jpeg-ls-lossless': { uid: '1.2.840.10008.1.2.4.80', command: ['dcmcjpls'], lossy: false },
  'jpeg-2000-lossless': { uid: '1.2.840.10008.1.2.4.90', command: ['gdcmconv', '--j2k'], lossy: false },
  'jpeg-ls-near-lossless': {
    uid: '1.2.840.10008.1.2.4.81',
    command: ['gdcmconv', '--jpegls', '--lossy', '-e', '2'],
    lossy: true,
  },
  'jpeg-2000-lossy': {
    uid: '1.2.840.10008.1.2.4.91',
    command: ['gdcmconv', '--j2k', '--lossy', '-q', '30'],
    lossy: true,
  },
  // DCMTK reduces 16-bit images to 8 bits for baseline JPEG: values change by design, and LossyImageCompression says so.
  'jpeg-baseline': { uid: '1.2.840.10008.1.2.4.50', command: ['dcmcjpeg', '+eb'], lossy: true },
};

/**
 * Writes every .dcm file under `from` (subfolders too) to the same place under `to`, in the syntax of
 * `transcoding`; returns the files written.
 */
export async function transcodeFolder(from: string, to: string, transcoding: Transcoding): Promise<string[]> {
  const files =
    transcoding.only ??
    (await readdir(from, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.dcm'))
      .map((e) => relative(from, join(e.parentPath, e.name)))
      .sort();
  const [command, ...options] = transcoding.command;
  const written: string[] = [];
  for (const f of files) {
    const out = join(to, f);
    await mkdir(dirname(out), { recursive: true });
    const r = spawnSync(command, [...options, join(from, f), out], { encoding: 'utf8' });
    if (r.error) throw new Error(`${command} could not run (${r.error.message}); install dcmtk and libgdcm-tools`);
    if (r.status !== 0) throw new Error(`${command} ${options.join(' ')} failed on ${f}: ${r.stderr || r.stdout}`);
    written.push(out);
  }
  return written;
}
