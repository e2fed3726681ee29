// The tumour's outline and interior as implicit functions of patient position.
import { segmentDistance, smoothMin } from './implicit';
import { fractalNoise } from './noise';
import type { TumourParameters } from './phenotype';
import { Random } from './random';
import type { Vec3 } from './volume';

const { PI, cbrt, cos, hypot, max, pow, sin, sqrt } = Math;

export interface TumourModel {
  parameters: TumourParameters;
  centre: Vec3;
  /** Row-major 3x3; column c is principal axis c in patient coordinates. */
  rotation: number[];
  radii: Vec3;
  meanRadius: number;
  /** Lobule directions (unit, tumour-local) and their relative heights. */
  lobeDirections: Vec3[];
  lobeHeights: number[];
  /** Spicules as segments: start xyz, end xyz, base radius, tip radius. */
  spicules: number[][];
  /** No part of the tumour (lobules, roughness, spicules) lies farther than this from the centre (mm). */
  outlineRadius: number;
  /** Beyond this distance from the centre the implicit function is not evaluated (outline plus clearance). */
  boundRadius: number;
  noiseSeed: number;
}

/** Sharpness of the lobules: higher values give narrower bumps. */
const LOBE_POWER = 4;
/** Clearance between the outline and the bounding sphere, and the value reported beyond it (mm). */
const BOUND_CLEARANCE_MM = 6;
const OUTSIDE_MM = 20;
/** Scale of the margin roughness (mm per noise lattice cell). */
const ROUGHNESS_SCALE_MM = 4;

export function rotationFromEuler(degrees: Vec3): number[] {
  const [az, ay, ax] = degrees.map((d) => (d * PI) / 180);
  const cz = cos(az),
    sz = sin(az);
  const cy = cos(ay),
    sy = sin(ay);
  const cx = cos(ax),
    sx = sin(ax);
  // R = Rz * Ry * Rx
  return [
    cz * cy,
    cz * sy * sx - sz * cx,
    cz * sy * cx + sz * sx,
    sz * cy,
    sz * sy * sx + cz * cx,
    sz * sy * cx - cz * sx,
    -sy,
    cy * sx,
    cy * cx,
  ];
}

export function validateTumour(p: TumourParameters): void {
  const problems: string[] = [];
  if (!(p.diameterMm >= 3 && p.diameterMm <= 100))
    problems.push(`diameterMm must be within 3..100, got ${p.diameterMm}`);
  for (const ratio of p.axisRatios)
    if (!(ratio > 0 && ratio <= 1)) problems.push(`axisRatios must be within (0, 1], got ${p.axisRatios}`);
  if (!(p.lobulation >= 0 && p.lobulation <= 0.6))
    problems.push(`lobulation must be within 0..0.6, got ${p.lobulation}`);
  if (!(p.marginRoughness >= 0 && p.marginRoughness <= 0.3))
    problems.push(`marginRoughness must be within 0..0.3, got ${p.marginRoughness}`);
  if (!(Number.isInteger(p.spiculeCount) && p.spiculeCount >= 0 && p.spiculeCount <= 40))
    problems.push(`spiculeCount must be an integer 0..40, got ${p.spiculeCount}`);
  if (!(p.spiculeLengthMm >= 0 && p.spiculeLengthMm <= 30))
    problems.push(`spiculeLengthMm must be within 0..30, got ${p.spiculeLengthMm}`);
  if (!(p.heterogeneity >= 0 && p.heterogeneity <= 1))
    problems.push(`heterogeneity must be within 0..1, got ${p.heterogeneity}`);
  if (!(p.necrosisFraction >= 0 && p.necrosisFraction < 0.9))
    problems.push(`necrosisFraction must be within 0..0.9, got ${p.necrosisFraction}`);
  if (!(p.rimThicknessMm > 0)) problems.push(`rimThicknessMm must be > 0, got ${p.rimThicknessMm}`);
  if (!(p.oedemaExtentMm >= 0 && p.oedemaExtentMm <= 40))
    problems.push(`oedemaExtentMm must be within 0..40, got ${p.oedemaExtentMm}`);
  if (!(p.adc >= 100 && p.adc <= 4000)) problems.push(`adc must be within 100..4000 (10^-6 mm^2/s), got ${p.adc}`);
  if (problems.length > 0) throw new Error(`invalid tumour parameters: ${problems.join('; ')}`);
}

export function buildTumour(p: TumourParameters, centre: Vec3): TumourModel {
  validateTumour(p);
  const a = p.diameterMm / 2;
  const radii: Vec3 = [a, a * p.axisRatios[0], a * p.axisRatios[1]];
  const rotation = rotationFromEuler(p.orientationDeg);
  const r = new Random(p.textureSeed, 'tumour-shape');

  const lobeCount = p.lobulation > 0.05 ? r.integer(3, 6) : 3;
  const lobeDirections: Vec3[] = [];
  const lobeHeights: number[] = [];
  for (let i = 0; i < lobeCount; i++) {
    lobeDirections.push(r.direction());
    lobeHeights.push(p.lobulation * r.uniform(0.6, 1));
  }

  const model: TumourModel = {
    parameters: p,
    centre,
    rotation,
    radii,
    meanRadius: cbrt(radii[0] * radii[1] * radii[2]),
    lobeDirections,
    lobeHeights,
    spicules: [],
    outlineRadius: 0,
    boundRadius: 0,
    noiseSeed: r.integer(0, 2 ** 31 - 1),
  };

  for (let i = 0; i < p.spiculeCount; i++) {
    const local = r.direction();
    const surface = surfaceRadius(model, local) * 0.92;
    const axis = toPatient(rotation, [local[0] * radii[0], local[1] * radii[1], local[2] * radii[2]]);
    const norm = hypot(axis[0], axis[1], axis[2]);
    const out: Vec3 = [axis[0] / norm, axis[1] / norm, axis[2] / norm];
    const start: Vec3 = [centre[0] + out[0] * surface, centre[1] + out[1] * surface, centre[2] + out[2] * surface];
    const length = p.spiculeLengthMm * r.uniform(0.6, 1.3);
    const end: Vec3 = [start[0] + out[0] * length, start[1] + out[1] * length, start[2] + out[2] * length];
    model.spicules.push([...start, ...end, r.uniform(0.9, 1.4), 0.25]);
  }

  const maxLobe = lobeHeights.reduce((m, h) => max(m, h), 0);
  model.outlineRadius = a * (1 + maxLobe + 1.7 * p.marginRoughness) + 1.3 * p.spiculeLengthMm;
  model.boundRadius = model.outlineRadius + BOUND_CLEARANCE_MM;
  return model;
}

function toPatient(m: number[], v: Vec3): Vec3 {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
  ];
}

/** Distance from the centre to the smooth (lobulated, not rough) outline along a local unit direction. */
function surfaceRadius(m: TumourModel, d: Vec3): number {
  const u = d[0] / m.radii[0];
  const v = d[1] / m.radii[1];
  const w = d[2] / m.radii[2];
  return (1 + lobes(m, d[0], d[1], d[2])) / sqrt(u * u + v * v + w * w);
}

function lobes(m: TumourModel, dx: number, dy: number, dz: number): number {
  let sum = 0;
  for (let i = 0; i < m.lobeDirections.length; i++) {
    const l = m.lobeDirections[i];
    const c = dx * l[0] + dy * l[1] + dz * l[2];
    if (c > 0) sum += m.lobeHeights[i] * pow(c, LOBE_POWER);
  }
  return sum;
}

/** Scratch output of tumourImplicit: where inside the tumour the point lies. */
export interface TumourPoint {
  /** Radius relative to the local outline (1 = on the surface of the main mass). */
  relativeRadius: number;
}

/**
 * Roughly metric implicit function of the tumour (negative inside), including spicules. Fills `out` with the
 * relative radius used for the necrotic core.
 */
export function tumourImplicit(m: TumourModel, x: number, y: number, z: number, out?: TumourPoint): number {
  const px = x - m.centre[0];
  const py = y - m.centre[1];
  const pz = z - m.centre[2];
  const dist = sqrt(px * px + py * py + pz * pz);
  if (dist > m.boundRadius) {
    // Far outside: any value well beyond the refinement band of signedDistance will do. It must not be small,
    // or the jump at the bounding sphere would be refined into a fake surface (a ring around the tumour).
    if (out) out.relativeRadius = 10;
    return dist - m.boundRadius + OUTSIDE_MM;
  }
  const R = m.rotation;
  const lx = R[0] * px + R[3] * py + R[6] * pz;
  const ly = R[1] * px + R[4] * py + R[7] * pz;
  const lz = R[2] * px + R[5] * py + R[8] * pz;
  const u = lx / m.radii[0];
  const v = ly / m.radii[1];
  const w = lz / m.radii[2];
  const r = sqrt(u * u + v * v + w * w);
  let scale = 1;
  if (dist > 1e-9) scale += lobes(m, lx / dist, ly / dist, lz / dist);
  const p = m.parameters;
  if (p.marginRoughness > 0) {
    const s = 1 / ROUGHNESS_SCALE_MM;
    scale += p.marginRoughness * fractalNoise(m.noiseSeed, x * s, y * s, z * s, 2);
  }
  const relative = r / scale;
  if (out) out.relativeRadius = relative;
  let g = (relative - 1) * m.meanRadius * scale;
  for (const s of m.spicules) {
    const d = segmentDistance(x, y, z, s[0], s[1], s[2], s[3], s[4], s[5]);
    g = smoothMin(g, d.distance - (s[6] + (s[7] - s[6]) * d.along), 1.2);
  }
  return g;
}

/** Volume of the underlying ellipsoid (mL), the reference for the mask volume. */
export function ellipsoidVolumeMl(p: TumourParameters): number {
  const a = p.diameterMm / 2;
  return ((4 / 3) * PI * a * a * p.axisRatios[0] * a * p.axisRatios[1]) / 1000;
}
