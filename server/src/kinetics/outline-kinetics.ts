// Kinetics of an outline over a study's DCE: the phases, their times after injection and the engine's analysis.
import {
  analyseKinetics,
  mapMask,
  sameGrid,
  type KineticThresholds,
  type KineticsResult,
  type Volume,
} from '@heron/radiomics';
import { type DicomwebClient, PacsError } from '@heron/dicom/dicomweb';
import { classifyStudy, type DcePhase, type SeriesInput } from '@heron/dicom/roles';
import { loadVolume, planVolume, type Slab, type StackGrid } from '@heron/dicom/volumes';
import {
  type DceSeriesOptions,
  KineticsUnavailable,
  phaseFrames,
  type PhaseLoader,
  timesAfterInjection,
} from './dce-series';
import { outlineSlab } from './outline-slab';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A failure to build the DCE into volumes costs only the kinetics; a PACS failure fails the analysis. */
function unreadable(err: unknown): KineticsResult {
  if (err instanceof PacsError) throw err;
  return { status: 'unavailable', reason: `The DCE phases could not be read as volumes: ${messageOf(err)}` };
}

/**
 * The kinetics of `mask` (any grid in the study's frame of reference; mapped onto the DCE grid when it is on
 * another) or the reason there are none. Never throws for a study that simply cannot give a curve.
 *
 * The curve reads only voxels of the outline (the hotspot's 3×3×3 cube counts only the outline's voxels in it), so
 * each phase is read only over the slab of slices the outline covers on the DCE grid: the sums run over the same
 * voxels in the same order as on whole phases, and the result is the same number for number. A standard phase is
 * ~35 MB of voxels; a tumour's slab is a tenth of that or less.
 */
export async function outlineKinetics(
  client: DicomwebClient,
  studyInstanceUID: string,
  series: SeriesInput[],
  mask: Volume,
  options: DceSeriesOptions & {
    thresholds?: Partial<KineticThresholds>;
    /** The study's DCE phases when the caller classified the study already (with the same overrides). */
    dcePhases?: DcePhase[];
  } = {},
): Promise<KineticsResult> {
  const phases = options.dcePhases ?? classifyStudy(series, options.overrides ?? {}).dcePhases;
  let timeS: number[];
  try {
    if (phases.length === 0) throw new KineticsUnavailable('This study has no DCE series.');
    timeS = timesAfterInjection(series, phases);
  } catch (err) {
    if (err instanceof KineticsUnavailable) return { status: 'unavailable', reason: err.message };
    throw err;
  }
  // The phases' grids from their metadata alone: the slab is chosen before any pixel is read.
  const metadataOf = new Map(series.map((s) => [s.seriesInstanceUID, s.instances]));
  let grids: StackGrid[];
  try {
    grids = phases.map(
      (p) =>
        planVolume(p.seriesInstanceUID, metadataOf.get(p.seriesInstanceUID) ?? [], {
          sopInstanceUIDs: p.sopInstanceUIDs,
          ...phaseFrames(p),
        }).grid,
    );
  } catch (err) {
    return unreadable(err);
  }
  const grid = grids[0];
  for (let p = 1; p < grids.length; p++) {
    if (!sameGrid(grids[p], grid))
      return {
        status: 'unavailable',
        reason: `DCE ${phases[p].label} is not on the grid of ${phases[0].label}; the phases would need registering first.`,
      };
  }
  let outline: Volume;
  try {
    outline = sameGrid(mask, grid) ? mask : mapMask(mask, grid);
  } catch (err) {
    return { status: 'unavailable', reason: `The outline cannot be placed on the DCE grid: ${messageOf(err)}` };
  }
  const { slab, mask: slabMask } = outlineSlab(outline);
  const load: PhaseLoader =
    options.load ??
    ((seriesInstanceUID, sopInstanceUIDs, frames, within?: Slab) =>
      loadVolume(client, {
        studyInstanceUID,
        seriesInstanceUID,
        select: { sopInstanceUIDs, ...frames },
        metadata: metadataOf.get(seriesInstanceUID),
        ...(within ? { slab: within } : {}),
      }));
  let slabs: Volume[];
  try {
    // All phases at once: a slab is a few slices, where a whole phase was ~35 MB of voxels read one at a time.
    slabs = await Promise.all(
      phases.map(async (p) => {
        const v = await load(p.seriesInstanceUID, p.sopInstanceUIDs, phaseFrames(p), slab);
        if (v.volume.data.length !== slabMask.data.length)
          throw new Error(`DCE ${p.label} gave ${v.volume.data.length} voxels for a slab of ${slabMask.data.length}`);
        return { ...slabMask, data: v.volume.data };
      }),
    );
  } catch (err) {
    return unreadable(err);
  }
  const result = analyseKinetics({ phases: slabs, timeS, mask: slabMask, thresholds: options.thresholds });
  if (result.status !== 'ok') return result;
  const [i, j, k] = result.hotspotCentre;
  // The centre on the whole DCE grid, as a reader (and the SR) counts slices.
  return { ...result, hotspotCentre: [i, j, k + slab.first] };
}
