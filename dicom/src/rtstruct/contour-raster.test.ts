// The rasterisation rule on contours whose answer is known by hand, and the refusals.
import type { Grid } from '@heron/radiomics';
import { rasteriseContours, selfCrossing } from './contour-raster';
import type { RtContour } from './rtstruct-reader';

// 10 x 10 x 3 voxels of 1 x 1 x 2 mm, voxel (0,0,0) at (0,0,0): index = (x, y, z / 2).
const GRID: Grid = { size: [10, 10, 3], spacing: [1, 1, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

function closed(points: [number, number][], z: number): RtContour {
  return { geometricType: 'CLOSED_PLANAR', points: points.flatMap(([x, y]) => [x, y, z]), imageSopInstanceUIDs: [] };
}

const square = (lo: number, hi: number): [number, number][] => [
  [lo, lo],
  [hi, lo],
  [hi, hi],
  [lo, hi],
];

function voxels(mask: Uint8Array, k: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < 10; j++) for (let i = 0; i < 10; i++) if (mask[i + 10 * (j + 10 * k)]) out.push(`${i},${j}`);
  return out;
}

describe('rasteriseContours', () => {
  it('takes the voxels whose centres are inside; a pixel-edge trace gives back exactly the traced pixels', () => {
    // The edges of pixels 2..5 (centres 2..5, edges at 1.5 and 5.5).
    const mask = rasteriseContours([closed(square(1.5, 5.5), 2)], GRID, 'box');
    expect(voxels(mask, 1)).toHaveLength(16);
    expect(voxels(mask, 0)).toHaveLength(0);
    expect(mask[2 + 10 * (2 + 10)]).toBe(1);
    expect(mask[6 + 10 * (2 + 10)]).toBe(0);
  });

  it('counts centres on the low edge in and on the high edge out (shared edges claimed once)', () => {
    const left = rasteriseContours(
      [
        closed(
          [
            [2, 2],
            [4, 2],
            [4, 4],
            [2, 4],
          ],
          0,
        ),
      ],
      GRID,
      'left',
    );
    const right = rasteriseContours(
      [
        closed(
          [
            [4, 2],
            [6, 2],
            [6, 4],
            [4, 4],
          ],
          0,
        ),
      ],
      GRID,
      'right',
    );
    expect(voxels(left, 0)).toEqual(['2,2', '3,2', '2,3', '3,3']);
    expect(voxels(right, 0)).toEqual(['4,2', '5,2', '4,3', '5,3']);
  });

  it('makes a contour inside another a hole, and one inside the hole an island', () => {
    const mask = rasteriseContours(
      [closed(square(-0.5, 9.5), 4), closed(square(1.5, 7.5), 4), closed(square(3.5, 5.5), 4)],
      GRID,
      'nested',
    );
    expect(voxels(mask, 2)).toHaveLength(100 - 36 + 4);
    expect(mask[2 + 10 * (2 + 20)]).toBe(0);
    expect(mask[4 + 10 * (4 + 20)]).toBe(1);
  });

  it('refuses open, self-crossing, non-planar and between-slice contours with a message', () => {
    expect(() => rasteriseContours([{ ...closed(square(1, 5), 2), geometricType: 'OPEN_PLANAR' }], GRID, 'A')).toThrow(
      /Contour 1 of ROI "A" is OPEN_PLANAR, not a closed contour/,
    );
    const bowtie = closed(
      [
        [1, 1],
        [5, 5],
        [5, 1],
        [1, 5],
      ],
      2,
    );
    expect(() => rasteriseContours([bowtie], GRID, 'B')).toThrow(/crosses itself/);
    const tilted: RtContour = {
      geometricType: 'CLOSED_PLANAR',
      points: [1, 1, 2, 5, 1, 2, 5, 5, 3, 1, 5, 3],
      imageSopInstanceUIDs: [],
    };
    expect(() => rasteriseContours([tilted], GRID, 'C')).toThrow(/not in the plane of the series' slices/);
    expect(() => rasteriseContours([closed(square(1, 5), 3)], GRID, 'D')).toThrow(/between two slices/);
    expect(() => rasteriseContours([closed(square(1, 5), 40)], GRID, 'E')).toThrow(/outside the slices/);
  });

  it('does not take a trace that touches itself at a corner for a crossing', () => {
    // Two pixels meeting at one corner, traced as one outline through the shared corner.
    const figureEight = [1.5, 1.5, 2.5, 1.5, 2.5, 2.5, 3.5, 2.5, 3.5, 3.5, 2.5, 3.5, 2.5, 2.5, 1.5, 2.5];
    expect(selfCrossing(figureEight)).toBeNull();
  });
});
