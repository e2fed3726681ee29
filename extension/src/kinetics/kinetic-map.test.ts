import type { MaskOutline } from '@heron/server/contract';
import { encodeMaskRuns } from '@heron/radiomics';
import { type KineticMap, kineticMapSlices, KINETIC_MAP_SEGMENTS } from './kinetic-map';

// A 3×2×2 grid on images a and b.
const grid = (mask: number[]): MaskOutline => ({
  kind: 'mask',
  seriesInstanceUID: '1.2.3',
  sopInstanceUIDs: ['1.2.3.1', '1.2.3.2'],
  size: [3, 2, 2],
  spacing: [1, 1, 1],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  runs: encodeMaskRuns(mask),
});

const thresholds = {
  initialPhaseEndS: 120,
  slowBelowPercent: 50,
  rapidAbovePercent: 100,
  persistentAbovePercent: 10,
  washoutBelowPercent: -10,
  delayedChangeBasis: 'signal' as const,
  minimumEnhancementPercent: 10,
  mapMinimumInitialEnhancementPercent: 50,
};

const map = (labels: KineticMap['labels']): KineticMap => ({
  seriesInstanceUID: '1.2.3',
  labels,
  thresholds,
  region: 'breasts',
  researchUseOnly: true,
});

describe('kineticMapSlices', () => {
  it('paints each curve type with its label on the images it touches', () => {
    const slices = kineticMapSlices(
      map([
        { label: 1, curveType: 'persistent', voxelCount: 2, outline: grid([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) },
        { label: 3, curveType: 'washout', voxelCount: 1, outline: grid([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]) },
        { label: 2, curveType: 'plateau', voxelCount: 1, outline: grid([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]) },
      ]),
    );
    expect([...slices.keys()]).toEqual(['1.2.3.1', '1.2.3.2']);
    expect([...slices.get('1.2.3.1')!]).toEqual([1, 1, 0, 0, 0, 3]);
    expect([...slices.get('1.2.3.2')!]).toEqual([0, 0, 0, 0, 0, 2]);
  });

  it('refuses masks that overlap or lie on different grids', () => {
    const a = grid([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() =>
      kineticMapSlices(
        map([
          { label: 1, curveType: 'persistent', voxelCount: 1, outline: a },
          { label: 3, curveType: 'washout', voxelCount: 1, outline: a },
        ]),
      ),
    ).toThrow(/two curve types/);
    expect(() =>
      kineticMapSlices(
        map([
          { label: 1, curveType: 'persistent', voxelCount: 1, outline: a },
          { label: 2, curveType: 'plateau', voxelCount: 1, outline: { ...a, sopInstanceUIDs: ['9.9', '9.8'] } },
        ]),
      ),
    ).toThrow(/one grid/);
  });

  it('numbers the segments as the server labels them: 1 persistent, 2 plateau, 3 wash-out', () => {
    expect(Object.values(KINETIC_MAP_SEGMENTS).map((s) => [s.label, s.name])).toEqual([
      [1, 'Persistent'],
      [2, 'Plateau'],
      [3, 'Wash-out'],
    ]);
  });
});
