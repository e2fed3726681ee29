import type { Outline } from './outline';
import { countVoxels, largestExtentMm, outlineWarning, summarizeOutline, volumeMl } from './outline-stats';

function outline(size: [number, number, number], spacing: [number, number, number], on: number[][]): Outline {
  const mask = new Uint8Array(size[0] * size[1] * size[2]);
  for (const [i, j, k] of on) mask[i + size[0] * (j + size[1] * k)] = 1;
  return {
    seriesInstanceUID: '1.2',
    sopInstanceUIDs: [],
    segmentLabel: 'Segment 1',
    mask,
    size,
    spacing,
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
}

describe('outline statistics', () => {
  it('counts voxels and converts their volume to mL', () => {
    expect(countVoxels(Uint8Array.from([0, 1, 1, 0, 1]))).toBe(3);
    // 1000 voxels of 0.7 x 0.7 x 1.5 mm = 735 mm³
    expect(volumeMl(1000, [0.7, 0.7, 1.5])).toBeCloseTo(0.735, 12);
  });

  it('measures the longest bounding-box side in mm, whole voxels included', () => {
    const o = outline(
      [10, 10, 10],
      [0.5, 0.7, 2],
      [
        [2, 3, 4],
        [5, 3, 4],
        [2, 8, 5],
      ],
    );
    // i: 4 voxels x 0.5 = 2 mm; j: 6 x 0.7 = 4.2 mm; k: 2 x 2 = 4 mm
    expect(largestExtentMm(o.mask, o.size, o.spacing)).toBeCloseTo(4.2, 12);
    expect(largestExtentMm(new Uint8Array(8), [2, 2, 2], [1, 1, 1])).toBe(0);
    expect(largestExtentMm(outline([3, 3, 3], [1, 1, 3], [[1, 1, 1]]).mask, [3, 3, 3], [1, 1, 3])).toBe(3);
  });

  it('summarises an outline for the panel', () => {
    const o = outline(
      [4, 4, 2],
      [1, 1, 2],
      [
        [0, 0, 0],
        [3, 0, 1],
      ],
    );
    expect(summarizeOutline(o)).toEqual({
      seriesInstanceUID: '1.2',
      segmentLabel: 'Segment 1',
      voxels: 2,
      volumeMl: 0.004,
      extentMm: 4,
    });
  });

  it('warns when there is no outline, an empty one, or one under 5 mm across', () => {
    const summary = { seriesInstanceUID: '1.2', segmentLabel: 'S', voxels: 10, volumeMl: 0.1, extentMm: 12 };
    expect(outlineWarning(null)).toBe('Outline the tumour with the brush on the DCE phase.');
    expect(outlineWarning({ ...summary, voxels: 0, volumeMl: 0, extentMm: 0 })).toMatch(/empty/);
    expect(outlineWarning({ ...summary, extentMm: 4.9 })).toMatch(/smaller than 5 mm across/);
    expect(outlineWarning({ ...summary, extentMm: 5 })).toBeNull();
    expect(outlineWarning(summary)).toBeNull();
  });
});
