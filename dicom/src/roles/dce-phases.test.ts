import { orderDcePhases, type PhaseCandidate, splitSeriesIntoPhases } from './dce-phases';
import { expectedUids, mrSeries } from '../testing/dicom-builder';
import { SIEMENS_DYN } from '../testing/vendor-presets';
import {
  geVibrantMultiphase,
  philipsDynamic,
  siemensDceOneSeries,
  siemensDcePerPhase,
  SLICES,
} from '../testing/vendor-studies';
import type { SeriesInput } from './study-roles';

function candidates(series: SeriesInput[]): PhaseCandidate[] {
  return series.flatMap((s, i) => splitSeriesIntoPhases(s, `series ${i}`).phases);
}

function strip(series: SeriesInput, ...tags: string[]): SeriesInput {
  return {
    ...series,
    instances: series.instances.map((ds) => Object.fromEntries(Object.entries(ds).filter(([k]) => !tags.includes(k)))),
  };
}

describe('splitSeriesIntoPhases', () => {
  it('splits by TemporalPositionIdentifier (Philips dynamic, sagittal)', () => {
    const series = philipsDynamic();
    const split = splitSeriesIntoPhases(series, 'series 801');
    expect(split.method).toBe('temporal position');
    expect(split.phases.map((p) => p.temporalPositionIdentifier)).toEqual([1, 2, 3, 4, 5, 6]);
    split.phases.forEach((p, r) => {
      expect(p.order.instances.map((ds) => ds['00080018'].Value?.[0])).toEqual(
        expectedUids(series.seriesInstanceUID, r, SLICES),
      );
    });
    expect(split.warnings).toEqual([]);
  });

  it('splits by TriggerTime when there is no temporal position (GE)', () => {
    const split = splitSeriesIntoPhases(geVibrantMultiphase({ tpi: false }), 'series 7');
    expect(split.method).toBe('trigger time');
    expect(split.phases.map((p) => p.triggerTimeMs)).toEqual([0, 90000, 152000, 214000, 276000, 338000]);
  });

  it('splits by acquisition time order at each slice position (Siemens, one series)', () => {
    const series = siemensDceOneSeries();
    const split = splitSeriesIntoPhases(series, 'series 10');
    expect(split.method).toBe('acquisition time');
    expect(split.phases).toHaveLength(6);
    split.phases.forEach((p, r) => {
      expect(p.order.instances.map((ds) => ds['00080018'].Value?.[0])).toEqual(
        expectedUids(series.seriesInstanceUID, r, SLICES),
      );
    });
  });

  it('leaves a single volume whole even if its images carry different trigger times', () => {
    const series = mrSeries({
      uid: '1.2.826.0.1.3680043.10.1453.20',
      tags: SIEMENS_DYN,
      slices: 5,
      image: (s) => ({ tags: { TriggerTime: s * 120 } }),
    });
    const split = splitSeriesIntoPhases(series, 'series 20');
    expect(split.method).toBe('single phase');
    expect(split.phases).toHaveLength(1);
  });

  it('refuses to merge phases it cannot tell apart', () => {
    const split = splitSeriesIntoPhases(siemensDceOneSeries({ times: 'identical' }), 'series 10');
    expect(split.method).toBe('not separable');
    expect(split.phases).toEqual([]);
    expect(split.warnings).toEqual([
      expect.stringMatching(/holds 6 images per slice position.*left out rather than merged/),
    ]);
  });

  it('warns when slices cannot be ordered by geometry', () => {
    const series = strip(siemensDcePerPhase({ phases: 1 })[0], '00200032', '00200037');
    const split = splitSeriesIntoPhases(series, 'series 10');
    expect(split.warnings).toEqual([
      'series 10: images lack ImagePositionPatient/ImageOrientationPatient; slices ordered by slice location',
    ]);
    expect(split.phases).toHaveLength(1);
  });
});

describe('orderDcePhases', () => {
  it('orders phases across series by acquisition time and times them from the first post-contrast phase', () => {
    const series = siemensDcePerPhase();
    const { phases, warnings } = orderDcePhases(candidates([...series].reverse()));
    expect(phases.map((p) => [p.label, p.phaseIndex, p.secondsAfterFirstPost])).toEqual([
      ['pre-contrast', 0, -90],
      ['post-contrast 1', 1, 0],
      ['post-contrast 2', 2, 62],
      ['post-contrast 3', 3, 124],
      ['post-contrast 4', 4, 186],
      ['post-contrast 5', 5, 248],
    ]);
    expect(phases.map((p) => p.seriesInstanceUID)).toEqual(series.map((s) => s.seriesInstanceUID));
    expect(warnings).toEqual([]);
  });

  it.each([
    ['with AcquisitionDate', '20240315'],
    ['without dates', null],
  ])('handles a dynamic that crosses midnight (%s)', (_, date) => {
    const { phases, warnings } = orderDcePhases(candidates(siemensDcePerPhase({ start: [23, 58, 30], date })));
    expect(phases.map((p) => p.secondsAfterFirstPost)).toEqual([-90, 0, 62, 124, 186, 248]);
    expect(warnings).toEqual([]);
  });

  it('uses trigger times within one series when every phase has the same acquisition time (GE)', () => {
    const { phases, warnings } = orderDcePhases(candidates([geVibrantMultiphase()]));
    expect(phases.map((p) => p.secondsAfterFirstPost)).toEqual([-90, 0, 62, 124, 186, 248]);
    expect(phases.map((p) => p.temporalPositionIdentifier)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(warnings).toEqual([]);
  });

  it('takes the phases without contrast agent before the first with it as pre-contrast', () => {
    const series = siemensDcePerPhase();
    // Two unenhanced phases: the later one is the baseline (0), the earlier one -1.
    series[1].instances.forEach((ds) => delete ds['00180010'].Value);
    const { phases, warnings } = orderDcePhases(candidates(series));
    expect(phases.map((p) => [p.label, p.phaseIndex])).toEqual([
      ['pre-contrast 1', -1],
      ['pre-contrast 2', 0],
      ['post-contrast 1', 1],
      ['post-contrast 2', 2],
      ['post-contrast 3', 3],
      ['post-contrast 4', 4],
    ]);
    expect(phases[0].secondsAfterFirstPost).toBe(-152);
    expect(warnings).toEqual([
      'DCE: 2 phases precede contrast; the last of them is taken as the pre-contrast baseline',
    ]);
  });

  it('warns and orders by series number when there are no times', () => {
    const { phases, warnings } = orderDcePhases(candidates(siemensDcePerPhase({ times: 'none' }).reverse()));
    expect(phases.map((p) => p.secondsAfterFirstPost)).toEqual([null, null, null, null, null, null]);
    expect(phases[0].label).toBe('pre-contrast');
    expect(warnings).toEqual(['DCE phases have no timing information; ordered by series number']);
  });

  it('warns when two phases carry the same acquisition time instead of inventing an order', () => {
    const { phases, warnings } = orderDcePhases(candidates(siemensDcePerPhase({ times: 'identical' })));
    expect(phases.every((p) => p.secondsAfterFirstPost === null)).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(/have the same acquisition time \(10:02:00\).*ordered by series number$/),
    ]);
  });

  it('warns when a phase is incomplete', () => {
    const series = siemensDcePerPhase({ phases: 3 });
    series[2] = { ...series[2], instances: series[2].instances.slice(1) };
    const { warnings } = orderDcePhases(candidates(series));
    expect(warnings).toEqual(['DCE phases have different numbers of images (8, 8, 7); a phase may be incomplete']);
  });

  it('warns when only one phase exists', () => {
    const { phases, warnings } = orderDcePhases(candidates(siemensDcePerPhase({ phases: 1, agent: false })));
    expect(phases).toHaveLength(1);
    expect(warnings).toEqual([
      'DCE: only one phase found; enhancement over time cannot be assessed',
      'DCE: no post-contrast phase found',
    ]);
  });
});
