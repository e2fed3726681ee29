import { decodeOutcome, encodeOutcome } from './case-codec';

it('keeps every value, NaN and infinities included, and failures', () => {
  const values = new Map([
    ['a', 0.1 + 0.2],
    ['b', Number.NaN],
    ['c', -Infinity],
    ['d', 1e-300],
  ]);
  const back = decodeOutcome(encodeOutcome({ id: 'c1', label: 1, values }));
  expect(back).toEqual({ id: 'c1', label: 1, values });
  expect('values' in back && Object.is(back.values.get('b'), Number.NaN)).toBe(true);
  expect(decodeOutcome(encodeOutcome({ id: 'c2', values: new Map() }))).toEqual({ id: 'c2', values: new Map() });
  expect(decodeOutcome(encodeOutcome({ error: 'no mask column' }))).toEqual({ error: 'no mask column' });
});
