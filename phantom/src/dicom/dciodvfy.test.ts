// Every kind of series the writer produces must pass dicom3tools' IOD validator without errors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePhantom, type DceLayout } from '../phantom';
import { VENDOR_STYLES } from './vendor-style';
import { writePhantomStudy } from './write-study';

const DCIODVFY = '/usr/bin/dciodvfy';

function validate(file: string): string[] {
  const run = spawnSync(DCIODVFY, [file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.trim().length > 0);
}

describe('dciodvfy', () => {
  const study = generatePhantom({ seed: 31, size: 'compact' });
  const dir = mkdtempSync(join(tmpdir(), 'phantom-dciodvfy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases = VENDOR_STYLES.flatMap((vendor) =>
    (['series-per-phase', 'single-series'] as DceLayout[]).map((layout) => [vendor, layout] as const),
  );

  it.each(cases)(
    'finds no error in any series of a %s-style study with %s DCE',
    async (vendor, layout) => {
      const written = await writePhantomStudy({ ...study, dceLayout: layout }, join(dir, `${vendor}-${layout}`), {
        vendor,
      });
      const problems: string[] = [];
      for (const series of written.series) {
        for (const file of [
          series.files[0],
          series.files[Math.floor(series.files.length / 2)],
          series.files[series.files.length - 1],
        ]) {
          const lines = validate(file);
          expect(lines[0]).toBe('MRImage');
          problems.push(
            ...lines.filter((line) => line.includes('Error')).map((line) => `${series.description}: ${line}`),
          );
        }
      }
      expect(problems).toEqual([]);
    },
    60_000,
  );

  it('reports TriggerTime on an ungated DCE, which is why it is only written on request', async () => {
    const written = await writePhantomStudy({ ...study, dceLayout: 'single-series' }, join(dir, 'trigger'), {
      triggerTime: true,
    });
    const dce = written.series.find((s) => s.role === 'dce')!;
    const errors = validate(dce.files[0]).filter((line) => line.includes('Error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/TriggerTime/);
  }, 60_000);
});
