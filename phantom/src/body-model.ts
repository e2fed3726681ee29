// Geometry of the prone patient in patient coordinates (LPS, mm): +x left, +y posterior, +z head.
// The torso is an elliptical cylinder whose most anterior point is at y = 0; each breast hangs anteriorly
// from it as a super-ellipsoidal mound and blends into it at the inframammary fold.
import type { AnatomyParameters } from './anatomy';
import { segmentDistance, smoothMin } from './implicit';
import type { TumourLocation } from './phenotype';
import type { Vec3 } from './volume';

const { PI, abs, cos, max, min, pow, sin, sqrt } = Math;

export interface BreastFrame {
  side: 'left' | 'right';
  /** -1 for the right breast (patient right is -x), +1 for the left. */
  sign: number;
  /** Centre of the breast base on the chest wall. */
  base: Vec3;
  /** Unit vector from the base towards the nipple. */
  axis: Vec3;
  /** Unit vector perpendicular to the axis in the axial plane, pointing laterally. */
  lateral: Vec3;
  length: number;
  radiusX: number;
  radiusZ: number;
  nippleRoot: Vec3;
  nippleTip: Vec3;
  nippleRadius: number;
}

export interface BodyModel {
  anatomy: AnatomyParameters;
  torsoHalfWidth: number;
  torsoHalfDepth: number;
  right: BreastFrame;
  left: BreastFrame;
  heartCentre: Vec3;
  heartRadii: Vec3;
}

/** Exponent of the breast profile: 2 is a half-ellipsoid, larger values give the fuller prone shape. */
const PROFILE_EXPONENT = 2.4;
/** How far the breast cylinder reaches behind its base before the torso takes over (mm). */
const BASE_DEPTH = 50;
/** Fillet radius of the inframammary fold (mm). */
const FOLD_RADIUS = 15;

export function buildBody(anatomy: AnatomyParameters): BodyModel {
  const [a, b] = anatomy.torsoRadiusMm;
  return {
    anatomy,
    torsoHalfWidth: a,
    torsoHalfDepth: b,
    right: breastFrame(anatomy, -1),
    left: breastFrame(anatomy, 1),
    heartCentre: [20, 95, -40],
    heartRadii: [60, 45, 55],
  };
}

/** y of the front of the chest at lateral position x (the anterior half of the torso ellipse). */
export function chestSurfaceY(anatomy: AnatomyParameters, x: number): number {
  const [a, b] = anatomy.torsoRadiusMm;
  const u = min(1, abs(x) / a);
  return b - b * sqrt(1 - u * u);
}

function breastFrame(anatomy: AnatomyParameters, sign: number): BreastFrame {
  const splay = (anatomy.breastSplayDeg * PI) / 180;
  const x = sign * anatomy.breastOffsetMm;
  const base: Vec3 = [x, chestSurfaceY(anatomy, x), 0];
  const axis: Vec3 = [sign * sin(splay), -cos(splay), 0];
  const lateral: Vec3 = [sign * cos(splay), sin(splay), 0];
  const length = anatomy.breastLengthMm;
  return {
    side: sign < 0 ? 'right' : 'left',
    sign,
    base,
    axis,
    lateral,
    length,
    radiusX: anatomy.breastRadiusMm[0],
    radiusZ: anatomy.breastRadiusMm[1],
    nippleRoot: along(base, axis, length - 5),
    nippleTip: along(base, axis, length + 7),
    nippleRadius: 5,
  };
}

function along(p: Vec3, d: Vec3, t: number): Vec3 {
  return [p[0] + d[0] * t, p[1] + d[1] * t, p[2] + d[2] * t];
}

/** The breast on the same side of the midline as x. */
export function breastAt(body: BodyModel, x: number): BreastFrame {
  return x < 0 ? body.right : body.left;
}

/** Torso: first-order distance to the elliptical cylinder (negative inside). */
export function torsoDistance(body: BodyModel, x: number, y: number): number {
  const a = body.torsoHalfWidth;
  const b = body.torsoHalfDepth;
  const u = x / a;
  const v = (y - b) / b;
  const r = sqrt(u * u + v * v);
  if (r < 1e-9) return -b;
  const gradient = sqrt((u * u) / (a * a) + (v * v) / (b * b)) / r;
  return (r - 1) / gradient;
}

/** Breast-local coordinates of a point: along the axis and normalised radial position. */
export interface BreastCoordinates {
  /** Distance along the axis from the base (mm). */
  along: number;
  /** Lateral and cranio-caudal offsets from the axis (mm). */
  lateral: number;
  cranial: number;
  /** Radial position relative to the base radii (1 = base outline). */
  radial: number;
}

export function breastCoordinates(f: BreastFrame, x: number, y: number, z: number, out: BreastCoordinates): void {
  const dx = x - f.base[0];
  const dy = y - f.base[1];
  const dz = z - f.base[2];
  out.along = dx * f.axis[0] + dy * f.axis[1] + dz * f.axis[2];
  out.lateral = dx * f.lateral[0] + dy * f.lateral[1] + dz * f.lateral[2];
  out.cranial = dz;
  const u = out.lateral / f.radiusX;
  const w = out.cranial / f.radiusZ;
  out.radial = sqrt(u * u + w * w);
}

/** Breast mound (without nipple): a scaled, roughly metric implicit function. */
export function breastImplicit(f: BreastFrame, x: number, y: number, z: number): number {
  const dx = x - f.base[0];
  const dy = y - f.base[1];
  const dz = z - f.base[2];
  const t = dx * f.axis[0] + dy * f.axis[1] + dz * f.axis[2];
  const u = (dx * f.lateral[0] + dy * f.lateral[1]) / f.radiusX;
  const w = dz / f.radiusZ;
  const rho = sqrt(u * u + w * w);
  const tau = t > 0 ? t / f.length : 0;
  const p = PROFILE_EXPONENT;
  const level = pow(pow(rho, p) + pow(tau, p), 1 / p) - 1;
  const scale = 0.9 * min(f.radiusX, f.radiusZ, f.length);
  return max(level * scale, -BASE_DEPTH - t);
}

/** Outer body surface: torso, both breasts and nipples (negative inside). */
export function bodyImplicit(body: BodyModel, x: number, y: number, z: number): number {
  const f = breastAt(body, x);
  const torso = torsoDistance(body, x, y);
  const mound = smoothMin(torso, breastImplicit(f, x, y, z), FOLD_RADIUS);
  const r = f.nippleRoot;
  const t = f.nippleTip;
  const nipple = segmentDistance(x, y, z, r[0], r[1], r[2], t[0], t[1], t[2]).distance - f.nippleRadius;
  return smoothMin(mound, nipple, 2.5);
}

/** Patient position of a location given as clock face, radial distance and depth in one breast. */
export function locate(body: BodyModel, location: TumourLocation): Vec3 {
  const f = location.side === 'left' ? body.left : body.right;
  const t = (1 - location.depth) * f.length;
  const angle = (location.clockFace * PI) / 6;
  // Seen from the front, 3 o'clock is the viewer's right, i.e. the patient's left (+x) in either breast.
  const towardsLeft = sin(angle) * location.radialDistanceMm;
  const towardsHead = cos(angle) * location.radialDistanceMm;
  return [
    f.base[0] + f.axis[0] * t + f.sign * f.lateral[0] * towardsLeft,
    f.base[1] + f.axis[1] * t + f.sign * f.lateral[1] * towardsLeft,
    f.base[2] + f.axis[2] * t + towardsHead,
  ];
}
