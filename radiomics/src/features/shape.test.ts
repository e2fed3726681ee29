// 3D shape of hand-made masks (spacing 1 mm unless stated). The marching-cubes surface of a convex voxel block is the
// block of voxel centres grown by the octahedron |dx| + |dy| + |dz| ≤ ½ (vertices sit halfway to the outside
// neighbours), so its volume and area follow from faces, edge prisms and corner pieces.
import { shapeInputOf } from '../testing/fixtures';
import { prepareShape, shape } from './shape';

const value = (mask: number[][][], name: string, spacing: [number, number, number] = [1, 1, 1]) => {
  const prepared = prepareShape(shapeInputOf(mask, spacing));
  return (shape.features[name] ?? shape.deprecated![name])(prepared);
};

describe('a single voxel: an octahedron of radius ½', () => {
  const voxel = [[[1]]];
  test.each([
    ['MeshVolume', 1 / 6],
    ['SurfaceArea', Math.sqrt(3)],
    ['VoxelVolume', 1],
    ['Maximum3DDiameter', 1],
    ['Maximum2DDiameterSlice', 1],
    ['LeastAxisLength', 0],
  ])('%s', (name, expected) => expect(value(voxel, name)).toBeCloseTo(expected, 12));
});

describe('a 2×2×2 block', () => {
  const block = [
    [
      [1, 1],
      [1, 1],
    ],
    [
      [1, 1],
      [1, 1],
    ],
  ];
  // Unit cube of centres + 6 face slabs (½ each) + 12 edge prisms (⅛ each) + 8 corner tetrahedra (1/48 each).
  const volume = 1 + 3 + 1.5 + 1 / 6;
  // 6 unit squares, 12 chamfers 1 × √½, 8 equilateral triangles of side √½.
  const area = 6 + 12 * Math.SQRT1_2 + 8 * (Math.sqrt(3) / 8);
  test.each([
    ['MeshVolume', volume],
    ['SurfaceArea', area],
    ['SurfaceVolumeRatio', area / volume],
    ['Sphericity', (36 * Math.PI * volume ** 2) ** (1 / 3) / area],
    ['Compactness1', volume / (Math.sqrt(Math.PI) * area ** 1.5)],
    ['Compactness2', (36 * Math.PI * volume ** 2) / area ** 3],
    ['SphericalDisproportion', area / (36 * Math.PI * volume ** 2) ** (1 / 3)],
    ['VoxelVolume', 8],
    // Vertices (−½ or 1½ on one axis, 0 or 1 on the others): farthest pair (−½, 0, 0)–(1½, 1, 1).
    ['Maximum3DDiameter', Math.sqrt(6)],
    ['Maximum2DDiameterSlice', Math.sqrt(5)],
    ['Maximum2DDiameterColumn', Math.sqrt(5)],
    ['Maximum2DDiameterRow', Math.sqrt(5)],
    // Centres {0, 1}³: covariance ¼ I, so every axis is 4·½ long.
    ['MajorAxisLength', 2],
    ['MinorAxisLength', 2],
    ['LeastAxisLength', 2],
    ['Elongation', 1],
    ['Flatness', 1],
  ])('%s', (name, expected) => expect(value(block, name)).toBeCloseTo(expected, 12));

  test('spacing scales lengths and volumes per axis', () => {
    expect(value(block, 'VoxelVolume', [2, 1, 0.5])).toBe(8);
    expect(value(block, 'MeshVolume', [2, 1, 0.5])).toBeCloseTo(volume, 12);
    expect(value(block, 'MajorAxisLength', [2, 1, 0.5])).toBeCloseTo(4, 12);
    expect(value(block, 'LeastAxisLength', [2, 1, 0.5])).toBeCloseTo(1, 12);
  });
});
