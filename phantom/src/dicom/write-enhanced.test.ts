// The phantom written as Enhanced MR (one multi-frame instance per series): dciodvfy finds no error and no warning in
// any series of either DCE layout, PixelMed's DicomInstanceValidator no error, and the volumes read from its frames are those of the classic study, voxel for voxel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { pixelmedErrors } from '@heron/dicom/testing';
import { loadVolume, type VolumeSelection } from '@heron/dicom/volumes';
import { generatePhantom, type DceLayout } from '../phantom';
import { writePhantomStudy, type WrittenStudy } from './write-study';

const dir = mkdtempSync(join(tmpdir(), 'phantom-enhanced-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const study = generatePhantom({ seed: 31, size: 'compact' });

function dciodvfy(file: string): string[] {
  const run = spawnSync('/usr/bin/dciodvfy', ['-new', file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.trim().length > 0);
}

it.each(['series-per-phase', 'single-series'] as DceLayout[])(
  'writes one Enhanced MR instance per series that dciodvfy (and PixelMed) accept without error (%s DCE)',
  async (layout) => {
    const written = await writePhantomStudy({ ...study, dceLayout: layout }, join(dir, layout), { enhanced: true });
    for (const series of written.series) {
      expect(series.files).toHaveLength(1);
      const lines = dciodvfy(series.files[0]);
      expect(lines[0]).toBe('EnhancedMRImage');
      expect(lines.filter((l) => /Error|Warning/.test(l)).map((l) => `${series.description}: ${l}`)).toEqual([]);
      // PixelMed checks the conditions between attributes (e.g. Spoiling only on gradient echo) that dciodvfy leaves.
      if (layout === 'single-series')
        expect(
          pixelmedErrors(series.files[0], 'DicomInstanceValidator').map((l) => `${series.description}: ${l}`),
        ).toEqual([]);
    }
  },
  120_000,
);

it('gives the volumes of the classic study: each DCE phase, T2, ADC and DWI at each b-value', async () => {
  const read = async (written: WrittenStudy, role: string, k: number, select: VolumeSelection) => {
    const client = await FolderDicomweb.open(join(written.files[0], '..', '..'));
    const series = written.series.filter((s) => s.role === role)[k];
    return (
      await loadVolume(client, {
        studyInstanceUID: written.studyInstanceUID,
        seriesInstanceUID: series.seriesInstanceUID,
        select,
      })
    ).volume;
  };
  const classic = await writePhantomStudy(study, join(dir, 'classic'));
  const enhanced = await writePhantomStudy(study, join(dir, 'enhanced'), { enhanced: true });
  expect(enhanced.studyInstanceUID).toBe(classic.studyInstanceUID);
  const cases: [string, number, VolumeSelection, VolumeSelection][] = [
    ['dce', 0, {}, {}],
    ['dce', 2, {}, {}],
    ['t2', 0, {}, {}],
    ['adc', 0, {}, {}],
    ...study.dwi.bValues.map((b): [string, number, VolumeSelection, VolumeSelection] => [
      'dwi',
      0,
      { bValue: b },
      { bValue: b },
    ]),
  ];
  for (const [role, k, a, b] of cases) {
    const [c, e] = [await read(classic, role, k, a), await read(enhanced, role, k, b)];
    expect({ role, size: e.size, spacing: e.spacing, origin: e.origin, direction: e.direction }).toEqual({
      role,
      size: c.size,
      spacing: c.spacing,
      origin: c.origin,
      direction: c.direction,
    });
    expect(Buffer.compare(Buffer.from(e.data.buffer), Buffer.from(c.data.buffer))).toBe(0);
  }
}, 60_000);
