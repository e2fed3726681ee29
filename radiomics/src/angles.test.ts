import { generateAngles } from './angles';

test('13 one-directional 3D offsets at distance 1, in PyRadiomics order (z, y, x)', () => {
  expect(generateAngles({ size: [5, 5, 5], distances: [1], excludedAxis: -1, bidirectional: false })).toEqual([
    [1, 1, 1],
    [1, 1, 0],
    [1, 1, -1],
    [1, 0, 1],
    [1, 0, 0],
    [1, 0, -1],
    [1, -1, 1],
    [1, -1, 0],
    [1, -1, -1],
    [0, 1, 1],
    [0, 1, 0],
    [0, 1, -1],
    [0, 0, 1],
  ]);
});

test('force2D along z keeps the 4 in-plane offsets', () => {
  expect(generateAngles({ size: [5, 5, 5], distances: [1], excludedAxis: 0, bidirectional: false })).toEqual([
    [0, 1, 1],
    [0, 1, 0],
    [0, 1, -1],
    [0, 0, 1],
  ]);
});

test('a one-slice crop gets the in-plane offsets without force2D', () => {
  expect(generateAngles({ size: [1, 5, 5], distances: [1], excludedAxis: -1, bidirectional: false })).toHaveLength(4);
});

test('both signs: 26 neighbours; distance 2 adds the 98 offsets of Chebyshev length 2', () => {
  expect(generateAngles({ size: [5, 5, 5], distances: [1], excludedAxis: -1, bidirectional: true })).toHaveLength(26);
  expect(generateAngles({ size: [5, 5, 5], distances: [1, 2], excludedAxis: -1, bidirectional: true })).toHaveLength(
    124,
  );
  expect(generateAngles({ size: [5, 5, 5], distances: [2], excludedAxis: -1, bidirectional: false })).toHaveLength(49);
});

test('offsets as long as the crop are dropped', () => {
  const angles = generateAngles({ size: [5, 2, 5], distances: [2], excludedAxis: -1, bidirectional: true });
  expect(angles.every(([, dy]) => Math.abs(dy) < 2)).toBe(true);
});
