// 2D shape of a 2×2 pixel square (force2D along z): the marching-squares contour is the octagon around the pixel
// centres {0, 1}² grown by the diamond |dx| + |dy| ≤ ½.
import { shapeInputOf } from '../testing/fixtures';
import { prepareShape2D, shape2D } from './shape2d';

const settings = { force2D: true, force2Ddimension: 0 };
const square = prepareShape2D(
  shapeInputOf(
    [
      [
        [1, 1],
        [1, 1],
      ],
    ],
    [1, 1, 3],
    settings,
  ),
);
// Unit square + 4 side slabs (½ each) + 4 corner triangles (⅛ each); 4 unit sides + 4 diagonals of √½.
const area = 1 + 2 + 0.5;
const perimeter = 4 + 4 * Math.SQRT1_2;

test.each([
  ['MeshSurface', area],
  ['PixelSurface', 4],
  ['Perimeter', perimeter],
  ['PerimeterSurfaceRatio', perimeter / area],
  ['Sphericity', (2 * Math.sqrt(Math.PI * area)) / perimeter],
  ['SphericalDisproportion', perimeter / (2 * Math.sqrt(Math.PI * area))],
  ['MaximumDiameter', Math.sqrt(5)],
  ['MajorAxisLength', 2],
  ['MinorAxisLength', 2],
  ['Elongation', 1],
])('%s', (name, expected) => {
  expect((shape2D.features[name] ?? shape2D.deprecated![name])(square)).toBeCloseTo(expected, 12);
});

test('the slice may lie along any force2Ddimension; pixel spacing is that of the two kept axes', () => {
  // A 1 × 3 strip in the x–z plane (y dropped) with spacing x 2, z 0.5: pixel area 1, three pixels.
  const strip = prepareShape2D(
    shapeInputOf([[[1]], [[1]], [[1]]], [2, 7, 0.5], { force2D: true, force2Ddimension: 1 }),
  );
  expect(shape2D.features.PixelSurface(strip)).toBe(3);
});

test('a ROI thicker than one voxel along force2Ddimension is refused', () => {
  expect(() => prepareShape2D(shapeInputOf([[[1]], [[1]]], [1, 1, 1], settings))).toThrow(/one voxel thick/);
});
