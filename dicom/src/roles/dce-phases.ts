import { descriptionWords, hasWord } from './description-words';
import { type DicomJson, numberOf, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { type Clock, formatClock, instanceClock, unwrapMidnight } from '../core/dicom-time';
import { positionKey, type SliceOrder, sortAlongNormal } from '../volumes/slice-order';
import type { DcePhase, SeriesInput } from './study-roles';

/** One DCE phase before ordering: the images of one time point of one series. */
export interface PhaseCandidate {
  seriesInstanceUID: string;
  seriesNumber?: number;
  /** How messages name the series, e.g. 'series 7 "t1_fl3d_tra_dyn"'. */
  seriesLabel: string;
  words: string[];
  temporalPositionIdentifier?: number;
  triggerTimeMs?: number;
  /** The earliest acquisition clock of the phase's images. */
  clock?: Clock;
  contrastAgent: boolean;
  order: SliceOrder;
}

export type PhaseSplitMethod =
  'temporal position' | 'trigger time' | 'acquisition time' | 'single phase' | 'not separable' | 'no images';

export interface SeriesPhases {
  phases: PhaseCandidate[];
  method: PhaseSplitMethod;
  warnings: string[];
}

function earliestClock(instances: DicomJson[]): Clock | undefined {
  const clocks = instances.map(instanceClock);
  if (clocks.some((c) => c === undefined)) return undefined;
  const all = clocks as Clock[];
  if (all.length === 0) return undefined;
  const onLine = unwrapMidnight(all);
  const i = onLine.indexOf(Math.min(...onLine));
  return all[i];
}

function candidate(series: SeriesInput, label: string, instances: DicomJson[]): PhaseCandidate {
  const first = instances[0];
  const tpis = new Set(instances.map((ds) => numberOf(ds, Tag.TemporalPositionIdentifier)));
  const triggers = instances.map((ds) => numberOf(ds, Tag.TriggerTime)).filter((t): t is number => t !== undefined);
  const tpi = tpis.size === 1 ? [...tpis][0] : undefined;
  const clock = earliestClock(instances);
  return {
    seriesInstanceUID: series.seriesInstanceUID,
    seriesNumber: numberOf(first, Tag.SeriesNumber),
    seriesLabel: label,
    words: descriptionWords(first),
    ...(tpi !== undefined ? { temporalPositionIdentifier: tpi } : {}),
    ...(triggers.length === instances.length && triggers.length > 0 ? { triggerTimeMs: Math.min(...triggers) } : {}),
    ...(clock ? { clock } : {}),
    contrastAgent: instances.some((ds) => text(ds, Tag.ContrastBolusAgent) !== undefined),
    order: sortAlongNormal(instances),
  };
}

interface Positioned {
  ds: DicomJson;
  position?: string;
}

/**
 * Groups images by a per-image key. The grouping is accepted only if it separates the repeats of every
 * slice position: each group holds each position at most once and there are as many groups as the most
 * repeated position has images (a key that varies per slice, like the trigger time of some 2D sequences,
 * would otherwise cut one volume into single slices).
 */
function groupByKey(
  items: Positioned[],
  key: (ds: DicomJson) => number | undefined,
  repeats: number,
): DicomJson[][] | undefined {
  const groups = new Map<number, Positioned[]>();
  for (const it of items) {
    const k = key(it.ds);
    if (k === undefined) return undefined;
    const g = groups.get(k) ?? [];
    g.push(it);
    groups.set(k, g);
  }
  if (groups.size < 2) return undefined;
  const positionsKnown = items.every((it) => it.position !== undefined);
  if (positionsKnown && groups.size !== repeats) return undefined;
  for (const g of groups.values()) {
    if (positionsKnown && new Set(g.map((it) => it.position)).size !== g.length) return undefined;
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g.map((it) => it.ds));
}

/**
 * Without a temporal key, the n-th image (in time) at every slice position belongs to phase n. Accepted only
 * when every position's images have distinct times and the phases' time ranges do not overlap.
 */
function groupByTimeRank(items: Positioned[], repeats: number): DicomJson[][] | undefined {
  const byPosition = new Map<string, { ds: DicomJson; t: number }[]>();
  const clocks = items.map((it) => instanceClock(it.ds));
  if (clocks.some((c) => c === undefined)) return undefined;
  const times = unwrapMidnight(clocks as Clock[]);
  items.forEach((it, i) => {
    const list = byPosition.get(it.position as string) ?? [];
    list.push({ ds: it.ds, t: times[i] });
    byPosition.set(it.position as string, list);
  });
  const groups: { ds: DicomJson; t: number }[][] = Array.from({ length: repeats }, () => []);
  for (const list of byPosition.values()) {
    list.sort((a, b) => a.t - b.t);
    for (let i = 1; i < list.length; i++) if (list[i].t === list[i - 1].t) return undefined;
    list.forEach((e, i) => groups[i].push(e));
  }
  for (let i = 1; i < groups.length; i++) {
    const prevEnd = Math.max(...groups[i - 1].map((e) => e.t));
    const start = Math.min(...groups[i].map((e) => e.t));
    if (start <= prevEnd) return undefined;
  }
  return groups.map((g) => g.map((e) => e.ds));
}

/**
 * Splits one DCE series into its phases: by TemporalPositionIdentifier (0020,0100), else TriggerTime
 * (0018,1060), else acquisition time order at each slice position. A series that repeats slice positions
 * but offers none of these is not split and not merged: its phases are left out with a warning (merged
 * phases are a known silent failure, ODELIA MST model card).
 */
export function splitSeriesIntoPhases(series: SeriesInput, label: string): SeriesPhases {
  if (series.instances.length === 0)
    return { phases: [], method: 'no images', warnings: [`${label} has no images to take phases from`] };
  const warnings: string[] = [];
  const order = sortAlongNormal(series.instances);
  if (order.basis !== 'slice normal') {
    warnings.push(
      `${label}: images lack ImagePositionPatient/ImageOrientationPatient; slices ordered by ${order.basis}`,
    );
  }
  const items: Positioned[] = order.instances.map((ds, i) => {
    const p = order.positions[i];
    return p === undefined ? { ds } : { ds, position: positionKey(p) };
  });
  const positionsKnown = items.every((it) => it.position !== undefined);
  const counts = new Map<string, number>();
  for (const it of items) if (it.position !== undefined) counts.set(it.position, (counts.get(it.position) ?? 0) + 1);
  const repeats = Math.max(0, ...counts.values());
  const make = (groups: DicomJson[][], method: PhaseSplitMethod): SeriesPhases => ({
    phases: groups.map((g) => candidate(series, label, g)),
    method,
    warnings,
  });

  if (positionsKnown && repeats <= 1) return make([order.instances], 'single phase');
  const byTpi = groupByKey(items, (ds) => numberOf(ds, Tag.TemporalPositionIdentifier), repeats);
  if (byTpi) return make(byTpi, 'temporal position');
  const byTrigger = groupByKey(items, (ds) => numberOf(ds, Tag.TriggerTime), repeats);
  if (byTrigger) return make(byTrigger, 'trigger time');
  if (!positionsKnown) {
    warnings.push(
      `${label}: without slice positions it cannot be checked whether the series holds several phases; taken as one phase`,
    );
    return make([order.instances], 'single phase');
  }
  const byTime = groupByTimeRank(items, repeats);
  if (byTime) return make(byTime, 'acquisition time');
  warnings.push(
    `${label} holds ${repeats} images per slice position, but neither TemporalPositionIdentifier, TriggerTime nor ` +
      `distinct acquisition times tell its phases apart; its phases are left out rather than merged`,
  );
  return { phases: [], method: 'not separable', warnings };
}

function phaseName(c: PhaseCandidate): string {
  return c.temporalPositionIdentifier !== undefined
    ? `${c.seriesLabel} temporal position ${c.temporalPositionIdentifier}`
    : c.seriesLabel;
}

function referenceCompare(a: PhaseCandidate, b: PhaseCandidate): number {
  const sa = a.seriesNumber ?? Number.POSITIVE_INFINITY;
  const sb = b.seriesNumber ?? Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa - sb;
  const ta = a.temporalPositionIdentifier ?? 0;
  const tb = b.temporalPositionIdentifier ?? 0;
  if (ta !== tb) return ta - tb;
  return (a.triggerTimeMs ?? 0) - (b.triggerTimeMs ?? 0);
}

type TimeBasis = 'acquisition time' | 'trigger time' | 'none';

interface Timing {
  basis: TimeBasis;
  /** Seconds on one time line per candidate (same order as the input), when the basis is not 'none'. */
  seconds: number[];
  warning?: string;
}

/**
 * Which clock orders the phases: acquisition times if every phase has one and no two are equal; else the
 * trigger times within one series (GE multiphase VIBRANT stamps every phase with the same acquisition time
 * but distinct trigger times); else none.
 */
function chooseTiming(ref: PhaseCandidate[]): Timing {
  let clockWarning: string | undefined;
  const untimed = ref.filter((c) => c.clock === undefined);
  if (untimed.length > 0 && untimed.length < ref.length) {
    clockWarning = `DCE phase ${untimed.map(phaseName).join(', ')} has no acquisition time; acquisition times cannot order the phases`;
  }
  if (untimed.length === 0) {
    const seconds = unwrapMidnight(ref.map((c) => c.clock as Clock));
    const dup = findDuplicate(seconds);
    if (!dup) return { basis: 'acquisition time', seconds };
    const [a, b] = [ref[dup[0]], ref[dup[1]]];
    const which =
      a.seriesInstanceUID === b.seriesInstanceUID && a.temporalPositionIdentifier !== undefined
        ? `${a.seriesLabel} temporal positions ${a.temporalPositionIdentifier} and ${b.temporalPositionIdentifier}`
        : `${phaseName(a)} and ${phaseName(b)}`;
    clockWarning = `DCE phases ${which} have the same acquisition time (${formatClock(seconds[dup[0]])}); acquisition times cannot order the phases`;
  }
  const oneSeries = new Set(ref.map((c) => c.seriesInstanceUID)).size === 1;
  if (oneSeries && ref.every((c) => c.triggerTimeMs !== undefined)) {
    const seconds = ref.map((c) => (c.triggerTimeMs as number) / 1000);
    if (!findDuplicate(seconds)) return { basis: 'trigger time', seconds };
  }
  return { basis: 'none', seconds: [], ...(clockWarning ? { warning: clockWarning } : {}) };
}

function findDuplicate(values: number[]): [number, number] | undefined {
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) if (Math.abs(values[i] - values[j]) < 1e-3) return [i, j];
  }
  return undefined;
}

const PRE_WORDS = ['pre', 'precontrast', 'nativ', 'native'];
const POST_WORDS = ['post', 'postcontrast', /^ph\d+$/];

/** How many leading phases are pre-contrast, and how that was decided. */
function countPreContrast(phases: PhaseCandidate[], warnings: string[]): { count: number; basis: string } {
  const agent = phases.map((p) => p.contrastAgent);
  if (agent.some((a) => a) && agent.some((a) => !a)) {
    const firstWith = agent.indexOf(true);
    if (agent.slice(firstWith).some((a) => !a)) {
      warnings.push(
        'DCE: ContrastBolusAgent is recorded for some phases but missing on a later phase; pre-contrast taken from the first phases without it',
      );
    }
    if (firstWith > 0)
      return { count: firstWith, basis: 'phases without ContrastBolusAgent (0018,0010) before the first with it' };
  }
  // Descriptions: a leading run of phases described as pre-contrast ("pre", "nativ"), or the phases before
  // the first one described as post-contrast (GE names split VIBRANT phases "Ph1/ax 3d dyn", "Ph2/...").
  const pre = phases.map((p) => hasWord(p.words, ...PRE_WORDS) && !hasWord(p.words, ...POST_WORDS));
  const post = phases.map((p) => hasWord(p.words, ...POST_WORDS));
  if (pre[0]) {
    const leading = pre.indexOf(false) < 0 ? pre.length : pre.indexOf(false);
    return { count: leading, basis: 'series description' };
  }
  if (!pre.includes(true) && post.includes(true)) {
    const firstPost = post.indexOf(true);
    if (firstPost > 0) return { count: firstPost, basis: 'series description' };
    if (post.every((x) => x)) {
      warnings.push('DCE: every phase is described as post-contrast; no pre-contrast phase found');
      return { count: 0, basis: 'series description' };
    }
  }
  return { count: 1, basis: 'earliest phase (no ContrastBolusAgent or description says otherwise)' };
}

export interface OrderedPhases {
  phases: DcePhase[];
  warnings: string[];
  /** In words, how the pre-contrast phase was found and what the times are based on; for the series reasons. */
  notes: string[];
}

/** The phase's instances, once each: the frames of one multi-frame instance all name it. */
function sopUids(order: SliceOrder): string[] {
  return [...new Set(order.instances.map((ds) => text(ds, Tag.SOPInstanceUID) as string))];
}

/**
 * Orders the phases of all DCE series in time, recognises the pre-contrast phase and gives each phase its
 * time in seconds after the first post-contrast phase. Never guesses silently: every fallback (no times,
 * equal times, order contradicting the series numbers, incomplete phases) is reported as a warning.
 */
export function orderDcePhases(candidates: PhaseCandidate[]): OrderedPhases {
  const warnings: string[] = [];
  const notes: string[] = [];
  if (candidates.length === 0) return { phases: [], warnings, notes };
  const ref = [...candidates].sort(referenceCompare);
  const timing = chooseTiming(ref);
  let ordered: PhaseCandidate[];
  let times: (number | null)[];
  if (timing.basis === 'none') {
    ordered = ref;
    times = ref.map(() => null);
    const oneSeries = new Set(ref.map((c) => c.seriesInstanceUID)).size === 1;
    const by =
      oneSeries && ref.every((c) => c.temporalPositionIdentifier !== undefined)
        ? 'temporal position identifier'
        : 'series number';
    if (ref.length > 1) {
      warnings.push(
        timing.warning
          ? `${timing.warning}; ordered by ${by}`
          : `DCE phases have no timing information; ordered by ${by}`,
      );
    }
    notes.push(`no usable phase times, ordered by ${by}`);
  } else {
    const idx = ref.map((_, i) => i).sort((a, b) => timing.seconds[a] - timing.seconds[b] || a - b);
    ordered = idx.map((i) => ref[i]);
    times = idx.map((i) => timing.seconds[i]);
    const moved = idx.findIndex((i, k) => i !== k);
    if (moved >= 0) {
      warnings.push(
        `DCE: ${phaseName(ordered[moved])} was acquired before ${phaseName(ref[moved])} although numbered after it; ` +
          `phases ordered by ${timing.basis}`,
      );
    }
    notes.push(
      `phase times from ${timing.basis === 'acquisition time' ? (ref[0].clock?.source ?? 'acquisition time') : 'TriggerTime'}`,
    );
  }

  const pre = countPreContrast(ordered, warnings);
  notes.push(`pre-contrast: ${pre.basis}`);
  if (pre.count > 1)
    warnings.push(`DCE: ${pre.count} phases precede contrast; the last of them is taken as the pre-contrast baseline`);
  if (ordered.length === 1) warnings.push('DCE: only one phase found; enhancement over time cannot be assessed');
  const firstPost = pre.count < ordered.length ? pre.count : -1;
  if (firstPost < 0) warnings.push('DCE: no post-contrast phase found');
  const t0 = firstPost >= 0 ? times[firstPost] : null;

  const sizes = ordered.map((c) => c.order.instances.length);
  if (new Set(sizes).size > 1) {
    warnings.push(`DCE phases have different numbers of images (${sizes.join(', ')}); a phase may be incomplete`);
  }

  const phases = ordered.map((c, i): DcePhase => {
    const isPre = i < pre.count;
    const t = times[i];
    return {
      seriesInstanceUID: c.seriesInstanceUID,
      phaseIndex: isPre ? i - (pre.count - 1) : i - pre.count + 1,
      label: isPre
        ? pre.count === 1
          ? 'pre-contrast'
          : `pre-contrast ${i + 1}`
        : `post-contrast ${i - pre.count + 1}`,
      ...(c.temporalPositionIdentifier !== undefined
        ? { temporalPositionIdentifier: c.temporalPositionIdentifier }
        : {}),
      secondsAfterFirstPost: t === null || t0 === null ? null : Math.round((t - t0) * 1000) / 1000,
      sopInstanceUIDs: sopUids(c.order),
    };
  });
  return { phases, warnings, notes };
}
