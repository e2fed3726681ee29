import { discretize } from './discretize';

function levelsOf(values: number[], settings: { binWidth?: number; binCount?: number | null }) {
  const result = discretize(Float64Array.from(values), Int32Array.from(values.keys()), {
    binWidth: settings.binWidth ?? 25,
    binCount: settings.binCount ?? null,
  });
  return { levels: [...result.levels], grayLevels: [...result.grayLevels], ng: result.ng };
}

describe('fixed bin width', () => {
  test('bins are anchored at multiples of W: level = ⌊x/W⌋ − ⌊min/W⌋ + 1 (PyRadiomics docs: 54…166, W 25 → edges 50, 75, …)', () => {
    expect(levelsOf([54, 74, 75, 100, 124.9, 166], { binWidth: 25 }).levels).toEqual([1, 1, 2, 3, 3, 5]);
  });

  test('negative values use floor modulo (min −7, W 5 → edges −10, −5, 0, …)', () => {
    expect(levelsOf([-7, -5, -0.5, 0, 4.99], { binWidth: 5 }).levels).toEqual([1, 2, 2, 3, 3]);
  });

  test('Ng is the highest level present, gaps included', () => {
    const { grayLevels, ng } = levelsOf([0, 1, 30], { binWidth: 10 });
    expect(grayLevels).toEqual([1, 4]);
    expect(ng).toBe(4);
  });

  test('a flat region lands in bin 1', () => {
    expect(levelsOf([42, 42, 42], { binWidth: 25 }).levels).toEqual([1, 1, 1]);
  });
});

describe('fixed bin count', () => {
  test('N equal bins over [min, max], the maximum in bin N (0…10, N 5 → edges 0, 2, 4, 6, 8, 10 + 1)', () => {
    expect(levelsOf([0, 1.99, 2, 5, 9.99, 10], { binCount: 5 }).levels).toEqual([1, 1, 2, 3, 5, 5]);
  });

  test('a flat region is widened to [v − 0.5, v + 0.5] and lands in the middle bin', () => {
    expect(levelsOf([3, 3], { binCount: 64 }).levels).toEqual([33, 33]);
  });
});

test('an absurd bin count is refused before memory runs out', () => {
  expect(() => levelsOf([0, 1e12], { binWidth: 1 })).toThrow(
    /discretisation would need \d+ bins for intensities 0…1000000000000/,
  );
});
