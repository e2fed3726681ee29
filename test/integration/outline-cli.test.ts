// `heron outline`: RTSTRUCT ROIs rasterised on the series they reference agree with MIRP's masks for the same
// contours (IBSI STS cases, real scanners); a SEG written by Heron reads back as the same mask; bad inputs are
// refused with a message a reader understands.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { parseVolume, type Volume } from '@heron/radiomics';
import { arrayBufferOf, DicomDict, DicomMessage, type DicomJson } from '@heron/dicom/core';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { classifyStudy, studySeries } from '@heron/dicom/roles';
import { writeSeg } from '@heron/dicom/seg';
import { loadVolume } from '@heron/dicom/volumes';
import { repoRoot } from '../support/paths';
import { dice } from '../support/proposal-cases';
import { runHeron } from '../support/cli';

const STS = join(repoRoot, '..', 'shared', 'reference', 'real-dicom', 'ibsi-sts-mr');
const CASES = ['STS_001', 'STS_002', 'STS_003', 'STS_004', 'STS_005'];
const dir = mkdtempSync(join(tmpdir(), 'heron-outline-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readNrrd = async (path: string): Promise<Volume> => parseVolume(new Uint8Array(readFileSync(path)), path);

/** Dice of two masks in patient space: each voxel of `a` looks up the voxel of `b` at its centre. */
function diceInSpace(a: Volume, b: Volume): number {
  const [nx, ny, nz] = a.size;
  let both = 0;
  let countA = 0;
  let countB = 0;
  for (let n = 0; n < b.data.length; n++) if (b.data[n]) countB++;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (!a.data[i + nx * (j + ny * k)]) continue;
        countA++;
        const p = [0, 1, 2].map(
          (r) =>
            a.origin[r] +
            a.direction[3 * r] * a.spacing[0] * i +
            a.direction[3 * r + 1] * a.spacing[1] * j +
            a.direction[3 * r + 2] * a.spacing[2] * k,
        );
        const q = [0, 1, 2].map((c) =>
          Math.round([0, 1, 2].reduce((s, r) => s + b.direction[3 * r + c] * (p[r] - b.origin[r]), 0) / b.spacing[c]),
        );
        if (q.every((v, c) => v >= 0 && v < b.size[c]) && b.data[q[0] + b.size[0] * (q[1] + b.size[1] * q[2])]) both++;
      }
  return (2 * both) / (countA + countB);
}

/** The RTSTRUCT of an STS case, changed by `edit` and written to a new file with a new SOP Instance UID. */
function editedRtstruct(name: string, edit: (ds: Record<string, unknown>) => void): string {
  const read = DicomMessage.readFile(arrayBufferOf(readFileSync(join(STS, 'STS_002', 'mask', 'RS.dcm')))) as {
    meta: DicomJson;
    dict: DicomJson;
  };
  const dict = read.dict as unknown as Record<string, { Value: unknown[] }>;
  dict['00080018'].Value = [`2.25.${Date.now()}${name.length}`];
  edit(dict);
  const out = new DicomDict(read.meta);
  out.dict = read.dict;
  const path = join(dir, `${name}.dcm`);
  writeFileSync(path, Buffer.from(out.write()));
  return path;
}

type Items = { Value: Record<string, { Value: unknown[] }>[] };

describe('heron outline from RTSTRUCT', () => {
  it.each(CASES)('%s: agrees with the mask MIRP made from the same contours (Dice >= 0.95)', async (name) => {
    const out = join(dir, `${name}.nrrd`);
    const { code, out: printed } = await runHeron([
      'outline',
      '--dicom-dir',
      join(STS, name),
      '--from',
      join(STS, name, 'mask', 'RS.dcm'),
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(printed).toMatch(/RTSTRUCT ROI "GTV_Mass_MR_T1"/);
    const ours = await readNrrd(out);
    const mirp = await parseVolume(
      new Uint8Array(readFileSync(join(STS, name, 'MR_T1_mask.nii.gz'))),
      'MR_T1_mask.nii.gz',
    );
    expect(diceInSpace(ours, mirp)).toBeGreaterThanOrEqual(0.95);
  });

  it('reads an RTSTRUCT given with --segment (where a SEG was expected) as an RTSTRUCT: ROI number 1', async () => {
    const { code, out } = await runHeron([
      'outline',
      '--dicom-dir',
      join(STS, 'STS_002'),
      '--from',
      join(STS, 'STS_002', 'mask', 'RS.dcm'),
      '--segment',
      '1',
      '--out',
      join(dir, 'n.nrrd'),
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/RTSTRUCT ROI "GTV_Mass_MR_T1"/);
  });

  it('refuses an image as "not an outline", another frame of reference, open and self-crossing contours', async () => {
    const study = join(STS, 'STS_002');
    const image = join(
      study,
      'image',
      readdirSync(join(study, 'image')).find((f) => f.endsWith('.dcm'))!,
    );
    const notOutline = await runHeron(['outline', '--dicom-dir', study, '--from', image, '--out', join(dir, 'x.nrrd')]);
    expect(notOutline.code).toBe(1);
    expect(notOutline.err).toMatch(/is not an outline: it is an image \(MR\)/);

    const otherFrame = editedRtstruct('other-frame', (ds) => {
      (ds['30060020'] as unknown as Items).Value[0]['30060024'].Value = ['1.2.3.4.5'];
    });
    const frame = await runHeron(['outline', '--dicom-dir', study, '--from', otherFrame, '--out', join(dir, 'x.nrrd')]);
    expect(frame.code).toBe(1);
    expect(frame.err).toMatch(/on another frame of reference \(1\.2\.3\.4\.5\)/);

    const contours = (ds: Record<string, unknown>) =>
      ((ds['30060039'] as unknown as Items).Value[0]['30060040'] as unknown as Items).Value;
    const open = editedRtstruct('open', (ds) => {
      contours(ds)[0]['30060042'].Value = ['OPEN_PLANAR'];
    });
    const opened = await runHeron(['outline', '--dicom-dir', study, '--from', open, '--out', join(dir, 'x.nrrd')]);
    expect(opened.code).toBe(1);
    expect(opened.err).toMatch(/Contour 1 of ROI "GTV_Mass_MR_T1" is OPEN_PLANAR, not a closed contour/);

    const crossing = editedRtstruct('crossing', (ds) => {
      const data = contours(ds)[0]['30060050'].Value as number[];
      // Swap the second and a middle point: the outline now jumps across itself.
      const m = 3 * Math.floor(data.length / 6);
      for (let c = 0; c < 3; c++) [data[3 + c], data[m + c]] = [data[m + c], data[3 + c]];
    });
    const crossed = await runHeron(['outline', '--dicom-dir', study, '--from', crossing, '--out', join(dir, 'x.nrrd')]);
    expect(crossed.code).toBe(1);
    expect(crossed.err).toMatch(/crosses itself/);
  });
});

describe('heron outline from SEG', () => {
  it('reads a SEG written by Heron back as the same mask, and asks which segment when there are several', async () => {
    const study = generatePhantom({ seed: 12, size: 'compact' });
    const folder = join(dir, 'phantom');
    await writePhantomStudy(study, folder, { vendor: 'ge' });
    const client = await FolderDicomweb.open(folder);
    const phase = classifyStudy(await studySeries(client, client.studyInstanceUID)).dcePhases.find(
      (p) => p.phaseIndex === 1,
    )!;
    const source = await loadVolume(client, {
      studyInstanceUID: client.studyInstanceUID,
      seriesInstanceUID: phase.seriesInstanceUID,
      select: { sopInstanceUIDs: phase.sopInstanceUIDs },
    });
    const tumour = Uint8Array.from(study.mask.data);
    const shell = new Uint8Array(tumour.length);
    for (let n = 1; n < tumour.length - 1; n++) shell[n] = !tumour[n] && (tumour[n - 1] || tumour[n + 1]) ? 1 : 0;
    const device = {
      manufacturer: 'Heron project',
      modelName: 'Heron',
      softwareVersion: '0.1.0',
      serialNumber: 'outline-test',
    };
    const seg = writeSeg({
      source,
      segments: [
        { region: { kind: 'tumour' }, mask: tumour, algorithmType: 'MANUAL' },
        { region: { kind: 'shell', widthMm: 1 }, mask: shell, algorithmType: 'AUTOMATIC', algorithmName: 'test shell' },
      ],
      device,
    });
    const segFile = join(dir, 'seg.dcm');
    writeFileSync(segFile, Buffer.from(seg.bytes));

    const none = await runHeron(['outline', '--dicom-dir', folder, '--from', segFile, '--out', join(dir, 'seg.nrrd')]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/is a SEG with 2 segments \(1 "Tumour", 2 ".*"\) and none was chosen/);

    const chosen = await runHeron([
      'outline',
      '--dicom-dir',
      folder,
      '--from',
      segFile,
      '--segment',
      '1',
      '--out',
      join(dir, 'seg.nrrd'),
    ]);
    expect(chosen.code).toBe(0);
    const back = await readNrrd(join(dir, 'seg.nrrd'));
    const truth = await readNrrd(join(folder, 'mask.nrrd'));
    expect(back.size).toEqual(truth.size);
    expect(dice(back.data, truth.data)).toBe(1);
    expect(Buffer.from(back.data.buffer, back.data.byteOffset, back.data.byteLength).equals(Buffer.from(tumour))).toBe(
      true,
    );
  }, 120_000);
});
