// IBSI morphological features (reference manual §3.1) of the ROI: the marching-cubes mesh (volume V, area A, its
// vertices; the same mesh as PyRadiomics' shape class), voxel positions in mm, and the intensities for the
// intensity-weighted ones. Axis lengths use the sample covariance (÷(N−1)) of the voxel positions, as IBSI does
// (PyRadiomics ÷N, docs/pyradiomics-notes.md §19.3). Moran's I and Geary's C weigh every voxel pair by the inverse
// of its distance in mm (spatial-autocorrelation.ts: directly for small ROIs, by FFT convolution for large ones).
import { prepareShape } from '../features/shape';
import { DEFAULT_SETTINGS } from '../settings';
import { convexHull, hullVolumeArea } from './convex-hull';
import type { IbsiRoi } from './ibsi-roi';
import { spatialAutocorrelation } from './spatial-autocorrelation';

export const MORPHOLOGY_FEATURES: readonly [string, string][] = [
  ['Volume (mesh)', 'RNU0'],
  ['Volume (voxel counting)', 'YEKZ'],
  ['Surface area (mesh)', 'C0JK'],
  ['Surface to volume ratio', '2PR5'],
  ['Compactness 1', 'SKGS'],
  ['Compactness 2', 'BQWJ'],
  ['Spherical disproportion', 'KRCK'],
  ['Sphericity', 'QCFX'],
  ['Asphericity', '25C7'],
  ['Centre of mass shift', 'KLMA'],
  ['Maximum 3D diameter', 'L0JK'],
  ['Major axis length', 'TDIC'],
  ['Minor axis length', 'P9VJ'],
  ['Least axis length', '7J51'],
  ['Elongation', 'Q3CK'],
  ['Flatness', 'N17B'],
  ['Volume density (axis-aligned bounding box)', 'PBX1'],
  ['Area density (axis-aligned bounding box)', 'R59B'],
  ['Volume density (approximate enclosing ellipsoid)', '6BDE'],
  ['Area density (approximate enclosing ellipsoid)', 'RDD2'],
  ['Volume density (convex hull)', 'R3ER'],
  ['Area density (convex hull)', '7T7F'],
  ['Integrated intensity', '99N0'],
  ['Moran’s I index', 'N365'],
  ['Geary’s C measure', 'NPT7'],
];

export function morphology(roi: IbsiRoi): number[] {
  const shape = prepareShape({ size: roi.size, spacing: roi.spacing, map: roi.mask, settings: DEFAULT_SETTINGS });
  const { volume: v, area: a } = shape;
  const n = roi.voxels.length;
  const lambda = shape.lambda.map((l) => (l * n) / (n - 1));
  const [least, minor, major] = [lambda[0], lambda[1], lambda[2]];
  const positions = Array.from(roi.voxels, (index) => position(roi, index));
  const mean = roi.values.reduce((s, x) => s + x, 0) / n;
  // Mesh vertices in mm ((z, y, x) doubled grid coordinates); their bounding box and convex hull.
  const mm = [roi.spacing[2] / 2, roi.spacing[1] / 2, roi.spacing[0] / 2];
  const extent = [0, 1, 2].map((axis) => {
    let [lo, hi] = [Infinity, -Infinity];
    for (let k = axis; k < shape.vertices.length; k += 3)
      [lo, hi] = [Math.min(lo, shape.vertices[k]), Math.max(hi, shape.vertices[k])];
    return (hi - lo) * mm[axis];
  });
  const hull = convexHull(shape.vertices);
  const convex = hull ? hullVolumeArea(shape.vertices, hull, mm) : { volume: v, area: a };
  const [semiMajor, semiMinor, semiLeast] = [major, minor, least].map((l) => 2 * Math.sqrt(l));
  return [
    v,
    n * roi.spacing[0] * roi.spacing[1] * roi.spacing[2],
    a,
    a / v,
    v / (Math.sqrt(Math.PI) * a ** 1.5),
    (36 * Math.PI * v * v) / a ** 3,
    a / Math.cbrt(36 * Math.PI * v * v),
    Math.cbrt(36 * Math.PI * v * v) / a,
    Math.cbrt(a ** 3 / (36 * Math.PI * v * v)) - 1,
    centreOfMassShift(roi, positions),
    shape.diameters.max3D,
    4 * Math.sqrt(major),
    4 * Math.sqrt(minor),
    4 * Math.sqrt(least),
    Math.sqrt(minor / major),
    Math.sqrt(least / major),
    v / (extent[0] * extent[1] * extent[2]),
    a / (2 * (extent[0] * extent[1] + extent[1] * extent[2] + extent[0] * extent[2])),
    v / ((4 * Math.PI * semiMajor * semiMinor * semiLeast) / 3),
    a / ellipsoidArea(semiMajor, semiMinor, semiLeast),
    v / convex.volume,
    a / convex.area,
    mean * v,
    ...spatialAutocorrelation(roi, mean),
  ];
}

function position(roi: IbsiRoi, index: number): [number, number, number] {
  const [nx, ny] = roi.size;
  const [x, y, z] = [index % nx, Math.floor(index / nx) % ny, Math.floor(index / (nx * ny))];
  return [x * roi.spacing[0], y * roi.spacing[1], z * roi.spacing[2]];
}

/** Distance between the ROI's geometric centre and its intensity-weighted centre (§3.1.10). */
function centreOfMassShift(roi: IbsiRoi, positions: [number, number, number][]): number {
  const total = roi.values.reduce((s, x) => s + x, 0);
  const geometric = [0, 1, 2].map((a) => positions.reduce((s, p) => s + p[a], 0) / positions.length);
  const weighted = [0, 1, 2].map((a) => positions.reduce((s, p, k) => s + p[a] * roi.values[k], 0) / total);
  return Math.hypot(geometric[0] - weighted[0], geometric[1] - weighted[1], geometric[2] - weighted[2]);
}

/**
 * Surface area of an ellipsoid with semi-axes a ≥ b ≥ c, by the series the manual gives (§3.1.20, after Ramanujan):
 * 4π·a·b·Σ_{ν=0}^{20} (αβ)^ν/(1 − 4ν²)·P_ν((α² + β²)/(2αβ)), α = √(1 − b²/a²), β = √(1 − c²/a²).
 */
function ellipsoidArea(a: number, b: number, c: number): number {
  const alpha = Math.sqrt(1 - (b * b) / (a * a));
  const beta = Math.sqrt(1 - (c * c) / (a * a));
  const x = alpha * beta > 0 ? (alpha * alpha + beta * beta) / (2 * alpha * beta) : 0;
  // Legendre polynomials by their recurrence (ν+1)P_{ν+1} = (2ν+1)xP_ν − νP_{ν−1}.
  let [previous, current] = [1, x];
  let sum = 1;
  for (let nu = 1; nu <= 20; nu++) {
    sum += ((alpha * beta) ** nu / (1 - 4 * nu * nu)) * current;
    [previous, current] = [current, ((2 * nu + 1) * x * current - nu * previous) / (nu + 1)];
  }
  return 4 * Math.PI * a * b * sum;
}
