// Everything the signal models need to know about one case, positioned in patient coordinates.
import type { AnatomyParameters } from './anatomy';
import { bodyImplicit, breastImplicit, buildBody, locate, torsoDistance, type BodyModel } from './body-model';
import type { Implicit } from './implicit';
import type { TumourParameters } from './phenotype';
import { buildTumour, tumourImplicit, type TumourModel } from './tumour-model';
import type { Vec3 } from './volume';

export interface Scene {
  anatomy: AnatomyParameters;
  body: BodyModel;
  tumour: TumourModel;
  cysts: Array<{ centre: Vec3; radius: number }>;
  bodySurface: Implicit;
  tumourSurface: Implicit;
}

/** Margin kept between the tumour's outline and the breast's outline (mm). */
const TUMOUR_CLEARANCE_MM = 4;

/**
 * Whether a tumour with these parameters lies inside its breast: 26 points on a sphere around its centre
 * (the semi-major axis plus a clearance) must be inside the breast mound, below the skin, and in front of the
 * chest wall.
 */
export function tumourFits(body: BodyModel, tumour: TumourParameters): boolean {
  const frame = tumour.location.side === 'left' ? body.left : body.right;
  const c = locate(body, tumour.location);
  const reach = tumour.diameterMm / 2 + TUMOUR_CLEARANCE_MM;
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dz = -1; dz <= 1; dz++) {
        if (dx === 0 && dy === 0 && dz === 0) continue;
        const n = Math.hypot(dx, dy, dz);
        const x = c[0] + (dx / n) * reach;
        const y = c[1] + (dy / n) * reach;
        const z = c[2] + (dz / n) * reach;
        if (breastImplicit(frame, x, y, z) > 0) return false;
        if (bodyImplicit(body, x, y, z) > -body.anatomy.skinThicknessMm) return false;
        if (torsoDistance(body, x, y) < -2) return false;
      }
    }
  }
  return true;
}

export function buildScene(anatomy: AnatomyParameters, tumour: TumourParameters): Scene {
  const body = buildBody(anatomy);
  if (!tumourFits(body, tumour)) {
    const l = tumour.location;
    throw new Error(
      `the tumour (diameter ${tumour.diameterMm} mm at ${l.clockFace} o'clock, ${l.radialDistanceMm} mm from the axis, ` +
        `depth ${l.depth}) does not fit inside the ${l.side} breast (length ${anatomy.breastLengthMm} mm, ` +
        `base radii ${anatomy.breastRadiusMm.join(' x ')} mm); move it towards the axis or make it smaller`,
    );
  }
  const model = buildTumour(tumour, locate(body, tumour.location));
  return {
    anatomy,
    body,
    tumour: model,
    cysts: anatomy.cysts.map((cyst) => ({ centre: locate(body, cyst.location), radius: cyst.radiusMm })),
    bodySurface: (x, y, z) => bodyImplicit(body, x, y, z),
    tumourSurface: (x, y, z) => tumourImplicit(model, x, y, z),
  };
}
