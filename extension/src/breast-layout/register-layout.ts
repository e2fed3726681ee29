// Prepares the breast hanging protocol for one study: asks the Heron server for the series roles, then teaches
// OHIF's hanging-protocol service one custom attribute per layout slot. The mode route awaits this before OHIF
// loads the study (route.init), so the protocol is applied once, with the roles known, and the first render is
// already the final layout: no switching afterwards that could race OHIF's first render.
import type { StudyRoles } from '@heron/server/contract';
import { FIRST_DCE_ATTRIBUTE, slotAttribute } from './breast-protocol';
import { highestBValue, LAYOUT_SLOTS, layoutSlots, type SlotMap, slotsOf } from './layout-slots';

interface LayoutDisplaySet {
  SeriesInstanceUID?: string;
  /** Set on the subtraction display sets the extension makes (subtraction/ohif-subtraction.ts). */
  heronSubtraction?: { phaseIndex: number };
}

interface HangingProtocolService {
  addCustomAttribute(id: string, name: string, callback: (displaySet: LayoutDisplaySet) => unknown): void;
}

export interface LayoutPreparation {
  /** The slot map in force; empty when the roles could not be read. */
  slots: SlotMap;
  /** The SOP instance UIDs of the highest b-value's images, for the DWI viewport (dwi-high-b.ts). */
  highBSops: ReadonlySet<string>;
  /** Why the layout has empty viewports, for the reader; undefined when the roles were read. */
  problem?: string;
  /** The roles read, for the subtractions; undefined when they could not be read. */
  roles?: StudyRoles;
}

/**
 * Whether a display set fills the first DCE place of the layout: the subtraction of the first post-contrast
 * phase when the viewer made it (`subtractionMade()` is asked when OHIF matches, after the study loaded), else the
 * first post-contrast phase itself.
 */
export function firstDceMatcher(
  slots: SlotMap,
  firstPostPhaseIndex: number | undefined,
  subtractionMade: () => ReadonlySet<number>,
): (displaySet: LayoutDisplaySet) => boolean {
  return (displaySet) => {
    const sub = displaySet?.heronSubtraction;
    if (sub) return sub.phaseIndex === firstPostPhaseIndex;
    if (firstPostPhaseIndex !== undefined && subtractionMade().has(firstPostPhaseIndex)) return false;
    return slotsOf(slots, displaySet?.SeriesInstanceUID).has('dceFirstPost');
  };
}

/** Registers the first-DCE attribute (see firstDceMatcher). */
export function registerFirstDceAttribute(
  service: HangingProtocolService,
  matcher: (displaySet: LayoutDisplaySet) => boolean,
): void {
  service.addCustomAttribute(FIRST_DCE_ATTRIBUTE, 'Heron layout: first subtraction, else first post-contrast', matcher);
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
  let roles: StudyRoles | undefined;
  if (!studyUid) problem = 'No study named in the address.';
  else {
    try {
      roles = await fetchRoles(studyUid);
      slots = layoutSlots(roles);
      highBSops = new Set(highestBValue(roles)?.sopInstanceUIDs ?? []);
    } catch (e) {
      problem = `The series roles could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (service) registerSlotAttributes(service, slots);
  return problem === undefined ? { slots, highBSops, ...(roles ? { roles } : {}) } : { slots, highBSops, problem };
}
