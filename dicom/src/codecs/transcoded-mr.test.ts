// Real MR from a clinical scanner (../shared/reference/real-dicom, IBSI STS_001: 16-bit signed, 59 slices),
// transcoded by DCMTK and GDCM into every transfer syntax Heron decodes, then read as `heron analyze` reads a
// folder: lossless syntaxes must give the uncompressed volume voxel for voxel, lossy ones a volume that carries a
// warning. pydicom's own compressed versions of one MR image must decode to its uncompressed pixels.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arrayBufferOf } from '../core/dcmjs';
import { text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { FolderDicomweb } from '../dicomweb/folder-dicomweb';
import { TRANSCODINGS, transcodeFolder } from '../testing/transcode';
import { loadVolume, type SeriesVolume } from '../volumes/volume-from-dicomweb';
import { part10Frames } from './part10-frames';

const REAL_MR = fileURLToPath(
  new URL('../../../../shared/reference/real-dicom/ibsi-sts-mr/STS_001/image/', import.meta.url),
);
const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data/test_files/';

let tmp: string;
let original: SeriesVolume;

async function folderVolume(dir: string): Promise<SeriesVolume> {
  const folder = await FolderDicomweb.open(dir);
  const [series] = await folder.searchForSeries({ studyInstanceUID: folder.studyInstanceUID });
  return loadVolume(folder, {
    studyInstanceUID: folder.studyInstanceUID,
    seriesInstanceUID: text(series, Tag.SeriesInstanceUID) as string,
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'heron-transcoded-'));
  original = await folderVolume(REAL_MR);
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('real MR in every transfer syntax Heron decodes', () => {
  it('reads the uncompressed series without a warning', () => {
    expect(original.volume.size).toEqual([174, 158, 59]);
    expect(original.warnings).toEqual([]);
  });

  const lossless = Object.entries(TRANSCODINGS).filter(([, t]) => !t.lossy);
  it.each(lossless)(
    '%s gives the uncompressed volume voxel for voxel',
    async (name, transcoding) => {
      const files = await transcodeFolder(REAL_MR, join(tmp, name), transcoding);
      const read = await FolderDicomweb.open(join(tmp, name));
      const [ds] = await read.searchForInstances({ studyInstanceUID: read.studyInstanceUID });
      expect(text(ds, '00083002')).toBe(transcoding.uid);
      const v = await folderVolume(join(tmp, name));
      expect(files).toHaveLength(59);
      expect(v.volume.size).toEqual(original.volume.size);
      expect(v.volume.origin).toEqual(original.volume.origin);
      expect(v.volume.data.constructor).toBe(original.volume.data.constructor);
      expect(Buffer.from(v.volume.data.buffer).equals(Buffer.from(original.volume.data.buffer))).toBe(true);
      expect(v.warnings).toEqual([]);
    },
    120_000,
  );

  it.each([
    ['jpeg-ls-near-lossless', 2],
    ['jpeg-2000-lossy', Infinity],
    ['jpeg-baseline', Infinity],
  ] as const)(
    '%s is read with a warning that the pixels were lossy-compressed',
    async (name, maxError) => {
      await transcodeFolder(REAL_MR, join(tmp, name), TRANSCODINGS[name]);
      const v = await folderVolume(join(tmp, name));
      expect(v.volume.size).toEqual(original.volume.size);
      expect(v.warnings).toHaveLength(1);
      expect(v.warnings[0]).toMatch(/its pixels are not the scanner's originals, it was lossy-compressed/);
      if (Number.isFinite(maxError)) {
        let worst = 0;
        v.volume.data.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - original.volume.data[i]))));
        expect(worst).toBeLessThanOrEqual(maxError);
        expect(worst).toBeGreaterThan(0);
      }
    },
    120_000,
  );
});

describe("pydicom's test files", () => {
  const frameOf = async (file: string): Promise<Uint8Array> =>
    new Uint8Array((await part10Frames(arrayBufferOf(await readFile(PYDICOM + file)), [1], file)).frames[0]);

  it.each([
    'MR_small_RLE.dcm',
    'MR_small_bigendian.dcm',
    'MR_small_expb.dcm',
    'MR_small_implicit.dcm',
    'MR_small_jp2klossless.dcm',
    'MR_small_jpeg_ls_lossless.dcm',
  ])('%s decodes to the pixels of MR_small.dcm', async (file) => {
    const expected = await frameOf('MR_small.dcm');
    expect(Buffer.from(await frameOf(file)).equals(Buffer.from(expected))).toBe(true);
  });

  it('decodes every frame of a multi-frame RLE dose (32-bit, 15 frames) like its uncompressed copy', async () => {
    const frames = Array.from({ length: 15 }, (_, i) => i + 1);
    const read = async (f: string) =>
      (await part10Frames(arrayBufferOf(await readFile(PYDICOM + f)), frames, f)).frames.map((b) => Buffer.from(b));
    const [rle, native] = await Promise.all([read('rtdose_rle.dcm'), read('rtdose.dcm')]);
    expect(rle).toEqual(native);
  });

  it('refuses what it cannot decode with a sentence naming the file', async () => {
    await expect(frameOf('JPEG-lossy.dcm')).rejects.toThrow(/JPEG-lossy\.dcm, frame 1 is 12-bit JPEG Extended/);
    await expect(frameOf('SC_rgb_jpeg_dcmtk.dcm')).rejects.toThrow(/is a colour image compressed as JPEG Baseline/);
    await expect(frameOf('JPEG2000-embedded-sequence-delimiter.dcm')).rejects.toThrow(
      /OpenJPEG could not decode the frame, so the pixel data is damaged/,
    );
  });
});

describe('JPEG Lossless predictors', () => {
  // Slice 16 ends in a difference whose last bits meet the end-of-image marker: the case a decoder on npm got wrong.
  const slice = join(REAL_MR, '000016.dcm');
  const frame = async (file: string) =>
    Buffer.from((await part10Frames(arrayBufferOf(await readFile(file)), [1], file)).frames[0]);

  it.each([1, 2, 3, 4, 5, 6, 7])('selection value %i decodes to the uncompressed slice', async (sv) => {
    const [out] = await transcodeFolder(REAL_MR, join(tmp, `sv${sv}`), {
      uid: '1.2.840.10008.1.2.4.57',
      command: ['dcmcjpeg', '+el', '+sv', String(sv)],
      lossy: false,
      only: ['000016.dcm'],
    });
    expect((await frame(out)).equals(await frame(slice))).toBe(true);
  });
});
