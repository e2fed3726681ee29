// Kinetic colour map: the BI-RADS delayed curve type of every enhancing voxel, as commercial breast CAD shows it.
import { sameGrid } from '../grid';
import type { Volume } from '../volume';
import { classifyCurveType, KINETIC_MAP_LABELS } from './classify';
import { delayedChangePercent, enhancementPercent } from './measures';
import { phaseRoles } from './phases';
import { kineticThresholds, type KineticThresholds } from './thresholds';

export interface KineticMapInput {
  phases: readonly Volume[];
  timeS: readonly number[];
  /** Where to colour (e.g. the breasts): non-zero voxels; everywhere when absent. */
  region?: Volume;
  thresholds?: Partial<KineticThresholds>;
}

export interface KineticMap {
  /** Labels on the phases' grid: 0 none, 1 persistent, 2 plateau, 3 wash-out (KINETIC_MAP_LABELS). */
  labels: Volume;
  counts: { persistent: number; plateau: number; washout: number };
  thresholds: KineticThresholds;
}

/**
 * Classifies each voxel of the region whose initial enhancement reaches mapMinimumInitialEnhancementPercent by
 * its own delayed change. Voxels with a zero pre-contrast signal (air, outside the field of view) are skipped.
 */
export function kineticMap(input: KineticMapInput): KineticMap | { reason: string } {
  const t = kineticThresholds(input.thresholds);
  if (input.phases.length !== input.timeS.length)
    return { reason: `${input.phases.length} phases but ${input.timeS.length} phase times` };
  const roles = phaseRoles(input.timeS, t);
  if ('reason' in roles) return roles;
  const grid = input.phases[0];
  for (let p = 1; p < input.phases.length; p++)
    if (!sameGrid(input.phases[p], grid)) return { reason: `phase ${p + 1} is not on the grid of phase 1` };
  if (input.region && !sameGrid(input.region, grid)) return { reason: 'the region is not on the phases’ grid' };
  const pre = input.phases[roles.baseline].data;
  const init = input.phases[roles.initial].data;
  const last = input.phases[roles.last].data;
  const region = input.region?.data;
  const labels = new Uint8Array(pre.length);
  const counts = { persistent: 0, plateau: 0, washout: 0 };
  for (let v = 0; v < pre.length; v++) {
    if (region && region[v] === 0) continue;
    const s0 = pre[v];
    if (!(s0 > 0)) continue;
    if (enhancementPercent(init[v], s0) < t.mapMinimumInitialEnhancementPercent) continue;
    const type = classifyCurveType(delayedChangePercent(s0, init[v], last[v], t), t);
    labels[v] = KINETIC_MAP_LABELS[type];
    counts[type]++;
  }
  const { size, spacing, origin, direction } = grid;
  return { labels: { size, spacing, origin, direction, data: labels }, counts, thresholds: t };
}
