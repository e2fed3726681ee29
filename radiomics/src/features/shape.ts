// 3D shape features (PyRadiomics `shape`) of the ROI mask cropped to its bounding box: the marching-cubes mesh gives
// volume V and surface A; N voxels of volume v give VoxelVolume; λ0 ≤ λ1 ≤ λ2 are the eigenvalues of the covariance
// (÷N) of the voxel-centre coordinates in mm.
import type { FeatureClass, ShapeInput } from '../feature-class';
import { symmetricEigenvalues } from '../eigen';
import { meshDiameters, type Diameters } from './diameters';
import { marchingCubes } from './marching-cubes';
import { principalMoments } from './principal-moments';

export interface Shape3D {
  volume: number;
  area: number;
  voxels: number;
  voxelVolume: number;
  diameters: Diameters;
  /** Covariance eigenvalues, ascending. */
  lambda: Float64Array;
  /** Mesh vertices as doubled (z, y, x) grid coordinates of the zero-padded crop (one voxel of padding). */
  vertices: Int32Array;
}

export function prepareShape({ size, spacing, map }: ShapeInput): Shape3D {
  const [nx, ny, nz] = size;
  const padded = [nz + 2, ny + 2, nx + 2];
  const mask = new Uint8Array(padded[0] * padded[1] * padded[2]);
  let voxels = 0;
  for (let n = 0; n < map.length; n++) voxels += map[n];
  // Voxel positions (z, y, x) in the padded array, as PyRadiomics takes them for the principal axes.
  const points = new Int32Array(3 * voxels);
  for (let k = 0, n = 0, p = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (!map[n]) continue;
        mask[i + 1 + padded[2] * (j + 1 + padded[1] * (k + 1))] = 1;
        points[p++] = k + 1;
        points[p++] = j + 1;
        points[p++] = i + 1;
      }
    }
  }
  const zyxSpacing: [number, number, number] = [spacing[2], spacing[1], spacing[0]];
  const mesh = marchingCubes(mask, padded, zyxSpacing);
  const covariance = principalMoments(points, zyxSpacing);
  return {
    volume: mesh.volume,
    area: mesh.area,
    voxels,
    voxelVolume: spacing[2] * spacing[0] * spacing[1],
    diameters: meshDiameters(mesh.vertices, zyxSpacing),
    lambda: roundedEigenvalues(covariance, 3),
    vertices: mesh.vertices,
  };
}

/** Eigenvalues ascending, with PyRadiomics' correction of rounding noise: values in (−1e−10, 0) become 0. */
export function roundedEigenvalues(matrix: Float64Array, n: number): Float64Array {
  return symmetricEigenvalues(matrix, n).map((l) => (l < 0 && l > -1e-10 ? 0 : l));
}

/** MeshVolume = Σ over triangles of (a × b)·c / 6 (signed tetrahedra to the origin) */
export function meshVolume(s: Shape3D): number {
  return s.volume;
}

/** VoxelVolume = N·v */
export function voxelVolume(s: Shape3D): number {
  return s.voxels * s.voxelVolume;
}

/** SurfaceArea = Σ over triangles of ½ |(a − c) × (b − c)| */
export function surfaceArea(s: Shape3D): number {
  return s.area;
}

/** SurfaceVolumeRatio = A / V */
export function surfaceVolumeRatio(s: Shape3D): number {
  return s.area / s.volume;
}

/** Sphericity = (36πV²)^(1/3) / A */
export function sphericity(s: Shape3D): number {
  return (36 * Math.PI * s.volume ** 2) ** (1 / 3) / s.area;
}

/** Compactness1 = V / (√π A^(3/2)) (deprecated) */
export function compactness1(s: Shape3D): number {
  return s.volume / (s.area ** (3 / 2) * Math.sqrt(Math.PI));
}

/** Compactness2 = 36π V² / A³ (deprecated) */
export function compactness2(s: Shape3D): number {
  return (36 * Math.PI * s.volume ** 2) / s.area ** 3;
}

/** SphericalDisproportion = A / (36πV²)^(1/3) (deprecated) */
export function sphericalDisproportion(s: Shape3D): number {
  return s.area / (36 * Math.PI * s.volume ** 2) ** (1 / 3);
}

/** Maximum3DDiameter = max ‖a − b‖ over mesh vertices */
export function maximum3DDiameter(s: Shape3D): number {
  return s.diameters.max3D;
}

/** Maximum2DDiameterSlice = max ‖a − b‖ over mesh vertices in the same axial plane */
export function maximum2DDiameterSlice(s: Shape3D): number {
  return s.diameters.slice;
}

/** Maximum2DDiameterColumn = max ‖a − b‖ over mesh vertices in the same coronal plane */
export function maximum2DDiameterColumn(s: Shape3D): number {
  return s.diameters.column;
}

/** Maximum2DDiameterRow = max ‖a − b‖ over mesh vertices in the same sagittal plane */
export function maximum2DDiameterRow(s: Shape3D): number {
  return s.diameters.row;
}

/** MajorAxisLength = 4√λ2 */
export function majorAxisLength(s: Shape3D): number {
  return axisLength(s.lambda[2]);
}

/** MinorAxisLength = 4√λ1 */
export function minorAxisLength(s: Shape3D): number {
  return axisLength(s.lambda[1]);
}

/** LeastAxisLength = 4√λ0 */
export function leastAxisLength(s: Shape3D): number {
  return axisLength(s.lambda[0]);
}

/** Elongation = √(λ1/λ2) */
export function elongation(s: Shape3D): number {
  return s.lambda[1] < 0 || s.lambda[2] < 0 ? NaN : Math.sqrt(s.lambda[1] / s.lambda[2]);
}

/** Flatness = √(λ0/λ2) */
export function flatness(s: Shape3D): number {
  return s.lambda[0] < 0 || s.lambda[2] < 0 ? NaN : Math.sqrt(s.lambda[0] / s.lambda[2]);
}

export function axisLength(lambda: number): number {
  return lambda < 0 ? NaN : Math.sqrt(lambda) * 4;
}

export const shape: FeatureClass<ShapeInput, Shape3D> = {
  name: 'shape',
  prepare: prepareShape,
  features: {
    Elongation: elongation,
    Flatness: flatness,
    LeastAxisLength: leastAxisLength,
    MajorAxisLength: majorAxisLength,
    Maximum2DDiameterColumn: maximum2DDiameterColumn,
    Maximum2DDiameterRow: maximum2DDiameterRow,
    Maximum2DDiameterSlice: maximum2DDiameterSlice,
    Maximum3DDiameter: maximum3DDiameter,
    MeshVolume: meshVolume,
    MinorAxisLength: minorAxisLength,
    Sphericity: sphericity,
    SurfaceArea: surfaceArea,
    SurfaceVolumeRatio: surfaceVolumeRatio,
    VoxelVolume: voxelVolume,
  },
  deprecated: {
    Compactness1: compactness1,
    Compactness2: compactness2,
    SphericalDisproportion: sphericalDisproportion,
  },
};
