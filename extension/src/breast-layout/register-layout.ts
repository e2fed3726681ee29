// Prepares the breast hanging protocol for one study: asks the Heron server for the series roles, then teaches
// OHIF's hanging-protocol service one custom attribute per layout slot. The mode route awaits this before OHIF
// loads the study (route.init), so the protocol is applied once, with the roles known, and the first render is
// already the final layout: no switching afterwards that could race OHIF's first render.
import type { StudyRoles } from '@heron/server/contract';
import { slotAttribute } from './breast-protocol';
import { highestBValue, LAYOUT_SLOTS, layoutSlots, type SlotMap, slotsOf } from './layout-slots';

interface HangingProtocolService {
  addCustomAttribute(id: string, name: string, callback: (displaySet: { SeriesInstanceUID?: string }) => unknown): void;
}

export interface LayoutPreparation {
  /** The slot map in force; empty when the roles could not be read. */
  slots: SlotMap;
  /** The SOP instance UIDs of the highest b-value's images, for the DWI viewport (dwi-high-b.ts). */
  highBSops: ReadonlySet<string>;
  /** Why the layout has empty viewports, for the reader; undefined when the roles were read. */
  problem?: string;
}

/** Registers the slot attributes from `roles`; every later protocol run reads the map given here. */
export function registerSlotAttributes(service: HangingProtocolService, slots: SlotMap): void {
  for (const slot of LAYOUT_SLOTS) {
    service.addCustomAttribute(slotAttribute(slot), `Heron layout: ${slot}`, (displaySet) =>
      slotsOf(slots, displaySet?.SeriesInstanceUID).has(slot),
    );
  }
}

/**
 * Fetches the roles of `studyUid` and registers the slot attributes. Never throws: without roles the attributes
 * match nothing, the viewports stay empty (a series is never shown under the wrong name) and the panel, which asks
 * for the roles itself, says why.
 */
export async function prepareBreastLayout(
  service: HangingProtocolService | undefined,
  studyUid: string | undefined,
  fetchRoles: (studyUid: string) => Promise<StudyRoles>,
): Promise<LayoutPreparation> {
  let slots: SlotMap = new Map();
  let highBSops: ReadonlySet<string> = new Set();
  let problem: string | undefined;
  if (!studyUid) problem = 'No study named in the address.';
  else {
    try {
      const roles = await fetchRoles(studyUid);
      slots = layoutSlots(roles);
      highBSops = new Set(highestBValue(roles)?.sopInstanceUIDs ?? []);
    } catch (e) {
      problem = `The series roles could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (service) registerSlotAttributes(service, slots);
  return problem === undefined ? { slots, highBSops } : { slots, highBSops, problem };
}
