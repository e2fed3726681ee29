// 2D shape features (PyRadiomics `shape2D`) of a ROI one voxel thick along force2Ddimension: the marching-squares
// contour gives area A and perimeter P; N pixels of area a; λ0 ≤ λ1 are the covariance eigenvalues (÷N) of the
// pixel-centre coordinates in mm.
import type { FeatureClass, ShapeInput } from '../feature-class';
import { marchingSquares } from './marching-squares';
import { principalMoments } from './principal-moments';
import { axisLength, roundedEigenvalues } from './shape';

export interface Shape2D {
  area: number;
  perimeter: number;
  pixels: number;
  pixelArea: number;
  diameter: number;
  lambda: Float64Array;
}

export function prepareShape2D({ size, spacing, map, settings }: ShapeInput): Shape2D {
  const axis = settings.force2Ddimension;
  // Array axes (z, y, x) = index axes (2, 1, 0); the slice keeps the two axes other than `axis`, in array order.
  const kept = [0, 1, 2].filter((a) => a !== axis).map((a) => 2 - a);
  if (size[2 - axis] !== 1) {
    throw new Error(
      `shape2D needs a ROI one voxel thick along force2Ddimension ${axis}; it is ${size[2 - axis]} thick`,
    );
  }
  const [rowAxis, columnAxis] = kept;
  const rows = size[rowAxis] + 2;
  const columns = size[columnAxis] + 2;
  const mask = new Uint8Array(rows * columns);
  const points: number[] = [];
  const stride = [1, size[0], size[0] * size[1]];
  for (let r = 0; r < size[rowAxis]; r++) {
    for (let c = 0; c < size[columnAxis]; c++) {
      if (!map[r * stride[rowAxis] + c * stride[columnAxis]]) continue;
      mask[(r + 1) * columns + c + 1] = 1;
      points.push(r + 1, c + 1);
    }
  }
  const pixelSpacing: [number, number] = [spacing[rowAxis], spacing[columnAxis]];
  const contour = marchingSquares(mask, rows, columns, pixelSpacing);
  const xy = new Float64Array(contour.vertices.length);
  for (let k = 0; k < xy.length; k++) xy[k] = (contour.vertices[k] / 2) * pixelSpacing[k % 2];
  return {
    area: contour.area,
    perimeter: contour.perimeter,
    pixels: points.length / 2,
    pixelArea: pixelSpacing[1] * pixelSpacing[0],
    diameter: Math.sqrt(farthestSquared2D(xy)),
    lambda: roundedEigenvalues(principalMoments(points, pixelSpacing), 2),
  };
}

function farthestSquared2D(xy: Float64Array): number {
  let best = 0;
  for (let a = 0; a < xy.length; a += 2) {
    for (let b = a + 2; b < xy.length; b += 2) {
      const d = (xy[a] - xy[b]) ** 2 + (xy[a + 1] - xy[b + 1]) ** 2;
      if (d > best) best = d;
    }
  }
  return best;
}

/** MeshSurface = ½ Σ over contour segments of a × b */
export function meshSurface(s: Shape2D): number {
  return s.area;
}

/** PixelSurface = N·a */
export function pixelSurface(s: Shape2D): number {
  return s.pixels * s.pixelArea;
}

/** Perimeter = Σ segment lengths */
export function perimeter(s: Shape2D): number {
  return s.perimeter;
}

/** PerimeterSurfaceRatio = P / A */
export function perimeterSurfaceRatio(s: Shape2D): number {
  return s.perimeter / s.area;
}

/** Sphericity = 2√(πA) / P */
export function sphericity(s: Shape2D): number {
  return (2 * Math.sqrt(Math.PI * s.area)) / s.perimeter;
}

/** SphericalDisproportion = P / (2√(πA)) (deprecated) */
export function sphericalDisproportion(s: Shape2D): number {
  return 1 / sphericity(s);
}

/** MaximumDiameter = max ‖a − b‖ over contour vertices */
export function maximumDiameter(s: Shape2D): number {
  return s.diameter;
}

/** MajorAxisLength = 4√λ1 */
export function majorAxisLength(s: Shape2D): number {
  return axisLength(s.lambda[1]);
}

/** MinorAxisLength = 4√λ0 */
export function minorAxisLength(s: Shape2D): number {
  return axisLength(s.lambda[0]);
}

/** Elongation = √(λ0/λ1) */
export function elongation(s: Shape2D): number {
  return s.lambda[0] < 0 || s.lambda[1] < 0 ? NaN : Math.sqrt(s.lambda[0] / s.lambda[1]);
}

export const shape2D: FeatureClass<ShapeInput, Shape2D> = {
  name: 'shape2D',
  prepare: prepareShape2D,
  features: {
    Elongation: elongation,
    MajorAxisLength: majorAxisLength,
    MaximumDiameter: maximumDiameter,
    MeshSurface: meshSurface,
    MinorAxisLength: minorAxisLength,
    Perimeter: perimeter,
    PerimeterSurfaceRatio: perimeterSurfaceRatio,
    PixelSurface: pixelSurface,
    Sphericity: sphericity,
  },
  deprecated: { SphericalDisproportion: sphericalDisproportion },
};
