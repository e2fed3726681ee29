import { encodeMaskRuns as encodeRuns } from '@heron/radiomics';
import type { MaskOutline } from '../contract';
import { checkOutline, maskExtent, maskOutlineVolume } from './outline';

const grid = {
  size: [4, 3, 2] as [number, number, number],
  spacing: [2, 2, 3] as [number, number, number],
  origin: [0, 0, 0] as [number, number, number],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

function outline(mask: number[]): MaskOutline {
  return {
    kind: 'mask',
    seriesInstanceUID: '1.2',
    sopInstanceUIDs: ['1.2.1', '1.2.2'],
    ...grid,
    runs: encodeRuns(mask),
  };
}

describe('maskOutlineVolume', () => {
  it('decodes the mask on its grid', () => {
    const mask = [0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(Array.from(maskOutlineVolume(outline(mask)).data)).toEqual(mask);
  });

  it('refuses runs that do not fill the grid, or slices without images', () => {
    expect(() => maskOutlineVolume({ ...outline(new Array(24).fill(0)), runs: [23] })).toThrow(
      'The outline is malformed: the mask runs cover 23 voxels, the grid has 24',
    );
    expect(() => maskOutlineVolume({ ...outline(new Array(24).fill(0)), sopInstanceUIDs: ['1.2.1'] })).toThrow(
      '2 slices but names 1 images',
    );
  });
});

describe('checkOutline', () => {
  it('measures the extent along the axes in mm', () => {
    const mask = new Array(24).fill(0);
    mask[0] = 1;
    mask[3] = 1;
    expect(maskExtent(maskOutlineVolume(outline(mask)))).toEqual({ voxels: 2, extentMm: 8 });
  });

  it('refuses an empty outline and one under 5 mm across', () => {
    expect(() => checkOutline(maskOutlineVolume(outline(new Array(24).fill(0))))).toThrow('The outline is empty');
    const small = new Array(24).fill(0);
    small[0] = 1;
    small[1] = 1;
    expect(() => checkOutline(maskOutlineVolume(outline(small)))).toThrow('4.0 mm across; Heron needs at least 5 mm');
    const ok = new Array(24).fill(0);
    ok[0] = 1;
    ok[2] = 1;
    expect(() => checkOutline(maskOutlineVolume(outline(ok)))).not.toThrow();
  });
});
