// Tissue composition of one voxel: the fraction of each tissue class in it (they sum to 1), plus the local
// properties that vary within a class (glandular tone, background enhancement, tumour heterogeneity).
import { breastAt, breastCoordinates, torsoDistance, type BreastCoordinates } from './body-model';
import { insideFraction, segmentDistance, signedDistance, smoothstep } from './implicit';
import { fractalNoise, gradientNoise } from './noise';
import type { Scene } from './scene';
import { tumourImplicit, type TumourPoint } from './tumour-model';

const { abs, floor, hypot, max, min, pow, sqrt } = Math;

export class TissueSample {
  air = 0;
  fat = 0;
  gland = 0;
  skin = 0;
  muscle = 0;
  bone = 0;
  lung = 0;
  blood = 0;
  nipple = 0;
  cyst = 0;
  oedema = 0;
  tumour = 0;
  necrosis = 0;
  /** Multiplier of glandular signal (texture within the parenchyma). */
  glandTone = 1;
  /** Multiplier of background parenchymal enhancement (its patchiness). */
  backgroundGain = 1;
  /** Multiplier of the tumour's enhancement at this point (rim, heterogeneity). */
  tumourGain = 1;
  /** Share of the tumour's own curve versus slow central filling (rim-enhancing tumours). */
  tumourCurveShare = 1;
  /** Tumour T2 signal here (depends on the T2 phenotype). */
  tumourT2 = 0;
  /** Multiplier of the tumour's ADC here. */
  tumourAdcGain = 1;
  /** Signed distance to the tumour outline (mm, negative inside). */
  tumourDistance = FAR;
  /** Scratch space of the geometry functions, owned here so that sampling allocates nothing. */
  readonly breastPoint: BreastCoordinates = { along: 0, lateral: 0, cranial: 0, radial: 0 };
  readonly tumourPoint: TumourPoint = { relativeRadius: 10 };
}

/** Distance reported for points nowhere near the tumour (mm). */
const FAR = 1e9;
const DENSITY_OFFSET = { fatty: -1.0, scattered: -0.45, heterogeneous: 0.0, extreme: 0.5 };
const RIB_PERIOD_MM = 26;

function clear(s: TissueSample): void {
  s.air = s.fat = s.gland = s.skin = s.muscle = s.bone = s.lung = s.blood = 0;
  s.nipple = s.cyst = s.oedema = s.tumour = s.necrosis = 0;
  s.glandTone = s.backgroundGain = s.tumourGain = s.tumourCurveShare = s.tumourAdcGain = 1;
  s.tumourT2 = 0;
  s.tumourDistance = FAR;
}

/** Replaces `share` of everything in the voxel but air and skin by one tissue (returns the share taken). */
function takeInterior(s: TissueSample, share: number): number {
  if (share <= 0) return 0;
  const keep = 1 - share;
  s.fat *= keep;
  s.gland *= keep;
  s.muscle *= keep;
  s.bone *= keep;
  s.lung *= keep;
  s.blood *= keep;
  s.nipple *= keep;
  s.cyst *= keep;
  s.oedema *= keep;
  s.tumour *= keep;
  s.necrosis *= keep;
  return share;
}

/**
 * Composition of the voxel centred at (x, y, z) whose edges blur over `width` mm (the in-plane spacing).
 */
export function sampleTissue(scene: Scene, x: number, y: number, z: number, width: number, s: TissueSample): void {
  clear(s);
  const anatomy = scene.anatomy;
  const body = scene.body;
  const band = 2 * width + 2;
  const bodyDistance = signedDistance(scene.bodySurface, x, y, z, band);
  if (bodyDistance >= width / 2) {
    s.air = 1;
    return;
  }
  const frame = breastAt(body, x);
  const nr = frame.nippleRoot;
  const nt = frame.nippleTip;
  const nippleDistance = segmentDistance(x, y, z, nr[0], nr[1], nr[2], nt[0], nt[1], nt[2]).distance;
  // The areola and nipple have thicker skin than the rest of the breast.
  const skin = anatomy.skinThicknessMm + 1.5 * (1 - smoothstep(6, 18, nippleDistance));
  const inBody = insideFraction(bodyDistance, width);
  const interior = insideFraction(bodyDistance + skin, width);
  s.air = 1 - inBody;
  s.skin = inBody - interior;
  if (interior <= 0) return;

  // Chest wall layers by depth below the front of the torso; negative depth is the breast mound.
  const depth = -torsoDistance(body, x, y);
  const coords = s.breastPoint;
  breastCoordinates(frame, x, y, z, coords);
  const ax = abs(x);
  const footprint = 1 - smoothstep(0.85, 1.15, coords.radial);
  const fatEnd = anatomy.subcutaneousFatMm + (3 - anatomy.subcutaneousFatMm) * footprint;
  const muscleEnd =
    fatEnd +
    anatomy.pectoralThicknessMm *
      smoothstep(25, 50, ax) *
      (1 - smoothstep(135, 165, ax)) *
      (0.55 + 0.45 * smoothstep(-70, 10, z));
  const ribEnd = muscleEnd + 9;
  const wFat = 1 - smoothstep(fatEnd - 1, fatEnd + 1, depth);
  const wMuscle = smoothstep(fatEnd - 1, fatEnd + 1, depth) - smoothstep(muscleEnd - 1, muscleEnd + 1, depth);
  const wRib = smoothstep(muscleEnd - 1, muscleEnd + 1, depth) - smoothstep(ribEnd - 1, ribEnd + 1, depth);
  const wDeep = smoothstep(ribEnd - 1, ribEnd + 1, depth);

  s.fat = interior * wFat;
  s.muscle = interior * wMuscle;
  if (wRib > 0) {
    // Ribs run obliquely (down and outwards), so axial slices cut them as a row of ovals; the sternum is midline.
    const cycle = (z + 0.35 * ax) / RIB_PERIOD_MM;
    const phase = cycle - floor(cycle);
    const rib = ax < 22 ? 1 : smoothstep(0.05, 0.12, phase) * (1 - smoothstep(0.42, 0.5, phase));
    s.bone = interior * wRib * rib;
    s.muscle += interior * wRib * (1 - rib);
  }
  if (wDeep > 0) {
    const h = body.heartCentre;
    const r = body.heartRadii;
    const u = (x - h[0]) / r[0];
    const v = (y - h[1]) / r[1];
    const w = (z - h[2]) / r[2];
    const heart = sqrt(u * u + v * v + w * w);
    const inHeart = insideFraction((heart - 1) * 45, width);
    const inChambers = insideFraction((heart - 0.78) * 45, width);
    // Internal mammary vessels run cranio-caudally just behind the chest wall, either side of the sternum.
    const vessel = min(hypot(ax - 30, depth - ribEnd - 4) - 1.8, 99);
    const inVessel = insideFraction(vessel, width);
    s.blood = interior * wDeep * max(inChambers, inVessel);
    s.muscle += interior * wDeep * (inHeart - inChambers) * (1 - inVessel);
    s.lung = interior * wDeep * (1 - inHeart) * (1 - inVessel);
  }

  const seed = anatomy.textureSeed;
  const breast = 1 - smoothstep(-2, 1, depth);
  if (breast > 0) {
    const tau = max(0, coords.along / frame.length);
    const profile = tau < 1 ? pow(1 - pow(tau, 2.4), 1 / 2.4) : 0.01;
    const radialRelative = coords.radial / max(profile, 0.01);
    const belowSkin = -bodyDistance - skin;
    const subcut = anatomy.subcutaneousFatMm;
    const envelope =
      smoothstep(subcut * 0.5, subcut * 1.3, belowSkin) *
      smoothstep(2, 8, -depth) *
      (1 - smoothstep(0.3, 0.95, radialRelative));
    // Glandular strands stretch along the ducts, i.e. along the breast axis towards the nipple. Where the
    // envelope is nearly zero no texture value could make tissue glandular, so it is not computed.
    let gland = 0;
    if (envelope > 0.05) {
      // Dividing the cross-section by the profile radius makes the strands converge on the nipple like ducts.
      const converge = 12 * max(profile, 0.35);
      const texture = fractalNoise(seed, coords.lateral / converge, coords.cranial / converge, coords.along / 36, 5);
      gland = smoothstep(-0.12, 0.12, 2.2 * (texture - (1 - envelope)) + DENSITY_OFFSET[anatomy.density]);
      if (gland > 0) {
        // Fat lobules several millimetres across interrupt the parenchyma.
        gland *= 1 - 0.45 * smoothstep(0.2, 0.5, gradientNoise(seed + 3, x / 6, y / 6, z / 6));
      }
    }
    if (belowSkin > 0 && envelope < 0.9) {
      // Cooper's ligaments: thin fibrous sheets crossing the subcutaneous fat.
      const sheet = gradientNoise(seed + 7, coords.lateral / 20, coords.cranial / 20, coords.along / 20);
      gland = max(gland, 0.2 * (1 - smoothstep(0.01, 0.03, abs(sheet))) * (1 - envelope));
    }
    const g = breast * gland;
    if (g > 0) {
      s.gland = s.fat * g;
      s.fat *= 1 - g;
      s.glandTone = 1 + 0.16 * fractalNoise(seed + 11, x / 6, y / 6, z / 6, 2);
      s.backgroundGain = max(0, 1 + 0.8 * gradientNoise(seed + 13, x / 30, y / 30, z / 30));
    }
    const inNipple = insideFraction(nippleDistance - frame.nippleRadius, width);
    if (inNipple > 0) s.nipple += takeInterior(s, inNipple * interior);
  }

  for (const cyst of scene.cysts) {
    const c = cyst.centre;
    const d = hypot(x - c[0], y - c[1], z - c[2]) - cyst.radius;
    if (d < width) s.cyst += takeInterior(s, insideFraction(d, width) * interior);
  }

  addTumour(scene, x, y, z, width, interior, breast, s);
}

function addTumour(
  scene: Scene,
  x: number,
  y: number,
  z: number,
  width: number,
  interior: number,
  breast: number,
  s: TissueSample,
): void {
  const model = scene.tumour;
  const p = model.parameters;
  const cx = x - model.centre[0];
  const cy = y - model.centre[1];
  const cz = z - model.centre[2];
  const reach = model.boundRadius + p.oedemaExtentMm * 1.2 + width;
  if (cx * cx + cy * cy + cz * cz > reach * reach) return;

  const distance = signedDistance(scene.tumourSurface, x, y, z, 2 * width + 1);
  const tumourPoint = s.tumourPoint;
  tumourImplicit(model, x, y, z, tumourPoint);
  s.tumourDistance = distance;
  const seed = model.noiseSeed;

  if (distance > 0 && p.oedemaExtentMm > 0) {
    // Peritumoral oedema: interstitial water fading with distance, patchy, only in the breast.
    const patch = smoothstep(-0.4, 0.4, fractalNoise(seed + 5, x / 6, y / 6, z / 6, 2));
    const e = 0.85 * (1 - smoothstep(0, p.oedemaExtentMm, distance)) * (0.5 + 0.5 * patch) * breast;
    if (e > 0) {
      const water = e * (s.fat + s.gland);
      s.fat *= 1 - e;
      s.gland *= 1 - e;
      s.oedema += water;
    }
  }

  const inside = insideFraction(distance, width) * interior;
  if (inside <= 0) return;
  const texture = fractalNoise(seed + 1, x / 3, y / 3, z / 3, 3);
  const necrotic =
    p.necrosisFraction > 0
      ? 1 -
        smoothstep(
          p.necrosisFraction - 0.08,
          p.necrosisFraction + 0.08,
          tumourPoint.relativeRadius * (1 + 0.15 * texture),
        )
      : 0;
  takeInterior(s, inside);
  s.tumour += inside * (1 - necrotic);
  s.necrosis += inside * necrotic;

  const depthInside = max(0, -distance);
  const rim = 1 - smoothstep(p.rimThicknessMm * 0.5, p.rimThicknessMm * 1.5, depthInside);
  const h = p.heterogeneity;
  switch (p.enhancementPattern) {
    case 'homogeneous':
      s.tumourGain = 1 + h * texture;
      break;
    case 'heterogeneous':
      s.tumourGain = max(0.15, 1 + 1.4 * h * texture);
      s.tumourCurveShare = 1 - 0.4 * smoothstep(0, 0.8, -texture);
      break;
    case 'rim':
      s.tumourGain = (0.3 + 0.7 * rim) * (1 + h * texture);
      s.tumourCurveShare = rim;
      break;
  }
  const t2Texture = fractalNoise(seed + 2, x / 4, y / 4, z / 4, 2);
  s.tumourT2 =
    p.t2Signal === 'hypo-iso'
      ? 150 * (1 + 0.08 * t2Texture)
      : p.t2Signal === 'hyper'
        ? 330 * (1 + 0.1 * t2Texture)
        : 150 + 240 * smoothstep(-0.35, 0.35, t2Texture);
  s.tumourAdcGain = 1 + 0.1 * texture;
}
