// The SEG writer against the real validators and our own reader: dciodvfy clean, pydicom reads it, and the
// masks come back voxel for voxel on the source grid.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomMessage } from '../core/dcmjs';
import { numberOf } from '../core/dicom-json';
import { phantomFiles, type PhantomFiles, sourceOf } from '../testing/phantom-source';
import { dciodvfyErrors, dciodvfyWarnings, pixelmedErrors, pydicom } from '../testing/validators';
import { readSeg, unpackFrames } from './seg-reader';
import { type SegSource, writeSeg } from './seg-writer';

const dir = mkdtempSync(join(tmpdir(), 'heron-seg-'));
let phantom: PhantomFiles;
let source: SegSource;
let tumour: Uint8Array;
let shell: Uint8Array;
const device = {
  manufacturer: 'Heron project',
  modelName: 'Heron',
  softwareVersion: '0.1.0',
  serialNumber: 'heron-test',
};

/** A crude in-plane shell: voxels within 2 voxels of the tumour, outside it. */
function ring(mask: Uint8Array, size: number[]): Uint8Array {
  const [nx, ny, nz] = size;
  const out = new Uint8Array(mask.length);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const at = i + nx * (j + ny * k);
        if (mask[at]) continue;
        for (let dj = -2; dj <= 2 && !out[at]; dj++)
          for (let di = -2; di <= 2; di++) {
            const ii = i + di;
            const jj = j + dj;
            if (ii >= 0 && jj >= 0 && ii < nx && jj < ny && mask[ii + nx * (jj + ny * k)]) {
              out[at] = 1;
              break;
            }
          }
      }
  return out;
}

beforeAll(async () => {
  phantom = await phantomFiles(dir, 21);
  const dce = phantom.series.get('dce');
  if (!dce) throw new Error('phantom without DCE');
  source = sourceOf(dce.seriesInstanceUID, dce.instances);
  tumour = Uint8Array.from(phantom.study.mask.data);
  shell = ring(tumour, source.volume.size);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written(from: SegSource = source) {
  return writeSeg({
    source: from,
    segments: [
      {
        region: { kind: 'tumour' },
        mask: tumour,
        algorithmType: 'SEMIAUTOMATIC',
        algorithmName: 'heron-proposal 0.1.0 + reader edit',
      },
      {
        region: { kind: 'shell', widthMm: 3 },
        mask: shell,
        algorithmType: 'AUTOMATIC',
        algorithmName: 'heron-shell 0.1.0',
      },
    ],
    laterality: 'L',
    device,
    contentCreatorName: 'Reader^One',
  });
}

describe('writeSeg', () => {
  it('writes a SEG that dciodvfy accepts without errors and pydicom reads', () => {
    const seg = written();
    const file = join(dir, 'seg.dcm');
    writeFileSync(file, Buffer.from(seg.bytes));
    expect(dciodvfyErrors(file)).toEqual([]);
    expect(dciodvfyWarnings(file)).toEqual([]);
    const read = pydicom(
      file,
      'print(ds.Modality, ds.SegmentationType, len(ds.SegmentSequence), ds.SegmentSequence[1].SegmentedPropertyTypeCodeSequence[0].CodeValue, ds.NumberOfFrames, ds.ReferencedSeriesSequence[0].SeriesInstanceUID)',
    );
    expect(read).toMatch(new RegExp(`^SEG BINARY 2 PERI3MM \\d+ ${source.seriesInstanceUID.replace(/\./g, '\\.')}$`));
  });

  // dciodvfy refuses General Series Laterality on a SEG and PixelMed wants it unless Image Laterality is present, so
  // the side goes into Image Laterality (docs/dicom-sr-seg.md §8): B from bilateral images, L from a left series.
  it.each([
    ['bilateral images (Image Laterality B)', 'B'],
    ['a unilateral series (series Laterality L)', 'L'],
  ])(
    'gives a SEG on %s Image Laterality %s that dciodvfy and PixelMed accept',
    (_, side) => {
      const reference = { ...source.reference };
      if (side === 'L') {
        delete reference['00200062'];
        reference['00200060'] = { vr: 'CS', Value: ['L'] };
      }
      const file = join(dir, `seg-${side}.dcm`);
      writeFileSync(file, Buffer.from(written({ ...source, reference }).bytes));
      expect(pydicom(file, "print(ds.ImageLaterality, 'Laterality' in ds, ds.BodyPartExamined)")).toBe(
        `${side} False BREAST`,
      );
      expect(dciodvfyErrors(file)).toEqual([]);
      expect(dciodvfyWarnings(file)).toEqual([]);
      expect(pixelmedErrors(file, 'DicomInstanceValidator')).toEqual([]);
    },
    60_000,
  );

  it('reads back the same voxels on the source grid from the Part 10 file', () => {
    const seg = written();
    const ds = DicomMessage.readFile(seg.bytes).dict;
    const [nx, ny] = source.volume.size;
    const pixels = ds['7FE00010'].Value?.[0] as ArrayBuffer;
    const frames = unpackFrames(new Uint8Array(pixels), numberOf(ds, '00280008') as number, nx * ny, 1);
    const masks = readSeg(ds, frames, source);
    expect(masks.map((m) => [m.segmentNumber, m.label])).toEqual([
      [1, 'Tumour'],
      [2, 'Peritumoral shell 3 mm'],
    ]);
    expect(Buffer.compare(masks[0].mask, tumour)).toBe(0);
    expect(Buffer.compare(masks[1].mask, shell)).toBe(0);
  });

  it('gives every SEG new UIDs', () => {
    const a = written();
    const b = written();
    expect(a.sopInstanceUID).not.toBe(b.sopInstanceUID);
    expect(a.seriesInstanceUID).not.toBe(b.seriesInstanceUID);
    expect(a.sopInstanceUID).toMatch(/^2\.25\.\d+$/);
  });

  it('numbers the segments by region name, the label where none is given, and refuses a name given twice', () => {
    expect(written().segmentNumbers).toEqual(
      new Map([
        ['Tumour', 1],
        ['Peritumoral shell 3 mm', 2],
      ]),
    );
    const named = writeSeg({
      source,
      segments: [
        { region: { kind: 'tumour' }, name: 'intra', mask: tumour, algorithmType: 'MANUAL' },
        {
          region: { kind: 'shell', widthMm: 3 },
          name: 'peri3mm',
          mask: shell,
          algorithmType: 'AUTOMATIC',
          algorithmName: 'heron-shell 0.1.0',
        },
      ],
      device,
    });
    expect(named.segmentNumbers).toEqual(
      new Map([
        ['intra', 1],
        ['peri3mm', 2],
      ]),
    );
    expect(() =>
      writeSeg({
        source,
        segments: [
          { region: { kind: 'tumour' }, name: 'intra', mask: tumour, algorithmType: 'MANUAL' },
          {
            region: { kind: 'shell', widthMm: 3 },
            name: 'intra',
            mask: shell,
            algorithmType: 'AUTOMATIC',
            algorithmName: 'heron-shell 0.1.0',
          },
        ],
        device,
      }),
    ).toThrow("Two segments are named 'intra'");
  });

  it('refuses masks that are not on the source grid, empty segments and a SEG of another series', () => {
    expect(() =>
      writeSeg({
        source,
        segments: [{ region: { kind: 'tumour' }, mask: new Uint8Array(5), algorithmType: 'MANUAL' }],
        device,
      }),
    ).toThrow(/mask must be a Uint8Array of \d+x\d+x\d+ voxels on the source grid of/);
    expect(() =>
      writeSeg({
        source,
        segments: [{ region: { kind: 'tumour' }, mask: new Uint8Array(tumour.length), algorithmType: 'MANUAL' }],
        device,
      }),
    ).toThrow('Segment 1 (tumour) is empty');
    const ds = DicomMessage.readFile(written().bytes).dict;
    expect(() => readSeg(ds, [], { ...source, seriesInstanceUID: '1.2.3.4' })).toThrow(
      /^SEG 2\.25\.\d+ references series .*, not series 1\.2\.3\.4$/,
    );
  });
});
