// `heron propose` on a phantom study written as DICOM files: the NRRD it writes is on the grid of the chosen
// post-contrast phase and agrees with the phantom's ground truth; a point that finds no lesion is refused in words.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy, type PhantomStudy } from '@heron/phantom';
import { parseVolume } from '@heron/radiomics';
import { centreClick, dice } from '../support/proposal-cases';
import { runHeron } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'heron-propose-'));
let study: PhantomStudy;

beforeAll(async () => {
  study = generatePhantom({ seed: 3, size: 'compact', dceLayout: 'single-series' });
  await writePhantomStudy(study, join(dir, 'study'), { vendor: 'siemens' });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('heron propose', () => {
  it('writes the proposal on the grid of post-contrast phase N, close to the ground truth', async () => {
    const out = join(dir, 'proposal.nrrd');
    const point = centreClick(study).join(',');
    const { code, out: printed } = await runHeron([
      'propose',
      '--dicom-dir',
      join(dir, 'study'),
      '--point',
      point,
      '--phase',
      '2',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(printed).toMatch(/Proposed outline on .*post-contrast 2.*ml/);
    const mask = await parseVolume(new Uint8Array(readFileSync(out)), 'proposal.nrrd');
    const truth = await parseVolume(new Uint8Array(readFileSync(join(dir, 'study', 'mask.nrrd'))), 'mask.nrrd');
    expect(mask.size).toEqual(truth.size);
    mask.spacing.forEach((s, a) => expect(s).toBeCloseTo(truth.spacing[a], 4));
    mask.origin.forEach((o, a) => expect(o).toBeCloseTo(truth.origin[a], 3));
    expect(dice(mask.data, truth.data)).toBeGreaterThan(0.85);
  });

  it('says why when the point finds nothing, is outside the images or is malformed', async () => {
    const out = join(dir, 'none.nrrd');
    const far = await runHeron(['propose', '--dicom-dir', join(dir, 'study'), '--point', '0,0,5000', '--out', out]);
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/outside the images/);
    // The corner of the compact field of view is air, outside the body.
    const { origin, spacing } = study.mask;
    const air = [3, 3, 10].map((v, a) => origin[a] + v * spacing[a]).join(',');
    const outside = await runHeron(['propose', '--dicom-dir', join(dir, 'study'), '--point', air, '--out', out]);
    expect(outside.code).toBe(1);
    expect(outside.err).toMatch(/no signal at this point: it is outside the body/);
    const bad = await runHeron(['propose', '--dicom-dir', join(dir, 'study'), '--point', '1,2', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/three numbers X,Y,Z/);
    const phase = await runHeron([
      'propose',
      '--dicom-dir',
      join(dir, 'study'),
      '--point',
      '1,2,3',
      '--phase',
      '9',
      '--out',
      out,
    ]);
    expect(phase.code).toBe(1);
    expect(phase.err).toMatch(/no post-contrast phase 9/);
  });
});
