import {
  analyseKinetics,
  bodyRegion,
  breastRegion,
  otsuThreshold,
  classifyCurveType,
  classifyInitialPhase,
  DEFAULT_KINETIC_THRESHOLDS,
  kineticMap,
  kineticMeasures,
  kineticThresholds,
  phaseRoles,
  type PhaseRoles,
} from './index';
import type { Volume } from '../volume';

const T = DEFAULT_KINETIC_THRESHOLDS;
const TIMES = [-100, 20, 100, 180, 260, 340];

function grid(size: [number, number, number], fill: (i: number, j: number, k: number) => number): Volume {
  const data = new Float32Array(size[0] * size[1] * size[2]);
  for (let k = 0; k < size[2]; k++)
    for (let j = 0; j < size[1]; j++)
      for (let i = 0; i < size[0]; i++) data[i + size[0] * (j + size[1] * k)] = fill(i, j, k);
  return { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

describe('kinetic measures of a hand-computed curve', () => {
  // S_pre = 100; the initial phase is the last one starting by 120 s: phase 3 (100 s).
  const signal = [100, 150, 220, 240, 230, 198];
  const roles = phaseRoles(TIMES, T) as PhaseRoles;

  it('picks the baseline, the initial phase (last start <= 120 s) and the delayed phase', () => {
    expect(roles).toEqual({ baseline: 0, initial: 2, last: 5, post: [1, 2, 3, 4, 5] });
  });

  it('computes every measure as defined in docs/kinetics.md', () => {
    const m = kineticMeasures(TIMES, signal, roles, T);
    if ('reason' in m) throw new Error(m.reason);
    expect(m.initialEnhancementPercent).toBeCloseTo(120, 10); // (220-100)/100
    expect(m.peakEnhancementPercent).toBeCloseTo(140, 10); // 240 at 180 s
    expect(m.timeToPeakS).toBe(180);
    // Steepest rise: 20 s -> 100 s, from 50 % to 120 % in 80 s = 52.5 %/min (the first step is 50 % in 120 s).
    expect(m.washInSlopePercentPerMin).toBeCloseTo(52.5, 10);
    expect(m.ser).toBeCloseTo(120 / 98, 10);
    expect(m.delayedChangePercent).toBeCloseTo((100 * (198 - 220)) / 120, 10); // -18.3 %
    expect(m.initialPhase).toBe('rapid');
    expect(m.curveType).toBe('washout');
  });

  it('on the signal basis (Kuhl 1999) the same curve changes by -10 % exactly: plateau', () => {
    const m = kineticMeasures(TIMES, signal, roles, kineticThresholds({ delayedChangeBasis: 'signal' }));
    if ('reason' in m) throw new Error(m.reason);
    expect(m.delayedChangePercent).toBeCloseTo(-10, 10);
    expect(m.curveType).toBe('plateau');
  });

  it('classifies with the BI-RADS and Kuhl thresholds, bounds included as the lexicon words them', () => {
    expect([49.9, 50, 100, 100.1].map((e) => classifyInitialPhase(e, T))).toEqual([
      'slow',
      'medium',
      'medium',
      'rapid',
    ]);
    expect([10.1, 10, -10, -10.1].map((c) => classifyCurveType(c, T))).toEqual([
      'persistent',
      'plateau',
      'plateau',
      'washout',
    ]);
    const strict = kineticThresholds({ persistentAbovePercent: 5, washoutBelowPercent: -5 });
    expect(classifyCurveType(7, strict)).toBe('persistent');
  });

  it('gives no SER when the delayed phase is not above the baseline, and states a flat curve', () => {
    const m = kineticMeasures(TIMES, [100, 130, 140, 120, 100, 95], roles, T);
    if ('reason' in m) throw new Error(m.reason);
    expect(m.ser).toBeNull();
    const flat = kineticMeasures(TIMES, [100, 101, 103, 104, 104, 105], roles, T);
    expect(flat).toEqual({
      reason: expect.stringMatching(/does not enhance: its peak enhancement is 5\.0 %, below 10 %/),
    });
  });

  it('refuses a threshold set that contradicts itself', () => {
    expect(() => kineticThresholds({ slowBelowPercent: 120 })).toThrow(/slowBelowPercent/);
    expect(() => kineticThresholds({ initialPhaseEndS: Number.NaN })).toThrow(/initialPhaseEndS/);
  });
});

describe('phase roles: clear statements instead of a curve', () => {
  it.each([
    [[-60], /1 phase; kinetics needs a pre-contrast and at least two post-contrast/],
    [[-60, Number.NaN, 100], /phase 2 has no acquisition time/],
    [[20, 100, 180], /no pre-contrast phase/],
    [[-60, 100], /only 1 post-contrast phase/],
    [[-60, 100, 90], /not in time order/],
  ])('%j', (times, message) => {
    expect(phaseRoles(times, T)).toEqual({ reason: expect.stringMatching(message) });
  });

  it('takes the first post-contrast phase as initial when none starts within 2 minutes', () => {
    expect(phaseRoles([-90, 150, 300, 450], T)).toMatchObject({ baseline: 0, initial: 1, last: 3 });
  });
});

describe('analyseKinetics on volumes', () => {
  // 7x7x7 outline; pre-contrast 100 everywhere. Most of it enhances 60 % and stays (persistent); a 3x3x3 block
  // around (4,4,4) enhances 150 % at the initial phase and washes out to 120 %.
  const size: [number, number, number] = [7, 7, 7];
  const hot = (i: number, j: number, k: number) => Math.abs(i - 4) <= 1 && Math.abs(j - 4) <= 1 && Math.abs(k - 4) <= 1;
  const curves = { cold: [100, 130, 160, 170, 180, 190], hot: [100, 200, 250, 240, 230, 220] };
  const phases = TIMES.map((_, p) => grid(size, (i, j, k) => (hot(i, j, k) ? curves.hot[p] : curves.cold[p])));
  const mask = grid(size, (i, j, k) => (i >= 1 && i <= 5 && j >= 1 && j <= 5 && k >= 1 && k <= 5 ? 1 : 0));

  it('finds the hotspot, measures its curve and reports the outline mean as well', () => {
    const r = analyseKinetics({ phases, timeS: TIMES, mask });
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.hotspotCentre).toEqual([4, 4, 4]);
    expect(r.outlineVoxels).toBe(125);
    r.curve.hotspotSignal.forEach((s, p) => expect(s).toBeCloseTo(curves.hot[p], 10));
    r.curve.meanSignal.forEach((s, p) => expect(s).toBeCloseTo((27 * curves.hot[p] + 98 * curves.cold[p]) / 125, 10));
    expect(r.initialEnhancementPercent).toBeCloseTo(150, 10);
    expect(r.initialPhaseIndex).toBe(2);
    expect(r.meanInitialEnhancementPercent).toBeCloseTo((27 * 150 + 98 * 60) / 125, 10);
    expect(r.delayedChangePercent).toBeCloseTo((100 * (220 - 250)) / 150, 10); // -20 %
    expect(r.curveType).toBe('washout');
    expect(r.initialPhase).toBe('rapid');
    expect(r.curve.timeS).toEqual(TIMES);
  });

  it('states an empty outline, a grid mismatch and an unenhancing outline', () => {
    const empty = grid(size, () => 0);
    expect(analyseKinetics({ phases, timeS: TIMES, mask: empty })).toEqual({
      status: 'unavailable',
      reason: 'the outline is empty',
    });
    const flat = TIMES.map(() => grid(size, () => 100));
    expect(analyseKinetics({ phases: flat, timeS: TIMES, mask })).toMatchObject({
      status: 'unavailable',
      reason: expect.stringMatching(/does not enhance/),
    });
    const other = { ...grid(size, () => 1), spacing: [2, 2, 2] as [number, number, number] };
    expect(analyseKinetics({ phases, timeS: TIMES, mask: other })).toMatchObject({
      reason: "phase 1 is not on the outline's grid",
    });
  });

  it('body region: half of Otsu’s threshold of the pre-contrast image keeps dark fat and drops the air', () => {
    // Air ~10, fat-suppressed fat 45, gland 260.
    const pre = grid([10, 1, 1], (i) => (i < 4 ? 10 : i < 6 ? 45 : 260));
    const t = otsuThreshold(pre.data);
    expect(t).toBeGreaterThan(45);
    expect(t).toBeLessThan(260);
    expect(Array.from(bodyRegion(pre).data)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('breast region: the body in front of the cleft between two breasts; the whole body for one breast', () => {
    // x left-right (60), y anterior (0) to posterior (39), 4 slices: a chest block behind y = 25 holding a heart,
    // two breasts of 20 mm standing out in front of it, air elsewhere.
    const breast = (i: number, j: number) => j < 25 && j >= 5 && ((i >= 5 && i < 25) || (i >= 35 && i < 55));
    const pre = grid([60, 40, 4], (i, j) => (j >= 25 || breast(i, j) ? 200 : 10));
    const { region, method } = breastRegion(pre);
    expect(method).toBe('cleft');
    const at = (i: number, j: number) => region.data[i + 60 * j];
    expect([at(10, 10), at(45, 24), at(30, 30), at(10, 25), at(30, 10)]).toEqual([1, 1, 0, 0, 0]);
    const one = grid([30, 40, 4], (i, j) => (j >= 25 || breast(i, j) ? 200 : 10));
    expect(breastRegion(one).method).toBe('body');
  });

  it('kinetic map: labels each enhancing voxel by its own curve, within the region, above the threshold', () => {
    const region = grid(size, (i) => (i >= 1 ? 1 : 0));
    const map = kineticMap({ phases, timeS: TIMES, region });
    if ('reason' in map) throw new Error(map.reason);
    const at = (i: number, j: number, k: number) => map.labels.data[i + 7 * (j + 7 * k)];
    expect(at(4, 4, 4)).toBe(3); // wash-out
    expect(at(1, 1, 1)).toBe(1); // cold: 60 % initial, +50 % of it later: persistent
    expect(at(0, 1, 1)).toBe(0); // outside the region
    expect(map.counts).toEqual({ persistent: 6 * 49 - 27, plateau: 0, washout: 27 });
    const strict = kineticMap({ phases, timeS: TIMES, thresholds: { mapMinimumInitialEnhancementPercent: 100 } });
    if ('reason' in strict) throw new Error(strict.reason);
    expect(strict.counts).toEqual({ persistent: 0, plateau: 0, washout: 27 });
  });
});
