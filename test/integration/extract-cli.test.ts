// `heron extract` on real MR (IBSI STS cases, three vendors) with their RTSTRUCT: features written for each case,
// the same features as the NRRD route (`heron outline`, then the engine on NRRD files), and inputs that do not fit
// refused with a sentence naming what is wrong.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arrayBufferOf, DicomDict, DicomMessage, type DicomJson, items, readPart10, text } from '@heron/dicom/core';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { loadVolume } from '@heron/dicom/volumes';
import { extractFromFiles, formatFeatureCsv, writeNrrdFile } from '@heron/radiomics/node';
import { repoRoot } from '../support/paths';
import { runHeron } from '../support/cli';

const STS = join(repoRoot, '..', 'shared', 'reference', 'real-dicom', 'ibsi-sts-mr');
const PARAMS = join(repoRoot, '..', 'shared', 'reference', 'pyradiomics', 'exampleSettings', 'Params.yaml');
const CASES = ['STS_001', 'STS_002', 'STS_003', 'STS_004', 'STS_005'];
const dir = mkdtempSync(join(tmpdir(), 'heron-extract-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rows of a `feature,value` CSV. */
const featureRows = (text: string): [string, number][] =>
  text
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => {
      const [name, value] = row.split(',');
      return [name, Number(value)];
    });

/**
 * Same features, values equal to 12 significant digits: the NRRD route writes spacing and origin as decimal text,
 * which moves the last bits of the shape features (1e-15 relative), never what a mask or a bin holds.
 */
function expectSameFeatures(actual: string, expected: string): void {
  const [a, e] = [featureRows(actual), featureRows(expected)];
  expect(a.map(([n]) => n)).toEqual(e.map(([n]) => n));
  a.forEach(([name, v], k) => {
    const w = e[k][1];
    if (Math.abs(v - w) > 1e-12 * Math.max(1, Math.abs(w))) throw new Error(`${name}: ${v} vs ${w}`);
  });
}

const extract = (image: string, mask: string, out: string, ...more: string[]) =>
  runHeron(['extract', '--image', image, '--mask', mask, '--params', PARAMS, '--out', out, ...more]);

describe('heron extract from DICOM + RTSTRUCT', () => {
  it.each(CASES)(
    '%s: heron dicom-roles reads the series, heron extract writes its features',
    async (name) => {
      const roles = await runHeron(['dicom-roles', '--dicom-dir', join(STS, name, 'image')]);
      expect(roles.code).toBe(0);
      expect(roles.out).toMatch(/^\s+\d+\s+other\s+\d+ images/m);

      const out = join(dir, `${name}.csv`);
      const run = await extract(join(STS, name, 'image'), join(STS, name, 'mask', 'RS.dcm'), out);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/RTSTRUCT ROI "GTV_Mass_MR_T1" of RS.dcm: \d+ voxels on series/);
      const rows = readFileSync(out, 'utf8').trim().split('\n');
      expect(rows[0]).toBe('feature,value');
      // Params.yaml: shape, first order and the five texture classes of the original image.
      expect(rows.length - 1).toBeGreaterThanOrEqual(100);
      for (const row of rows.slice(1)) expect(row).toMatch(/^original_\w+,-?\d/);
    },
    60_000,
  );

  it('gives the same features as the NRRD route, and from an NRRD mask on the DICOM folder', async () => {
    const study = join(STS, 'STS_002');
    const direct = join(dir, 'direct.csv');
    expect((await extract(join(study, 'image'), join(study, 'mask', 'RS.dcm'), direct)).code).toBe(0);

    const maskNrrd = join(dir, 'mask.nrrd');
    const outline = await runHeron([
      'outline',
      '--dicom-dir',
      study,
      '--from',
      join(study, 'mask', 'RS.dcm'),
      '--out',
      maskNrrd,
    ]);
    expect(outline.code).toBe(0);
    const client = await FolderDicomweb.open(join(study, 'image'));
    const [series] = await client.searchForSeries({ studyInstanceUID: client.studyInstanceUID });
    const image = await loadVolume(client, {
      studyInstanceUID: client.studyInstanceUID,
      seriesInstanceUID: series['0020000E'].Value![0] as string,
    });
    const imageNrrd = join(dir, 'image.nrrd');
    await writeNrrdFile(imageNrrd, image.volume);
    const expected = formatFeatureCsv(await extractFromFiles(imageNrrd, maskNrrd, PARAMS));
    expectSameFeatures(readFileSync(direct, 'utf8'), expected);

    const fromNrrdMask = join(dir, 'nrrd-mask.csv');
    expect((await extract(join(study, 'image'), maskNrrd, fromNrrdMask)).code).toBe(0);
    expectSameFeatures(readFileSync(fromNrrdMask, 'utf8'), expected);
    // The mask voxels are the same whichever way they came: what does not scale with the voxel size (shape,
    // TotalEnergy) agrees exactly.
    const texture = (csv: string) =>
      csv
        .split('\n')
        .filter((row) => !row.startsWith('original_shape') && !row.startsWith('original_firstorder_TotalEnergy'))
        .join('\n');
    expect(texture(readFileSync(direct, 'utf8'))).toBe(texture(expected));
    const fromFiles = join(dir, 'files.csv');
    expect((await extract(imageNrrd, maskNrrd, fromFiles, '--segment', '1')).code).toBe(0);
    expect(readFileSync(fromFiles, 'utf8')).toBe(expected);
  }, 60_000);

  it('reads NIfTI image and mask (MIRP export of the same case)', async () => {
    const study = join(STS, 'STS_004');
    const out = join(dir, 'nifti.csv');
    const run = await extract(join(study, 'MR_T1_image.nii.gz'), join(study, 'MR_T1_mask.nii.gz'), out);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/mask MR_T1_mask.nii.gz on MR_T1_image.nii.gz/);
    expect(readFileSync(out, 'utf8')).toMatch(/^original_shape_VoxelVolume,\d/m);
  }, 60_000);
});

type Items = { Value: Record<string, { Value: unknown[] }>[] };

/** The RTSTRUCT of STS_002 with its ROI put on another frame of reference, written under a new SOP Instance UID. */
function otherFrameRtstruct(): string {
  const read = DicomMessage.readFile(arrayBufferOf(readFileSync(join(STS, 'STS_002', 'mask', 'RS.dcm')))) as {
    meta: DicomJson;
    dict: DicomJson;
  };
  const dict = read.dict as unknown as Record<string, { Value: unknown[] }>;
  dict['00080018'].Value = [`2.25.${Date.now()}`];
  (dict['30060020'] as unknown as Items).Value[0]['30060024'].Value = ['1.2.3.4.5'];
  const out = new DicomDict(read.meta);
  out.dict = read.dict;
  const path = join(dir, 'other-frame.dcm');
  writeFileSync(path, Buffer.from(out.write()));
  return path;
}

describe('heron extract refuses what does not fit', () => {
  const image = join(STS, 'STS_002', 'image');
  const rtstruct = join(STS, 'STS_002', 'mask', 'RS.dcm');
  const x = join(dir, 'x.csv');

  it('an ROI name the structure set does not have: lists its ROIs', async () => {
    const run = await extract(image, rtstruct, x, '--roi', 'Liver');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/There is no ROI "Liver" in this structure set; its ROIs: "GTV_Mass_MR_T1"/);
  });

  it('a missing segment: of an RTSTRUCT and of a label map', async () => {
    const rt = await extract(image, rtstruct, x, '--segment', '7');
    expect(rt.code).toBe(1);
    expect(rt.err).toMatch(/RS.dcm is an RTSTRUCT and has no ROI number 7/);
    const map = await extract(
      join(STS, 'STS_002', 'MR_T1_image.nii.gz'),
      join(STS, 'STS_002', 'MR_T1_mask.nii.gz'),
      x,
      '--segment',
      '3',
    );
    expect(map.code).toBe(1);
    expect(map.err).toMatch(/MR_T1_mask.nii.gz has no voxel labelled 3 \(segment 3\); its labels: 1\./);
  });

  it('an ROI on another frame of reference, an RTSTRUCT of another study, a mask on another grid', async () => {
    const frame = await extract(image, otherFrameRtstruct(), x);
    expect(frame.code).toBe(1);
    expect(frame.err).toMatch(/The ROI "GTV_Mass_MR_T1" is on another frame of reference \(1\.2\.3\.4\.5\)/);

    const study = await extract(image, join(STS, 'STS_001', 'mask', 'RS.dcm'), x);
    expect(study.code).toBe(1);
    expect(study.err).toMatch(/RS.dcm was drawn on images of study [\d.]+, and .*STS_002.image does not hold them/);

    const grid = await extract(image, join(STS, 'STS_001', 'MR_T1_mask.nii.gz'), x);
    expect(grid.code).toBe(1);
    expect(grid.err).toMatch(/MR_T1_mask.nii.gz on image: image and mask differ in size: image \d+x\d+x\d+, mask/);
  });

  it('a DICOM outline without its series folder, and missing options', async () => {
    const noFolder = await extract(join(STS, 'STS_002', 'MR_T1_image.nii.gz'), rtstruct, x);
    expect(noFolder.code).toBe(2);
    expect(noFolder.err).toMatch(/give that series folder as --image/);
    const usage = await runHeron(['extract', '--image', image, '--mask', rtstruct, '--out', x]);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--params FILE .* is required/);
  });
});

describe('heron extract from DICOM + SEG', () => {
  it('a SEG segment on its series gives the features of the same mask as NRRD; a missing segment lists them', async () => {
    const study = join(dir, 'phantom');
    await writePhantomStudy(generatePhantom({ seed: 11, size: 'compact' }), study);
    const analysis = await runHeron([
      'analyze',
      '--dicom-dir',
      study,
      '--mask',
      join(study, 'mask.nrrd'),
      '--model',
      'her2-demo',
      '--out',
      join(dir, 'analysis'),
    ]);
    expect(analysis.code).toBe(0);
    const seg = join(dir, 'analysis', 'seg.dcm');
    const header = readPart10(arrayBufferOf(readFileSync(seg)), 'seg.dcm').dict;
    const source = text(items(header, '00081115')[0], '0020000E') as string;

    const fromSeg = join(dir, 'seg.csv');
    const run = await extract(study, seg, fromSeg, '--segment', '1');
    expect(run.err).toBe('');
    expect(run.out).toMatch(/SEG segment "Tumour" of seg.dcm: \d+ voxels on series/);
    const fromNrrd = join(dir, 'seg-nrrd.csv');
    expect((await extract(study, join(study, 'mask.nrrd'), fromNrrd, '--series', source)).code).toBe(0);
    expect(readFileSync(fromSeg, 'utf8')).toBe(readFileSync(fromNrrd, 'utf8'));

    const several = await extract(study, join(study, 'mask.nrrd'), fromNrrd);
    expect(several.code).toBe(1);
    expect(several.err).toMatch(/holds \d+ image series \(.*\); choose one with --series UID/);
    const missing = await extract(study, seg, join(dir, 'x.csv'), '--segment', '9');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/seg.dcm has no segment 9; its segments: 1 "Tumour", 2 /);
  }, 120_000);
});
