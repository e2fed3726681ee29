import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type PhantomStudy, writePhantomStudy, type WrittenStudy } from '@heron/phantom';
import type { Volume } from '@heron/radiomics';
import { arrayBufferOf, DicomMessage } from '../core/dcmjs';
import { type DicomJson, numberOf, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { FolderDicomweb } from './folder-dicomweb';
import { classifyStudy } from '../roles/series-roles';
import { loadVolume } from '../volumes/volume-from-dicomweb';

let study: PhantomStudy;
let written: WrittenStudy;
let dir: string;
let folder: FolderDicomweb;

const fileDict = async (file: string): Promise<DicomJson> =>
  DicomMessage.readFile(arrayBufferOf(await readFile(file))).dict;

beforeAll(async () => {
  study = generatePhantom({ seed: 7, crop: { marginMm: 3 } });
  dir = await mkdtemp(join(tmpdir(), 'heron-folder-dicomweb-'));
  written = await writePhantomStudy(study, join(dir, 'study'));
  await mkdir(join(dir, 'study', 'notes'));
  await writeFile(join(dir, 'study', 'notes', 'README.txt'), 'not DICOM\n');
  folder = await FolderDicomweb.open(join(dir, 'study'));
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a folder of DICOM files as a DICOMweb client', () => {
  it('lists the study, its series and instances as the files hold them, without pixel data in the metadata', async () => {
    expect(folder.studyInstanceUID).toBe(written.studyInstanceUID);
    expect(folder.scan).toEqual({ ignored: 3, duplicates: 0, unreadable: [] });
    const series = await folder.searchForSeries({ studyInstanceUID: written.studyInstanceUID });
    expect(
      series.map((s) => [text(s, Tag.SeriesInstanceUID), numberOf(s, Tag.SeriesNumber), numberOf(s, '00201209')]),
    ).toEqual(written.series.map((s) => [s.seriesInstanceUID, s.seriesNumber, s.files.length]));
    expect(await folder.searchForSeries({ studyInstanceUID: '1.2.3' })).toEqual([]);

    const t2 = written.series.find((s) => s.role === 't2') as WrittenStudy['series'][number];
    const metadata = await folder.retrieveSeriesMetadata({
      studyInstanceUID: written.studyInstanceUID,
      seriesInstanceUID: t2.seriesInstanceUID,
    });
    const files = await Promise.all(t2.files.map(fileDict));
    expect(metadata.map((ds) => text(ds, Tag.SOPInstanceUID))).toEqual(files.map((ds) => text(ds, Tag.SOPInstanceUID)));
    // The metadata is the file's data set, with the pixel data as a bulk data reference and the file's transfer
    // syntax as Available Transfer Syntax UID.
    const { [Tag.PixelData]: pixels, '00083002': syntax, ...rest } = metadata[0];
    const { [Tag.PixelData]: filePixels, ...fileRest } = files[0];
    expect(rest).toEqual(fileRest);
    expect(syntax).toEqual({ vr: 'UI', Value: ['1.2.840.10008.1.2.1'] });
    expect(pixels).toEqual({ vr: filePixels.vr, BulkDataURI: expect.stringContaining('/bulk/7FE00010') });

    const sop = text(files[3], Tag.SOPInstanceUID) as string;
    const [frame] = await folder.retrieveInstanceFrames({
      studyInstanceUID: written.studyInstanceUID,
      seriesInstanceUID: t2.seriesInstanceUID,
      sopInstanceUID: sop,
      frameNumbers: [1],
    });
    expect(Buffer.from(frame).equals(Buffer.from(files[3][Tag.PixelData].Value?.[0] as ArrayBuffer))).toBe(true);
    const found = await folder.searchForInstances({
      studyInstanceUID: written.studyInstanceUID,
      queryParams: { SOPInstanceUID: sop },
    });
    expect(found.map((ds) => text(ds, Tag.SeriesInstanceUID))).toEqual([t2.seriesInstanceUID]);
    const whole = await folder.retrieveInstance({
      studyInstanceUID: written.studyInstanceUID,
      seriesInstanceUID: t2.seriesInstanceUID,
      sopInstanceUID: sop,
    });
    expect(Buffer.from(whole).equals(await readFile(t2.files[3]))).toBe(true);
  });

  it('gives loadVolume the phantom volumes voxel for voxel', async () => {
    const studyInstanceUID = written.studyInstanceUID;
    const series = await Promise.all(
      written.series.map(async (s) => ({
        seriesInstanceUID: s.seriesInstanceUID,
        instances: await folder.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID: s.seriesInstanceUID }),
      })),
    );
    const roles = classifyStudy(series);
    const pairs: { expected: Volume; seriesInstanceUID: string; sopInstanceUIDs?: string[] }[] = [
      ...roles.dcePhases.map((p) => ({
        expected: study.dce.phases[p.phaseIndex],
        seriesInstanceUID: p.seriesInstanceUID,
        sopInstanceUIDs: p.sopInstanceUIDs,
      })),
      ...roles.dwi.map((d) => ({
        expected: study.dwi.images[study.dwi.bValues.indexOf(d.bValue)],
        seriesInstanceUID: d.seriesInstanceUID,
        sopInstanceUIDs: d.sopInstanceUIDs,
      })),
      { expected: study.t2, seriesInstanceUID: roles.t2[0] },
      { expected: study.adc, seriesInstanceUID: roles.adc[0] },
    ];
    expect(pairs).toHaveLength(10);
    for (const { expected, seriesInstanceUID, sopInstanceUIDs } of pairs) {
      const { volume } = await loadVolume(folder, {
        studyInstanceUID,
        seriesInstanceUID,
        select: sopInstanceUIDs ? { sopInstanceUIDs } : undefined,
      });
      expect(volume.size).toEqual(expected.size);
      expect(volume.spacing).toEqual(expected.spacing);
      expect(volume.direction).toEqual(expected.direction);
      volume.origin.forEach((o, a) => expect(o).toBeCloseTo(expected.origin[a], 4));
      expect(Buffer.from(volume.data.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
    }
  }, 30_000);

  it('keeps what is stored and adds it to the study', async () => {
    const bytes = arrayBufferOf(await readFile(written.series[0].files[0]));
    const other = await FolderDicomweb.open(join(dir, 'study'));
    const answer = (await other.storeInstances({ datasets: [bytes] })) as DicomJson;
    const sop = text(await fileDict(written.series[0].files[0]), Tag.SOPInstanceUID);
    expect(other.stored.map((o) => o.sopInstanceUID)).toEqual([sop]);
    expect(answer['00081199'].Value).toHaveLength(1);
  });

  it('leaves out a damaged file and a file in an unknown character set, saying which and why', async () => {
    const damaged = join(dir, 'damaged');
    await writePhantomStudy(study, damaged);
    const t2 = written.series.find((s) => s.role === 't2') as WrittenStudy['series'][number];
    const whole = await readFile(t2.files[0]);
    await writeFile(join(damaged, 'cut.dcm'), whole.subarray(0, 200));
    const charset = Buffer.from(whole);
    const at = charset.indexOf('ISO_IR 100');
    charset.write('ISO_IR 999', at, 'latin1');
    await writeFile(join(damaged, 'charset.dcm'), charset);
    const read = await FolderDicomweb.open(damaged);
    expect(read.studyInstanceUID).toBe(written.studyInstanceUID);
    expect(read.scan.unreadable).toEqual([
      {
        file: 'charset.dcm',
        reason:
          "charset.dcm cannot be read: its Specific Character Set value 1 'ISO_IR 999' is not a character set DICOM " +
          'defines (PS3.3 C.12.1.1.2)',
      },
      {
        file: 'cut.dcm',
        reason: 'cut.dcm cannot be read: the file ends in the middle of a data element: it is truncated or damaged',
      },
    ]);
  });

  it('refuses folders without DICOM, with several studies, and a transfer syntax it does not decode, in words', async () => {
    await mkdir(join(dir, 'empty'));
    await writeFile(join(dir, 'empty', 'a.txt'), 'x');
    await expect(FolderDicomweb.open(join(dir, 'empty'))).rejects.toThrow(
      /holds no readable DICOM files \(1 other files\)/,
    );
    await expect(FolderDicomweb.open(join(dir, 'absent'))).rejects.toThrow(/Cannot read the folder/);

    const second = await writePhantomStudy(study, join(dir, 'two', 'b'), { patientId: 'PHANTOM-OTHER' });
    await writePhantomStudy(study, join(dir, 'two', 'a'));
    const both = new RegExp(
      `holds 2 studies: .*${second.studyInstanceUID.replace(/\./g, '\\.')}.*Pick one with --study UID`,
    );
    await expect(FolderDicomweb.open(join(dir, 'two'))).rejects.toThrow(both);
    expect(
      (await FolderDicomweb.open(join(dir, 'two'), { studyInstanceUID: second.studyInstanceUID })).studyInstanceUID,
    ).toBe(second.studyInstanceUID);
    await expect(FolderDicomweb.open(join(dir, 'two'), { studyInstanceUID: '1.2.3' })).rejects.toThrow(
      /does not hold study 1\.2\.3/,
    );

    // The transfer syntax in the file meta rewritten to one Heron does not decode (same length as Explicit VR
    // Little Endian, so the file stays well-formed).
    await mkdir(join(dir, 'unknown-syntax'));
    const source = written.series[0].files[0];
    const raw = await readFile(source);
    const at = raw.indexOf('1.2.840.10008.1.2.1\0');
    raw.write('1.2.840.10008.1.2.9\0', at, 'latin1');
    await writeFile(join(dir, 'unknown-syntax', 'IM0001.dcm'), raw);
    await copyFile(written.maskFile, join(dir, 'unknown-syntax', 'mask.nrrd'));
    const unknown = await FolderDicomweb.open(join(dir, 'unknown-syntax'));
    const ds = (await unknown.searchForInstances({ studyInstanceUID: unknown.studyInstanceUID }))[0];
    await expect(
      unknown.retrieveInstanceFrames({
        studyInstanceUID: unknown.studyInstanceUID,
        seriesInstanceUID: text(ds, Tag.SeriesInstanceUID) as string,
        sopInstanceUID: text(ds, Tag.SOPInstanceUID) as string,
        frameNumbers: [1],
      }),
    ).rejects.toThrow(
      /IM0001\.dcm .* is stored with transfer syntax 1\.2\.840\.10008\.1\.2\.9, which Heron does not decode \(it reads Implicit VR Little Endian, .* and JPEG 2000\)/,
    );
  }, 60_000);
});
