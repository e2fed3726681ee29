import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generatePhantom } from '../phantom';
import { axisDirection, voxelToPatient, type Volume } from '../volume';
import { DicomMessage, DicomMetaDictionary } from '@heron/dicom/core';
import type { SeriesRole } from './series-plan';
import { writePhantomStudy, type WrittenStudy } from './write-study';

type Dataset = Record<string, any>;

function read(file: string): { meta: Dataset; data: Dataset; dict: Record<string, { vr: string; Value?: unknown[] }> } {
  const bytes = readFileSync(file);
  const message = DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return {
    meta: DicomMetaDictionary.naturalizeDataset(message.meta),
    data: DicomMetaDictionary.naturalizeDataset(message.dict),
    dict: message.dict,
  };
}

describe('writePhantomStudy', () => {
  const study = generatePhantom({ seed: 21, size: 'compact', dceLayout: 'single-series' });
  const dir = mkdtempSync(join(tmpdir(), 'phantom-write-'));
  let written: WrittenStudy;

  beforeAll(async () => {
    written = await writePhantomStudy(study, join(dir, 'a'), {
      vendor: 'ge',
      patientId: 'P-21',
      studyDate: '2025-03-04',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const volumeOf = (role: SeriesRole, n: number): Volume => {
    switch (role) {
      case 't2':
        return study.t2;
      case 'adc':
        return study.adc;
      case 'dwi':
        return study.dwi.images[Math.floor(n / study.dwi.images[0].size[2])];
      case 'dce':
        return study.dce.phases[Math.floor(n / study.dce.phases[0].size[2])];
    }
  };

  it('writes one folder per series: T2, DWI with both b-values, ADC and the single dynamic series', () => {
    expect(written.series.map((s) => s.role)).toEqual(['t2', 'dwi', 'adc', 'dce']);
    const count = (r: SeriesRole) => written.series.find((s) => s.role === r)!.files.length;
    expect(count('dwi')).toBe(2 * study.dwi.images[0].size[2]);
    expect(count('dce')).toBe(6 * study.dce.phases[0].size[2]);
    expect(new Set(written.series.map((s) => s.files[0].split('/').slice(-2, -1)[0])).size).toBe(4);
    expect(written.files).toContain(written.maskFile);
  });

  it('writes Part 10 MR images whose geometry and pixels are those of the volumes in memory', () => {
    for (const series of written.series) {
      const picks = [0, Math.floor(series.files.length / 2), series.files.length - 1];
      for (const n of picks) {
        const { meta, data } = read(series.files[n]);
        const v = volumeOf(series.role, n);
        const k = n % v.size[2];
        expect(meta.TransferSyntaxUID).toBe('1.2.840.10008.1.2.1');
        expect(data.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.4');
        expect(data.Modality).toBe('MR');
        expect(data.PatientPosition).toBe('HFP');
        expect(data.Manufacturer).toBe('Heron');
        expect(data.StudyInstanceUID).toBe(written.studyInstanceUID);
        expect(data.SeriesInstanceUID).toBe(series.seriesInstanceUID);
        expect(data.Rows).toBe(v.size[1]);
        expect(data.Columns).toBe(v.size[0]);
        const position = voxelToPatient(v, 0, 0, k);
        (data.ImagePositionPatient as number[]).forEach((x, a) => expect(x).toBeCloseTo(position[a], 3));
        expect(data.ImageOrientationPatient).toEqual([...axisDirection(v, 0), ...axisDirection(v, 1)]);
        expect(data.PixelSpacing).toEqual([v.spacing[1], v.spacing[0]]);
        expect(data.SliceThickness).toBe(v.spacing[2]);
        const pixels = new Uint16Array(data.PixelData[0]);
        const slice = v.data.subarray(k * v.size[0] * v.size[1], (k + 1) * v.size[0] * v.size[1]);
        expect(Buffer.from(pixels.buffer).equals(Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength))).toBe(
          true,
        );
      }
    }
  });

  it('stores the dynamic timing, contrast, b-values and GE-style private b-value', () => {
    const dce = written.series.find((s) => s.role === 'dce')!;
    const perPhase = study.dce.phases[0].size[2];
    const first = read(dce.files[0]).data;
    const last = read(dce.files[dce.files.length - 1]).data;
    expect(first.TemporalPositionIdentifier).toBe(1);
    expect(last.TemporalPositionIdentifier).toBe(6);
    expect(last.NumberOfTemporalPositions).toBe(6);
    expect(first.ContrastBolusAgent).toBeUndefined();
    expect(last.ContrastBolusAgent).toMatch(/Gadobutrol/);
    const t = (tm: string) => Number(tm.slice(0, 2)) * 3600 + Number(tm.slice(2, 4)) * 60 + Number(tm.slice(4));
    const gap =
      t(read(dce.files[2 * perPhase]).data.AcquisitionTime) - t(read(dce.files[perPhase]).data.AcquisitionTime);
    expect(gap).toBeCloseTo(study.dce.timing.temporalResolutionS, 3);
    expect(gap).toBeGreaterThanOrEqual(60);
    expect(gap).toBeLessThanOrEqual(90);
    // The injection time is one instant for the whole study, so each phase's time after injection is
    // AcquisitionTime - ContrastBolusStartTime = the designed phase start.
    const bolusStarts = new Set(
      [perPhase, 3 * perPhase, dce.files.length - 1].map((n) => read(dce.files[n]).data.ContrastBolusStartTime),
    );
    expect(bolusStarts.size).toBe(1);
    const injection = t([...bolusStarts][0] as string);
    for (let p = 1; p < study.dce.phases.length; p++) {
      const acquired = t(read(dce.files[p * perPhase]).data.AcquisitionTime);
      expect(acquired - injection).toBeCloseTo(study.dce.timing.phaseStartS[p], 3);
    }

    const dwi = written.series.find((s) => s.role === 'dwi')!;
    const b800 = read(dwi.files[dwi.files.length - 1]);
    expect(b800.data.DiffusionBValue).toBe(800);
    expect(b800.dict['00430010'].Value).toEqual(['GEMS_PARM_01']);
    expect(Number(b800.dict['00431039'].Value![0])).toBe(1e9 + 800);
    const adc = read(written.series.find((s) => s.role === 'adc')!.files[0]).data;
    expect(adc.ImageType).toEqual(['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC']);
  });

  it('writes the mask as gzip NRRD on the DCE grid, and the parameters as JSON', () => {
    const bytes = readFileSync(written.maskFile);
    const split = bytes.indexOf('\n\n');
    const header = bytes.subarray(0, split).toString('ascii');
    expect(header).toContain('space: left-posterior-superior');
    expect(header).toContain(`sizes: ${study.mask.size.join(' ')}`);
    expect(header).toContain('encoding: gzip');
    const origin = /space origin: \(([^)]*)\)/.exec(header)![1].split(',').map(Number);
    origin.forEach((o, a) => expect(o).toBeCloseTo(study.mask.origin[a], 6));
    expect(header).toContain(
      `space directions: (${study.mask.spacing[0]},0,0) (0,${study.mask.spacing[1]},0) (0,0,${study.mask.spacing[2]})`,
    );
    expect(Buffer.from(gunzipSync(bytes.subarray(split + 2))).equals(Buffer.from(study.mask.data))).toBe(true);
    const params = JSON.parse(readFileSync(written.paramsFile, 'utf8'));
    const { designed, ...drawn } = params.tumour.kinetics;
    expect({ ...params.tumour, kinetics: drawn }).toEqual(study.tumour);
    expect(params.tumour.kinetics.curveType).toMatch(/^(persistent|plateau|washout)$/);
    expect(designed.timeS).toEqual(study.dce.timing.phaseStartS);
    expect(designed.meanSignal).toHaveLength(6);
    const i = designed.initialPhaseIndex;
    expect(designed.timeS[i]).toBeLessThanOrEqual(120);
    expect(designed.initialEnhancementPercent).toBeCloseTo(
      (100 * (designed.meanSignal[i] - designed.meanSignal[0])) / designed.meanSignal[0],
      2,
    );
    expect(designed.initialEnhancementPercent).toBeGreaterThan(50);
    expect(params.maskVoxels).toBeGreaterThan(0);
  });

  it('derives UIDs from seed and patient: the same again, different for another patient', async () => {
    const again = await writePhantomStudy(study, join(dir, 'b'), {
      vendor: 'ge',
      patientId: 'P-21',
      studyDate: '2025-03-04',
    });
    expect(again.studyInstanceUID).toBe(written.studyInstanceUID);
    expect(again.series.map((s) => s.seriesInstanceUID)).toEqual(written.series.map((s) => s.seriesInstanceUID));
    const other = await writePhantomStudy(study, join(dir, 'c'), {
      vendor: 'ge',
      patientId: 'P-22',
      studyDate: '2025-03-04',
    });
    expect(other.studyInstanceUID).not.toBe(written.studyInstanceUID);
    expect(written.studyInstanceUID).toMatch(/^2\.25\.\d{1,39}$/);
    const sops = new Set(
      written.series.flatMap((s) => [s.files[0], s.files[s.files.length - 1]]).map((f) => read(f).data.SOPInstanceUID),
    );
    expect(sops.size).toBe(2 * written.series.length);
  });

  it('rejects bad options with a message naming them', async () => {
    await expect(writePhantomStudy(study, join(dir, 'd'), { patientId: 'A\\B' })).rejects.toThrow(/patientId/);
    await expect(writePhantomStudy(study, join(dir, 'd'), { studyDate: '2025-02-30' })).rejects.toThrow(/studyDate/);
    await expect(writePhantomStudy(study, join(dir, 'd'), { vendor: 'acme' as 'ge' })).rejects.toThrow(/vendor/);
  });
});
