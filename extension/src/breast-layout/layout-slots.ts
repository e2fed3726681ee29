// Which series fills which place of the breast reading layout, decided from the series roles the server
// classified (dicom/src/roles). The hanging protocol matches display sets on these slots rather than on DICOM
// attributes: the roles need the whole study (phases are ordered across series by acquisition time, a DWI series
// may hold several b-values, vendors hide sequence names in private tags), which OHIF's per-display-set matching
// cannot see. One classification then drives both the panel's list and the layout as the study opens.
import type { StudyRoles } from '@heron/server/contract';

type DwiBValue = StudyRoles['dwi'][number];

/** The places of the layout, in the order the 2×2 reading stage shows them. */
export const LAYOUT_SLOTS = ['dceFirstPost', 't2', 'dwiHighB', 'adc', 'dcePre'] as const;
export type LayoutSlot = (typeof LAYOUT_SLOTS)[number];

/** What each place is called where the reader sees it. */
export const SLOT_LABELS: Record<LayoutSlot, string> = {
  dceFirstPost: 'First post-contrast',
  t2: 'T2',
  dwiHighB: 'DWI, highest b-value',
  adc: 'ADC',
  dcePre: 'Pre-contrast',
};

/** Series instance UID → the slots it fills (one series may hold several DCE phases or b-values). */
export type SlotMap = ReadonlyMap<string, ReadonlySet<LayoutSlot>>;

function add(map: Map<string, Set<LayoutSlot>>, uid: string | undefined, slot: LayoutSlot): void {
  if (!uid) return;
  const slots = map.get(uid) ?? new Set<LayoutSlot>();
  slots.add(slot);
  map.set(uid, slots);
}

/**
 * The series for each slot: the first post-contrast phase (phase index 1: the earliest phase after injection,
 * where a cancer enhances most against the parenchyma), the pre-contrast phase (index 0), the first T2 series,
 * the series holding the highest b-value (cancers keep their signal at high b where normal tissue fades) and the
 * first ADC map. A slot without a series stays out of the map: its viewport stays empty rather than showing a
 * series under the wrong name.
 */
export function layoutSlots(roles: StudyRoles): SlotMap {
  const map = new Map<string, Set<LayoutSlot>>();
  const post = roles.dcePhases.filter((p) => p.phaseIndex >= 1).sort((a, b) => a.phaseIndex - b.phaseIndex)[0];
  add(map, post?.seriesInstanceUID, 'dceFirstPost');
  add(map, roles.dcePhases.find((p) => p.phaseIndex === 0)?.seriesInstanceUID, 'dcePre');
  add(map, roles.t2[0], 't2');
  add(map, highestBValue(roles)?.seriesInstanceUID, 'dwiHighB');
  add(map, roles.adc[0], 'adc');
  return map;
}

/** The diffusion images at the study's highest b-value (with their series and SOP instance UIDs). */
export function highestBValue(roles: StudyRoles): DwiBValue | undefined {
  return [...roles.dwi].sort((a, b) => b.bValue - a.bValue)[0];
}

/** The slots a display set of series `seriesInstanceUID` fills; empty when unknown. */
export function slotsOf(map: SlotMap, seriesInstanceUID: string | undefined): ReadonlySet<LayoutSlot> {
  return (seriesInstanceUID && map.get(seriesInstanceUID)) || new Set();
}
