// The breast MRI hanging protocol, as OHIF 3.13's hanging-protocol service reads it: display-set selectors that
// pick series, and stages that lay them out. Stage 1 is the reading layout breast radiologists expect (early
// post-contrast, T2, high-b DWI and ADC side by side, scrolled together); stage 2 one large viewport on the early
// post-contrast phase for outlining.
//
// OHIF 3.13 behaviour this relies on (read from the shipped app bundle; re-check on every OHIF bump):
// - `getHangingProtocolModule()` entries `{ name, protocol }` are registered under `name`; the mode names it in
//   `hangingProtocol`. With an explicit id OHIF applies the protocol without protocol-level matching.
// - Series rules whose attribute is a registered custom attribute are evaluated by calling it with the display
//   set; validate.js reads dotted keys as paths, so the attribute ids have no dots.
// - A selector with `allowUnmatchedView` lets the reader put any other series into that viewport.
// - Without `hpInitiationCriteria` OHIF waits for every series' metadata before applying the protocol, so the
//   layout is decided once, before the first image is drawn.
// - Sync group type 'imageSlice' is cornerstone's image-slice synchronizer: stack viewports in the same frame of
//   reference follow each other's slice position.
import { LAYOUT_SLOTS, type LayoutSlot } from './layout-slots';

export const BREAST_PROTOCOL_ID = 'heron-breast';
export const READING_STAGE = 'reading';
export const OUTLINING_STAGE = 'outlining';

/**
 * The selector of the first reading viewport and of the outlining viewport: the first post-contrast subtraction,
 * or the first post-contrast phase itself when the viewer could not make that subtraction (subtraction/).
 */
export const FIRST_DCE_SELECTOR = 'firstDce';
/** Its custom attribute (registered by index.ts with what the subtractions turned out to be). */
export const FIRST_DCE_ATTRIBUTE = 'heronFirstDce';

/** The custom attribute that is true for display sets filling `slot` (registered by register-layout.ts). */
export function slotAttribute(slot: LayoutSlot): string {
  return `heronSlot${slot[0]!.toUpperCase()}${slot.slice(1)}`;
}

/** The id OHIF gives the viewport showing `slot` in `stage`. */
export function viewportIdOf(stage: string, slot: LayoutSlot): string {
  return `heron-${stage}-${slot}`;
}

const SLICE_SYNC = { type: 'imageSlice', id: 'heronSameFrameOfReference', source: true, target: true };

function selector(attribute: string) {
  return {
    seriesMatchingRules: [{ attribute, constraint: { equals: { value: true } }, required: true, weight: 10 }],
    allowUnmatchedView: true,
  };
}

/** Viewport `slot` of `stage`, showing what `selectorId` picks (by default the slot's own series). */
function viewport(stage: string, slot: LayoutSlot, sync: boolean, selectorId: string = slot) {
  return {
    viewportOptions: {
      viewportId: viewportIdOf(stage, slot),
      viewportType: 'stack',
      toolGroupId: 'default',
      allowUnmatchedView: true,
      // The middle of a breast volume crosses both breasts; the first slice is only their edge.
      initialImageOptions: { preset: 'middle' },
      ...(sync ? { syncGroups: [SLICE_SYNC] } : {}),
    },
    displaySets: [{ id: selectorId }],
  };
}

const READING_SLOTS: LayoutSlot[] = ['t2', 'dwiHighB', 'adc'];

export const breastProtocol = {
  id: BREAST_PROTOCOL_ID,
  name: 'Breast MRI (Heron)',
  locked: true,
  // Only the study being read: priors would need their own rules.
  numberOfPriorsReferenced: -1,
  protocolMatchingRules: [],
  displaySetSelectors: <Record<string, ReturnType<typeof selector>>>{
    ...Object.fromEntries(LAYOUT_SLOTS.map((slot) => [slot, selector(slotAttribute(slot))])),
    [FIRST_DCE_SELECTOR]: selector(FIRST_DCE_ATTRIBUTE),
  },
  stages: [
    {
      id: READING_STAGE,
      name: 'Reading 2×2',
      viewportStructure: { layoutType: 'grid', properties: { rows: 2, columns: 2 } },
      viewports: [
        viewport(READING_STAGE, 'dceFirstPost', true, FIRST_DCE_SELECTOR),
        ...READING_SLOTS.map((slot) => viewport(READING_STAGE, slot, true)),
      ],
    },
    {
      id: OUTLINING_STAGE,
      name: 'Outlining 1×1',
      viewportStructure: { layoutType: 'grid', properties: { rows: 1, columns: 1 } },
      viewports: [viewport(OUTLINING_STAGE, 'dceFirstPost', false, FIRST_DCE_SELECTOR)],
    },
  ],
};
