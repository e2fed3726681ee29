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
import type { SeriesInput } from '@heron/dicom/roles';
import { type DceSeriesOptions, KineticsUnavailable, loadDceSeries } from './dce-series';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The kinetics of `mask` (any grid in the study's frame of reference; mapped onto the DCE grid when it is on
 * another) or the reason there are none. Never throws for a study that simply cannot give a curve.
 */
export async function outlineKinetics(
  client: DicomwebClient,
  studyInstanceUID: string,
  series: SeriesInput[],
  mask: Volume,
  options: DceSeriesOptions & { thresholds?: Partial<KineticThresholds> } = {},
): Promise<KineticsResult> {
  let dce;
  try {
    dce = await loadDceSeries(client, studyInstanceUID, series, options);
  } catch (err) {
    if (err instanceof KineticsUnavailable) return { status: 'unavailable', reason: err.message };
    // A PACS failure fails the analysis as any other read would; a DCE that cannot be built into volumes (missing
    // slices, uneven spacing) only costs the kinetics, as it did before kinetics existed.
    if (err instanceof PacsError) throw err;
    return { status: 'unavailable', reason: `The DCE phases could not be read as volumes: ${messageOf(err)}` };
  }
  const grid = dce.volumes[0].volume;
  for (let p = 1; p < dce.volumes.length; p++) {
    if (!sameGrid(dce.volumes[p].volume, grid))
      return {
        status: 'unavailable',
        reason: `DCE ${dce.phases[p].label} is not on the grid of ${dce.phases[0].label}; the phases would need registering first.`,
      };
  }
  let outline: Volume;
  try {
    outline = sameGrid(mask, grid) ? mask : mapMask(mask, grid);
  } catch (err) {
    return { status: 'unavailable', reason: `The outline cannot be placed on the DCE grid: ${messageOf(err)}` };
  }
  return analyseKinetics({
    phases: dce.volumes.map((v) => v.volume),
    timeS: dce.timeS,
    mask: outline,
    thresholds: options.thresholds,
  });
}
