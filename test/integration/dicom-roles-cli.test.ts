// `heron dicom-roles --dicom-dir DIR` on a phantom study written as files (GE style, one DCE series).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, writePhantomStudy } from '@heron/phantom';
import { runHeron } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'heron-dicom-roles-'));
let studyUid: string;

beforeAll(async () => {
  const study = generatePhantom({ seed: 5, crop: { marginMm: 3 }, dceLayout: 'single-series' });
  studyUid = (await writePhantomStudy(study, join(dir, 'study'), { vendor: 'ge' })).studyInstanceUID;
  writeFileSync(join(dir, 'README.txt'), 'not DICOM');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('heron dicom-roles', () => {
  it('prints every series with its role, the DCE phases in time order and the DWI b-values', async () => {
    const { code, out } = await runHeron(['dicom-roles', '--dicom-dir', dir]);
    expect(code).toBe(0);
    expect(out).toContain(`Study ${studyUid}`);
    expect(out).toMatch(/^\s+\d+\s+dce\s+\d+ images/m);
    expect(out).toMatch(/^\s+\d+\s+t2\s+\d+ images/m);
    expect(out).toMatch(/^\s+\d+\s+adc\s+\d+ images/m);
    expect(out).toMatch(/pre-contrast .*\n\s+post-contrast 1 .* 0 s after the first post-contrast phase/);
    expect(out).toMatch(/DWI b = 0 s\/mm²: .*\n\s+DWI b = 800 s\/mm²/);
    expect(out).toMatch(/\(3 files under .* are not DICOM images and were skipped\)/);
  });

  it('explains a missing option and a missing folder', async () => {
    const usage = await runHeron(['dicom-roles']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--dicom-dir DIR is required');
    const missing = await runHeron(['dicom-roles', '--dicom-dir', join(dir, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/folder .*nowhere does not exist/);
  });

  it("reads all of pydicom's test files without stopping, each unreadable one skipped with one line saying why", async () => {
    const testFiles = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
    const { code, out, err } = await runHeron(['dicom-roles', '--dicom-dir', testFiles]);
    expect(code).toBe(0);
    expect(out.match(/^Study /gm)?.length).toBeGreaterThan(10);
    const skipped = err.split('\n').filter((l) => l.startsWith('skipped: '));
    expect(skipped.length).toBeGreaterThan(0);
    for (const line of skipped) expect(line).toMatch(/^skipped: \S+ cannot be read: [a-z][^\n]*$/);
    expect(err).not.toMatch(/DataView|TypeError/);
    expect(err).toContain(
      'meta_missing_tsyntax.dcm cannot be read: its file meta information has no Transfer Syntax UID',
    );
    expect(err).toContain('rtplan_truncated.dcm cannot be read: the file ends in the middle of a data element');
  });
});
