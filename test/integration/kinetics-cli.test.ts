// `heron kinetics` on a phantom written as DICOM files: the JSON a cohort study reads, and a clear statement
// instead of a curve for each study or outline that cannot give one.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generatePhantom, writePhantomStudy, type PhantomStudy, type WrittenStudy } from '@heron/phantom';
import { arrayBufferOf, DicomDict, DicomMessage } from '@heron/dicom/core';
import { writeNrrdFile } from '@heron/radiomics/node';
import { runHeron } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'heron-kinetics-cli-'));
const studyDir = join(dir, 'study');
let written: WrittenStudy;
let study: PhantomStudy;

beforeAll(async () => {
  // Seed 5 is a small washout tumour (drawn parameters); cropped to keep the files few.
  study = generatePhantom({ seed: 5, crop: { marginMm: 6 } });
  written = await writePhantomStudy(study, studyDir);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dceFolders = () => written.series.filter((s) => s.role === 'dce').map((s) => dirname(s.files[0]));

/** A copy of the study with `change` applied, and the result of `heron kinetics` on it. */
async function kineticsOf(name: string, change: (copy: string) => void = () => {}, mask = written.maskFile) {
  const copy = join(dir, name);
  cpSync(studyDir, copy, { recursive: true });
  change(copy);
  const out = join(dir, `${name}.json`);
  const run = await runHeron(['kinetics', '--dicom-dir', copy, '--mask', mask, '--out', out]);
  return { ...run, json: JSON.parse(readFileSync(out, 'utf8')) };
}

const inCopy = (copy: string, folder: string) => join(copy, folder.slice(studyDir.length + 1));

describe('heron kinetics', () => {
  it('writes the classes, the measures and the curve against time after injection', async () => {
    const params = JSON.parse(readFileSync(written.paramsFile, 'utf8'));
    const { code, out, json } = await kineticsOf('good');
    expect(code).toBe(0);
    expect(out).toMatch(/curve \(delayed change -?\d/);
    expect(out).toMatch(/Research use only/);
    expect(json.status).toBe('ok');
    expect(json.curveType).toBe(params.tumour.kinetics.curveType);
    expect(['slow', 'medium', 'rapid']).toContain(json.initialPhase);
    expect(json.curve.timeS).toEqual(params.tumour.kinetics.designed.timeS);
    expect(json.curve.timeS[0]).toBeLessThan(0);
    expect(json.curve.meanSignal).toHaveLength(6);
    expect(json.meanInitialEnhancementPercent).toBeCloseTo(
      params.tumour.kinetics.designed.initialEnhancementPercent,
      0,
    );
    expect(json.timeToPeakS).toBeGreaterThan(0);
    expect(typeof json.ser).toBe('number');
    expect(json.thresholds).toMatchObject({ slowBelowPercent: 50, rapidAbovePercent: 100, persistentAbovePercent: 10 });
    expect(json.researchUseOnly).toBe(true);
  });

  it('a DCE with one phase', async () => {
    const r = await kineticsOf('one-phase', (c) =>
      dceFolders()
        .slice(1)
        .forEach((f) => rmSync(inCopy(c, f), { recursive: true })),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/The DCE has 1 phase: kinetics needs a pre-contrast and at least two post-contrast phases/);
    expect(r.json).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/1 phase/) });
  });

  it('a DCE whose pre-contrast phase is missing', async () => {
    const r = await kineticsOf('no-pre', (c) => rmSync(inCopy(c, dceFolders()[0]), { recursive: true }));
    expect(r.code).toBe(1);
    expect(r.json.reason).toMatch(/no pre-contrast phase/);
  });

  it('phases without acquisition times', async () => {
    const r = await kineticsOf('no-times', (c) => {
      for (const s of written.series.filter((x) => x.role === 'dce')) {
        for (const f of s.files) {
          const file = inCopy(c, f);
          const message = DicomMessage.readFile(arrayBufferOf(readFileSync(file)));
          // AcquisitionDateTime, AcquisitionTime, ContentTime: every clock an image can carry.
          for (const tag of ['0008002A', '00080032', '00080033']) delete message.dict[tag];
          const out = new DicomDict(message.meta);
          out.dict = message.dict;
          writeFileSync(file, Buffer.from(out.write()));
        }
      }
    });
    expect(r.code).toBe(1);
    expect(r.json.reason).toMatch(/no usable acquisition times/);
  });

  it('an outline that does not enhance', async () => {
    const m = study.mask;
    const data = new Uint8Array(m.data.length);
    // A 5x5x3 block in the corner of the cropped field: fat, skin or air, never tumour.
    for (let k = 0; k < 3; k++)
      for (let j = 0; j < 5; j++) for (let i = 0; i < 5; i++) data[i + m.size[0] * (j + m.size[1] * k)] = 1;
    const file = join(dir, 'corner.nrrd');
    await writeNrrdFile(file, { ...m, data });
    const r = await kineticsOf('no-enhancement', () => {}, file);
    expect(r.code).toBe(1);
    expect(r.json.reason).toMatch(/the outline does not enhance/);
  });

  it('refuses missing options with the usage line', async () => {
    const r = await runHeron(['kinetics', '--dicom-dir', studyDir, '--out', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--mask mask.nrrd is required/);
  });
});
