// A cohort row that names a point: the proposal replaces the mask, and its features are close to those of the
// phantom's ground truth; an unusable point is the case's error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom } from '@heron/phantom';
import { DEMO_SETTINGS } from '@heron/models';
import { writeNrrdFile } from '@heron/radiomics/node';
import { cohortCase, phantomImages } from './cohort-case';
import { parseCohortPoint } from './cohort-point';

test('a phantom row with a point is outlined by the proposal; its shape features match the truth', async () => {
  const study = generatePhantom({ seed: 11, crop: { marginMm: 10 } });
  const point = study.tumourCentre.map((v) => v.toFixed(2)).join(',');
  const truth = await cohortCase({ case_id: 't', phantom_seed: '11' }, 'cohort.csv', DEMO_SETTINGS);
  const proposed = await cohortCase({ case_id: 'p', phantom_seed: '11', point }, 'cohort.csv', DEMO_SETTINGS);
  expect([...proposed.values.keys()]).toEqual([...truth.values.keys()]);
  const volume = [...truth.values.keys()].find((k) => k.endsWith('original_shape_MeshVolume'));
  expect(volume).toBeDefined();
  expect(Math.abs(proposed.values.get(volume!)! / truth.values.get(volume!)! - 1)).toBeLessThan(0.1);
  await expect(
    cohortCase({ case_id: 'x', phantom_seed: '11', point: '0,0,9999' }, 'cohort.csv', DEMO_SETTINGS),
  ).rejects.toThrow(/no outline at point 0,0,9999: The point is outside the images/);
}, 120_000);

test('a file row with a point is outlined on its dce_pre and dce_post images', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heron-cohort-point-'));
  try {
    const study = generatePhantom({ seed: 11, crop: { marginMm: 10 } });
    const { images } = phantomImages(11);
    for (const [name, volume] of Object.entries({
      ...images,
      pre: study.dce.phases[0],
      post: study.dce.phases[1],
      mask: study.mask,
    })) {
      await writeNrrdFile(join(dir, `${name}.nrrd`), volume);
    }
    const files = { DCE2: 'DCE2.nrrd', T2: 'T2.nrrd', DWI: 'DWI.nrrd', ADC: 'ADC.nrrd' };
    const cohort = join(dir, 'cohort.csv');
    const point = study.tumourCentre.map((v) => v.toFixed(2)).join(' ');
    const truth = await cohortCase({ case_id: 't', mask: 'mask.nrrd', ...files }, cohort, DEMO_SETTINGS);
    const proposed = await cohortCase(
      { case_id: 'p', point, dce_pre: 'pre.nrrd', dce_post: 'post.nrrd', ...files },
      cohort,
      DEMO_SETTINGS,
    );
    const volume = [...truth.values.keys()].find((k) => k.endsWith('original_shape_MeshVolume'))!;
    expect(Math.abs(proposed.values.get(volume)! / truth.values.get(volume)! - 1)).toBeLessThan(0.1);
    await expect(cohortCase({ case_id: 'x', point, ...files }, cohort, DEMO_SETTINGS)).rejects.toThrow(
      /a point needs the dce_pre and dce_post images/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('points are three numbers, comma, semicolon or space separated', () => {
  expect(parseCohortPoint('1,2.5,-3')).toEqual([1, 2.5, -3]);
  expect(parseCohortPoint(' 1 2 3 ')).toEqual([1, 2, 3]);
  expect(() => parseCohortPoint('1,2')).toThrow(/three numbers/);
});
