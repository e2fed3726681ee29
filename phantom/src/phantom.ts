// One synthetic breast MRI study in memory: DCE phases, T2, DWI, ADC and the ground-truth tumour mask.
import { sampleAnatomy, type AnatomyParameters } from './anatomy';
import { buildBody } from './body-model';
import { samplePhenotype, type Her2Status, type TumourParameters } from './phenotype';
import {
  acquisitionGrid,
  B_VALUES,
  COMPACT_HALF_EXTENT_MM,
  dceTiming,
  type DceTiming,
  type SequenceKey,
} from './protocol';
import { buildScene, tumourFits } from './scene';
import { designedKinetics, type DesignedKinetics } from './kinetics';
import { synthesizeDce, synthesizeDiffusion, synthesizeT2 } from './synthesize';
import { regionAround, regionGrid, wholeRegion, type GridRegion, type Vec3, type Volume } from './volume';

export type DceLayout = 'series-per-phase' | 'single-series';
export type PhantomSize = 'standard' | 'compact';

export interface PhantomOptions {
  seed: number;
  /** HER2 status to draw the phenotype for; drawn (~30 % positive) when absent. Ignored with `parameters`. */
  her2?: Her2Status;
  /** Explicit tumour parameters instead of drawn ones. */
  parameters?: TumourParameters;
  /** Explicit anatomy instead of drawn anatomy. */
  anatomy?: AnatomyParameters;
  /** How the DCE phases are stored as DICOM series (default series-per-phase). */
  dceLayout?: DceLayout;
  /** compact: same spacings, a small field of view around the tumour (default standard). */
  size?: PhantomSize;
  /** Only the box around the tumour plus this margin, on every grid (for training cohorts). */
  crop?: { marginMm: number };
}

export interface PhantomStudy {
  seed: number;
  dceLayout: DceLayout;
  size: PhantomSize;
  cropMarginMm: number | null;
  tumour: TumourParameters;
  anatomy: AnatomyParameters;
  /** Patient position of the tumour centre (LPS, mm). */
  tumourCentre: Vec3;
  /** `designed`: the noise-free kinetics of the mask that analysis of the phases should recover. */
  dce: { phases: Volume[]; timing: DceTiming; designed: DesignedKinetics };
  t2: Volume;
  dwi: { bValues: [number, number]; images: [Volume, Volume] };
  adc: Volume;
  /** Ground-truth tumour (1) on the DCE grid. */
  mask: Volume;
}

/** Draws (or takes) the parameters, places the tumour, and renders every sequence. Deterministic for a seed. */
export function generatePhantom(options: PhantomOptions): PhantomStudy {
  const { seed } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
  if (options.parameters && options.her2 && options.parameters.her2 !== options.her2) {
    throw new Error(`her2 '${options.her2}' contradicts parameters.her2 '${options.parameters.her2}'`);
  }
  const size = options.size ?? 'standard';
  if (size !== 'standard' && size !== 'compact') throw new Error(`size must be 'standard' or 'compact', got '${size}'`);
  const dceLayout = options.dceLayout ?? 'series-per-phase';
  if (dceLayout !== 'series-per-phase' && dceLayout !== 'single-series') {
    throw new Error(`dceLayout must be 'series-per-phase' or 'single-series', got '${dceLayout}'`);
  }
  if (options.crop && !(options.crop.marginMm >= 0))
    throw new Error(`crop.marginMm must be >= 0, got ${options.crop.marginMm}`);

  let tumour = options.parameters ?? samplePhenotype(seed, options.her2);
  const anatomy =
    options.anatomy ?? sampleAnatomy(seed, { lengthMm: tumour.diameterMm + 30, radiusMm: tumour.diameterMm / 2 + 30 });
  if (!options.parameters) tumour = fitDrawnTumour(anatomy, tumour);
  const scene = buildScene(anatomy, tumour);
  const centre = scene.tumour.centre;

  const region = (key: SequenceKey): GridRegion => {
    const full = acquisitionGrid(key);
    if (options.crop) {
      const half = scene.tumour.outlineRadius + tumour.oedemaExtentMm + options.crop.marginMm;
      return regionAround(full, centre, [half, half, half]);
    }
    return size === 'compact' ? regionAround(full, centre, COMPACT_HALF_EXTENT_MM) : wholeRegion(full);
  };

  const timing = dceTiming(seed);
  const dceRegion = region('dce');
  const dceGrid = regionGrid(dceRegion);
  const dce = synthesizeDce(scene, dceRegion, timing, seed);
  const t2Region = region('t2');
  const dwiRegion = region('dwi');
  const dwiGrid = regionGrid(dwiRegion);
  const diffusion = synthesizeDiffusion(scene, dwiRegion, seed);

  return {
    seed,
    dceLayout,
    size,
    cropMarginMm: options.crop ? options.crop.marginMm : null,
    tumour,
    anatomy,
    tumourCentre: centre,
    dce: {
      phases: dce.phases.map((data) => ({ ...dceGrid, data })),
      timing,
      designed: designedKinetics(timing.phaseStartS, dce.maskMeanSignal),
    },
    t2: { ...regionGrid(t2Region), data: synthesizeT2(scene, t2Region, seed) },
    dwi: {
      bValues: [...B_VALUES],
      images: [
        { ...dwiGrid, data: diffusion.b0 },
        { ...dwiGrid, data: diffusion.b800 },
      ],
    },
    adc: { ...dwiGrid, data: diffusion.adc },
    mask: { ...dceGrid, data: dce.mask },
  };
}

/**
 * A drawn location may put a large tumour too close to the skin or chest wall; move it towards the middle of
 * the breast (deterministically) until it fits.
 */
function fitDrawnTumour(anatomy: AnatomyParameters, tumour: TumourParameters): TumourParameters {
  const body = buildBody(anatomy);
  let t = tumour;
  for (let attempt = 0; attempt < 12 && !tumourFits(body, t); attempt++) {
    const l = t.location;
    t = {
      ...t,
      location: {
        ...l,
        radialDistanceMm: Math.round(l.radialDistanceMm * 6) / 10,
        depth: Math.round((0.5 + (l.depth - 0.5) * 0.6) * 1000) / 1000,
      },
    };
  }
  return t;
}
