// The pool gives what extractFeatures gives (same names, order and values) on real worker threads, reports a bad
// input as extractFeatures words it, and survives it for the next extraction.
import { extractFeatures } from '../extractor';
import { parseParams } from '../params';
import { pyradiomicsCase } from '../testing/reference';
import { ExtractionPool } from './extraction-pool';

const PARAMS = parseParams(`
imageType:
  Original: {}
  LoG: {sigma: [1.0, 2.0, 3.0]}
  Wavelet: {}
featureClass:
  shape:
  firstorder:
  glcm:
  glszm:
setting: {binWidth: 25, label: 1}
`);

const pool = new ExtractionPool(2);
afterAll(() => pool.close());

test.each(['brain1', 'breast1'])(
  '%s: two threads give the single-thread result',
  async (name) => {
    const [image, mask] = await pyradiomicsCase(name);
    const parallel = await pool.extract(image, mask, PARAMS);
    const single = extractFeatures(image, mask, PARAMS);
    expect([...parallel.keys()]).toEqual([...single.keys()]);
    expect([...parallel.values()]).toEqual([...single.values()]);
  },
  120_000,
);

test('a bad input fails with the message extractFeatures gives, and the pool goes on', async () => {
  const [image, mask] = await pyradiomicsCase('breast1');
  let expected = '';
  try {
    extractFeatures(image, mask, PARAMS, { label: 7 });
  } catch (error) {
    expected = (error as Error).message;
  }
  expect(expected).toMatch(/label 7 is not present/);
  await expect(pool.extract(image, mask, PARAMS, { label: 7 })).rejects.toThrow(expected);
  expect((await pool.extract(image, mask, PARAMS)).size).toBeGreaterThan(100);
}, 120_000);

test('timing steps come back from the workers', async () => {
  const [image, mask] = await pyradiomicsCase('breast1');
  const stages = new Set<string>();
  await pool.extract(image, mask, PARAMS, { onTiming: (step) => stages.add(`${step.imageType}/${step.stage}`) });
  expect([...stages]).toEqual(expect.arrayContaining(['Original/shape', 'LoG/filter', 'Wavelet/glszm']));
});

test('a pool refuses a thread count that is not a positive integer', () => {
  expect(() => new ExtractionPool(0)).toThrow(/positive integer/);
});
