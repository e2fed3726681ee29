import {
  BREAST_PROTOCOL_ID,
  breastProtocol,
  FIRST_DCE_ATTRIBUTE,
  FIRST_DCE_SELECTOR,
  OUTLINING_STAGE,
  READING_STAGE,
  slotAttribute,
} from './breast-protocol';
import { LAYOUT_SLOTS } from './layout-slots';

describe('breastProtocol', () => {
  it('reads 2×2 (first subtraction or post-contrast, T2, DWI high b, ADC) slice-synchronised, outlines 1×1 on it', () => {
    expect(breastProtocol.id).toBe(BREAST_PROTOCOL_ID);
    const [reading, outlining] = breastProtocol.stages;
    expect(reading!.id).toBe(READING_STAGE);
    expect(reading!.viewportStructure.properties).toEqual({ rows: 2, columns: 2 });
    expect(reading!.viewports.map((v) => v.displaySets[0]!.id)).toEqual([FIRST_DCE_SELECTOR, 't2', 'dwiHighB', 'adc']);
    expect(reading!.viewports[0]!.viewportOptions.viewportId).toBe('heron-reading-dceFirstPost');
    for (const v of reading!.viewports) {
      expect(v.viewportOptions.syncGroups).toEqual([
        { type: 'imageSlice', id: 'heronSameFrameOfReference', source: true, target: true },
      ]);
    }
    expect(outlining!.id).toBe(OUTLINING_STAGE);
    expect(outlining!.viewportStructure.properties).toEqual({ rows: 1, columns: 1 });
    expect(outlining!.viewports.map((v) => v.displaySets[0]!.id)).toEqual([FIRST_DCE_SELECTOR]);
    expect(breastProtocol.displaySetSelectors[FIRST_DCE_SELECTOR].seriesMatchingRules[0]).toMatchObject({
      attribute: FIRST_DCE_ATTRIBUTE,
      required: true,
    });
  });

  it('has a selector for every slot it shows, each matching on a required slot attribute', () => {
    const shown = breastProtocol.stages.flatMap((s) => s.viewports.flatMap((v) => v.displaySets.map((d) => d.id)));
    for (const id of shown) expect(Object.keys(breastProtocol.displaySetSelectors)).toContain(id);
    for (const slot of LAYOUT_SLOTS) {
      const rule = breastProtocol.displaySetSelectors[slot]!.seriesMatchingRules[0]!;
      expect(rule).toMatchObject({ attribute: slotAttribute(slot), required: true });
    }
  });

  it('names its attributes without dots (OHIF validates with validate.js, which reads dots as paths)', () => {
    const ids = LAYOUT_SLOTS.map(slotAttribute);
    expect(ids).toEqual([
      'heronSlotDceFirstPost',
      'heronSlotT2',
      'heronSlotDwiHighB',
      'heronSlotAdc',
      'heronSlotDcePre',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every viewport its own id', () => {
    const ids = breastProtocol.stages.flatMap((s) => s.viewports.map((v) => v.viewportOptions.viewportId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
