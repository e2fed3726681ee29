// The `kinetics` column of a `heron features` cohort: a phantom row computes them, a file row reads what
// `heron kinetics` wrote; a case without a curve or without a SER is refused with the reason.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKinetics, phantomKinetics } from './cohort-kinetics';
import { featuresCommand } from './features-command';

const dir = mkdtempSync(join(tmpdir(), 'heron-cohort-kinetics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const measures = {
  initialEnhancementPercent: 142.1,
  peakEnhancementPercent: 144.24,
  timeToPeakS: 264,
  washInSlopePercentPerMin: 67.5,
  ser: 0.9852,
  delayedChangePercent: 1.5,
};

test('a file row reads the six measures of a heron kinetics JSON as DCE/kinetics/<name> columns', async () => {
  const ok = join(dir, 'k.json');
  writeFileSync(ok, JSON.stringify({ status: 'ok', curveType: 'plateau', ...measures }));
  const columns = await fileKinetics(ok);
  expect([...columns.keys()]).toEqual(Object.keys(measures).map((n) => `DCE/kinetics/${n}`));
  expect(columns.get('DCE/kinetics/ser')).toBe(0.9852);

  const none = join(dir, 'none.json');
  writeFileSync(none, JSON.stringify({ status: 'unavailable', reason: 'no pre-contrast phase' }));
  await expect(fileKinetics(none)).rejects.toThrow(/gives no kinetics: no pre-contrast phase/);
  const noSer = join(dir, 'no-ser.json');
  writeFileSync(noSer, JSON.stringify({ status: 'ok', ...measures, ser: null }));
  await expect(fileKinetics(noSer)).rejects.toThrow(/gives no ser/);
  await expect(fileKinetics(join(dir, 'missing.json'))).rejects.toThrow(/cannot be read as JSON/);
});

test('a phantom row with kinetics=1 adds the kinetic columns; other values are refused', async () => {
  expect(() =>
    phantomKinetics('yes', [], [], {
      data: new Uint8Array(0),
      size: [0, 0, 0],
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    }),
  ).toThrow(/kinetics must be 1 for a phantom row/);
  const cohort = join(dir, 'cohort.csv');
  writeFileSync(cohort, 'case_id,label,phantom_seed,kinetics\nc1,1,11,1\n');
  const out = join(dir, 'features.csv');
  expect(await featuresCommand.run(['--cohort', cohort, '--out', out])).toBe(0);
  const [header, row] = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  const at = header.indexOf('DCE/kinetics/initialEnhancementPercent');
  expect(at).toBeGreaterThan(0);
  expect(Number(row[at])).toBeGreaterThan(50);
  expect(header.filter((h) => h.startsWith('DCE/kinetics/'))).toHaveLength(6);
}, 120_000);
