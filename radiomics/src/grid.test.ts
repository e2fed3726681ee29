import { indexToPhysical, sameGrid } from './grid';
import { mapMask } from './map-mask';
import type { Volume } from './volume';

// A 6 mm ball on a 0.5 x 0.5 x 1 mm grid centred at the origin.
const grid = {
  size: [40, 36, 24] as [number, number, number],
  spacing: [0.5, 0.5, 1] as [number, number, number],
  origin: [-10, -9, -12] as [number, number, number],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

function ball(): Volume {
  const data = new Uint8Array(40 * 36 * 24);
  let n = 0;
  for (let k = 0; k < 24; k++) {
    for (let j = 0; j < 36; j++) {
      for (let i = 0; i < 40; i++, n++) {
        const p = indexToPhysical(grid, [i, j, k]);
        data[n] = Math.hypot(p[0], p[1], p[2]) <= 6 ? 1 : 0;
      }
    }
  }
  return { ...grid, data };
}

describe('sameGrid', () => {
  it('takes grids within its tolerances as the same, and others not', () => {
    expect(
      sameGrid(grid, {
        ...grid,
        origin: [-10.009, -8.991, -12],
        spacing: [0.5009, 0.4991, 1],
        direction: [1, 9e-5, 0, -9e-5, 1, 0, 0, 0, 1],
      }),
    ).toBe(true);
    expect(sameGrid(grid, { ...grid, origin: [-10.02, -9, -12] })).toBe(false);
    expect(sameGrid(grid, { ...grid, spacing: [0.502, 0.5, 1] })).toBe(false);
    expect(sameGrid(grid, { ...grid, direction: [1, 2e-4, 0, 0, 1, 0, 0, 0, 1] })).toBe(false);
    expect(sameGrid(grid, { ...grid, size: [40, 36, 25] })).toBe(false);
  });

  it('takes as the same a grid onto which mapMask would leave a mask unchanged', () => {
    const mask = ball();
    const shifted = {
      ...grid,
      origin: [-10.009, -8.991, -11.991] as [number, number, number],
      direction: [1, 9e-5, 0, -9e-5, 1, 0, 0, 0, 1],
    };
    expect(sameGrid(mask, shifted)).toBe(true);
    expect(Buffer.compare(mapMask(mask, shifted).data as Uint8Array, mask.data as Uint8Array)).toBe(0);
  });
});
