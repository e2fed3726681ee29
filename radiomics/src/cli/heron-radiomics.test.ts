import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../testing/csv';
import { generatedTable, referencePath, relativeError } from '../testing/reference';
import { main } from './heron-radiomics';

const dir = mkdtempSync(join(tmpdir(), 'heron-radiomics-'));
const breast1 = [
  '--image',
  referencePath('pyradiomics/data/breast1_image.nrrd'),
  '--mask',
  referencePath('pyradiomics/data/breast1_label.nrrd'),
];

function run(args: string[]): { code: Promise<number>; stderr: string[]; stdout: string[] } {
  const stderr: string[] = [];
  const stdout: string[] = [];
  return { code: main(args, { out: (line) => stdout.push(line), err: (line) => stderr.push(line) }), stderr, stdout };
}

test('extract writes feature,value rows equal to PyRadiomics (default settings); --repeat reports the median', async () => {
  const out = join(dir, 'breast1.csv');
  const { code, stderr } = run(['extract', ...breast1, '--out', out, '--repeat', '3']);
  expect(await code).toBe(0);
  expect(JSON.parse(stderr[stderr.length - 1])).toEqual({ extractMs: expect.any(Number) });
  const rows = parseCsv(readFileSync(out, 'utf8'));
  expect(rows[0]).toEqual(['feature', 'value']);
  const expected = generatedTable('A_noResampling.csv').get('breast1')!;
  const body = rows.slice(1).filter((r) => r.length === 2);
  expect(body).toHaveLength(107);
  for (const [name, value] of body) {
    expect(value).toMatch(/^-?\d\.\d{16}(e[-+]\d+)?$|^-?\d+\.\d+$/);
    expect(relativeError(Number(value), expected.get(name)!)).toBeLessThan(1e-9);
  }
});

test('--params and --label are applied', async () => {
  const params = join(dir, 'params.yaml');
  writeFileSync(params, 'featureClass:\n  firstorder: [Mean]\nsetting:\n  label: 7\n');
  const out = join(dir, 'mean.csv');
  const { code } = run(['extract', ...breast1, '--params', params, '--label', '1', '--out', out]);
  expect(await code).toBe(0);
  expect(readFileSync(out, 'utf8')).toMatch(/^feature,value\noriginal_firstorder_Mean,[-\d.e+]+\n$/);
});

test('--threads 1 and --threads 2 write the same file', async () => {
  const params = join(dir, 'threads.yaml');
  writeFileSync(
    params,
    'imageType:\n  Original: {}\n  LoG: {sigma: [1.0, 2.0]}\n  Wavelet: {}\nfeatureClass:\n  firstorder:\n  glcm:\n',
  );
  const outputs = [];
  for (const threads of ['1', '2']) {
    const out = join(dir, `threads-${threads}.csv`);
    expect(await run(['extract', ...breast1, '--params', params, '--threads', threads, '--out', out]).code).toBe(0);
    outputs.push(readFileSync(out, 'utf8'));
  }
  expect(outputs[1]).toBe(outputs[0]);
  expect(outputs[0].split('\n').length).toBeGreaterThan(11 * 18);
}, 120_000);

test('usage errors exit 2, bad input exits 1 with the reason', async () => {
  const missing = run(['extract', '--image', 'a.nrrd']);
  expect(await missing.code).toBe(2);
  expect(missing.stderr[0]).toMatch(/--image, --mask and --out are required\nusage: heron-radiomics extract/);
  const badRepeat = run(['extract', ...breast1, '--out', join(dir, 'x.csv'), '--repeat', '0']);
  expect(await badRepeat.code).toBe(2);
  const badThreads = run(['extract', ...breast1, '--out', join(dir, 'x.csv'), '--threads', 'two']);
  expect(await badThreads.code).toBe(2);
  expect(badThreads.stderr[0]).toMatch(/--threads must be a positive integer, got 'two'/);
  const typo = join(dir, 'typo.yaml');
  writeFileSync(typo, 'setting:\n  binwidth: 25\n');
  const bad = run(['extract', ...breast1, '--params', typo, '--out', join(dir, 'y.csv')]);
  expect(await bad.code).toBe(1);
  expect(bad.stderr[0]).toMatch(/typo\.yaml: setting: unknown setting "binwidth" \(did you mean "binWidth"\?\)/);
  const absent = run([
    'extract',
    '--image',
    join(dir, 'none.nrrd'),
    '--mask',
    join(dir, 'none.nrrd'),
    '--out',
    join(dir, 'z.csv'),
  ]);
  expect(await absent.code).toBe(1);
  expect(absent.stderr[0]).toMatch(/cannot read .*none\.nrrd: no such file/);
});

test('ibsi writes the IBSI table for the digital phantom, with a parameter file setting the discretisation', async () => {
  const phantom = [
    '--image',
    referencePath('ibsi/digital_phantom/nifti/image/phantom.nii.gz'),
    '--mask',
    referencePath('ibsi/digital_phantom/nifti/mask/mask.nii.gz'),
  ];
  const out = join(dir, 'ibsi.csv');
  expect(await run(['ibsi', ...phantom, '--out', out]).code).toBe(0);
  const rows = parseCsv(readFileSync(out, 'utf8')).filter((r) => r.length === 6);
  expect(rows[0]).toEqual(['family', 'feature', 'ibsi_code', 'aggregation', 'variant', 'value']);
  expect(rows).toHaveLength(483);
  const find = (feature: string, aggregation: string) => rows.find((r) => r[1] === feature && r[3] === aggregation)!;
  expect(Number(find('Joint maximum', '2D, averaged')[5])).toBeCloseTo(0.519, 3);
  expect(Number(find('Mean intensity', '')[5])).toBeCloseTo(2.15, 2);
  const params = join(dir, 'ibsi-params.yaml');
  writeFileSync(params, 'setting:\n  binCount: 2\n');
  expect(await run(['ibsi', ...phantom, '--params', params, '--out', out]).code).toBe(0);
  const coarse = parseCsv(readFileSync(out, 'utf8')).filter((r) => r.length === 6);
  expect(Number(coarse.find((r) => r[1] === 'Maximum discretised intensity')![5])).toBe(2);
  const missing = run(['ibsi', ...phantom]);
  expect(await missing.code).toBe(2);
  expect(missing.stderr.join('\n')).toMatch(/--image, --mask and --out are required/);
});
