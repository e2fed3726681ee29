/**
 * Sorts the series of a breast MRI study into the roles Heron works with (DCE phases in time order, T2,
 * DWI per b-value, ADC, other), from DICOM metadata alone. The panel shows the result and lets the reader
 * reassign series; the analysis pipeline picks its inputs from it. Where the headers do not allow a safe
 * decision (no timing, equal times, inseparable phases, missing geometry) the result carries a warning
 * instead of a silent guess.
 */
import { type DicomJson, numberOf, text } from '../core/dicom-json';
import { asFrameViews } from './frame-views';
import { Tag } from '../core/dicom-tags';
import { groupByBValue } from './diffusion-b-value';
import { orderDcePhases, type PhaseCandidate, type SeriesPhases, splitSeriesIntoPhases } from './dce-phases';
import {
  type Assessment,
  assessSeries,
  dynamicHint,
  gatherFacts,
  protocolSignature,
  type SeriesFacts,
} from './series-evidence';
import { maxImagesPerPosition, sortAlongNormal } from '../volumes/slice-order';
import {
  type DwiBValue,
  SERIES_ROLES,
  type SeriesInput,
  type SeriesRole,
  type SeriesSummary,
  type StudyRoles,
} from './study-roles';

export type { DicomJson } from '../core/dicom-json';
export type { DcePhase, DwiBValue, SeriesInput, SeriesRole, SeriesSummary, StudyRoles } from './study-roles';

/** A series' role once the DCE candidates are settled. */
interface Settled {
  role: SeriesRole;
  reason: string;
}

interface Entry {
  series: SeriesInput;
  facts: SeriesFacts;
  auto: Assessment;
}

function validate(series: SeriesInput[], overrides: Record<string, SeriesRole>): void {
  if (!Array.isArray(series))
    throw new Error('classifyStudy: series must be an array of { seriesInstanceUID, instances }');
  const seen = new Set<string>();
  series.forEach((s, i) => {
    if (!s || typeof s.seriesInstanceUID !== 'string' || s.seriesInstanceUID.trim() === '') {
      throw new Error(`classifyStudy: series ${i} has no seriesInstanceUID`);
    }
    if (seen.has(s.seriesInstanceUID)) throw new Error(`classifyStudy: series ${s.seriesInstanceUID} is given twice`);
    seen.add(s.seriesInstanceUID);
    if (!Array.isArray(s.instances))
      throw new Error(`classifyStudy: series ${s.seriesInstanceUID} has no instances array`);
    s.instances.forEach((ds, k) => {
      if (!ds || typeof ds !== 'object')
        throw new Error(`classifyStudy: series ${s.seriesInstanceUID}, instance ${k} is not a DICOM JSON object`);
      if (text(ds, Tag.SOPInstanceUID) === undefined) {
        throw new Error(
          `classifyStudy: series ${s.seriesInstanceUID}, instance ${k} has no SOPInstanceUID (0008,0018)`,
        );
      }
    });
  });
  for (const [uid, role] of Object.entries(overrides)) {
    if (!seen.has(uid))
      throw new Error(`classifyStudy: the override for series ${uid} names a series that is not in the study`);
    if (!SERIES_ROLES.includes(role))
      throw new Error(`classifyStudy: '${String(role)}' is not a role (use one of ${SERIES_ROLES.join(', ')})`);
  }
}

function bySeriesNumber(a: { facts: SeriesFacts }, b: { facts: SeriesFacts }): number {
  return (a.facts.seriesNumber ?? Number.POSITIVE_INFINITY) - (b.facts.seriesNumber ?? Number.POSITIVE_INFINITY);
}

function phaseCount(split: SeriesPhases, series: SeriesInput): number {
  // An inseparable series still holds several phases: as many as images repeat at one slice position.
  return split.method === 'not separable'
    ? maxImagesPerPosition(sortAlongNormal(series.instances))
    : split.phases.length;
}

function splitText(split: SeriesPhases, count: number): string {
  if (split.method === 'not separable')
    return `${count} phases in one series that could not be separated (see warnings)`;
  if (split.method === 'single phase') return 'one phase';
  if (split.method === 'no images') return 'no images';
  return `${count} phases by ${split.method}`;
}

/**
 * Settles the T1 gradient-echo candidates: a protocol group (series with the same protocol signature) is
 * dynamic when it holds more than one phase, or when its single phase is marked by a contrast agent or a
 * dynamic description. The dynamic group with the most phases is the DCE; the rest are other, with reasons.
 */
function resolveDce(candidates: Entry[], splits: Map<string, SeriesPhases>, warnings: string[]): Map<string, Settled> {
  const out = new Map<string, Settled>();
  const groups = new Map<string, Entry[]>();
  for (const e of candidates) {
    const key = protocolSignature(e.facts, e.series.instances[0]);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const scored = [...groups.values()].map((members) => {
    members.sort(bySeriesNumber);
    const phases = members.reduce((n, e) => n + phaseCount(splits.get(e.facts.uid) as SeriesPhases, e.series), 0);
    const hint = members.map((e) => dynamicHint(e.facts)).find((h) => h !== undefined);
    return { members, phases, dynamic: phases > 1 || hint !== undefined, hint };
  });
  const dynamic = scored
    .filter((g) => g.dynamic)
    .sort((a, b) => b.phases - a.phases || bySeriesNumber(a.members[0], b.members[0]));
  const main = dynamic[0];
  for (const g of scored) {
    for (const e of g.members) {
      const split = splits.get(e.facts.uid) as SeriesPhases;
      const count = phaseCount(split, e.series);
      if (g === main) {
        const siblings = g.members.length > 1 ? `; one of ${g.members.length} series with the same protocol` : '';
        const because = g.phases > 1 ? '' : `; dynamic by ${g.hint}`;
        out.set(e.facts.uid, {
          role: 'dce',
          reason: `${e.auto.reason}; ${splitText(split, count)}${siblings}${because}`,
        });
      } else if (g.dynamic) {
        const mainLabel = main.members[0].facts.label;
        out.set(e.facts.uid, {
          role: 'other',
          reason: `${e.auto.reason}; ${splitText(split, count)}, but its protocol differs from the DCE series (${mainLabel})`,
        });
        if (g.phases > 1) {
          warnings.push(
            `${e.facts.label} also looks dynamic (${g.phases} phases) but its protocol differs from the DCE series ${mainLabel}; left as other`,
          );
        }
      } else {
        out.set(e.facts.uid, {
          role: 'other',
          reason: `${e.auto.reason}; a single volume, not part of a dynamic series (no repeated phases, no contrast agent, no other series with the same protocol)`,
        });
      }
    }
  }
  return out;
}

/** The instances, once each: the frames of one multi-frame instance all name it. */
function sopUids(instances: DicomJson[]): string[] {
  return [...new Set(instances.map((ds) => text(ds, Tag.SOPInstanceUID) as string))];
}

function diffusionGroups(e: Entry, warnings: string[]): DwiBValue[] {
  const { groups, withoutBValue } = groupByBValue(e.series.instances);
  if (groups.length === 0) {
    warnings.push(
      `${e.facts.label} is diffusion-weighted but no b-value was found in DiffusionBValue (0018,9087), the Siemens, GE or ` +
        `Philips private tags or the sequence name; its b-values are unknown`,
    );
    return [];
  }
  if (withoutBValue.length > 0)
    warnings.push(`${e.facts.label}: ${withoutBValue.length} images have no b-value and are left out`);
  return groups.map((g) => {
    const order = sortAlongNormal(g.instances);
    if (order.basis !== 'slice normal') {
      warnings.push(
        `${e.facts.label} b = ${g.bValue}: images lack ImagePositionPatient/ImageOrientationPatient; slices ordered by ${order.basis}`,
      );
    }
    const repeats = maxImagesPerPosition(order);
    if (repeats > 1) {
      warnings.push(
        `${e.facts.label} b = ${g.bValue} has ${repeats} images per slice position (separate diffusion directions or repeats?)`,
      );
    }
    return { seriesInstanceUID: e.facts.uid, bValue: g.bValue, sopInstanceUIDs: sopUids(order.instances) };
  });
}

function multiFrameWarning(e: Entry, role: SeriesRole): string | undefined {
  if (role !== 'dce' && role !== 'dwi') return undefined;
  const frames = numberOf(e.series.instances[0] ?? {}, Tag.NumberOfFrames);
  if (frames === undefined || frames <= 1) return undefined;
  return `${e.facts.label} is a multi-frame (enhanced) MR object; phases or b-values inside its frames are not split`;
}

/**
 * Classifies every series of a study. `overrides` (series UID -> role) is how a reader reassigns a series;
 * an overridden series is then treated as that role (split into phases or b-values).
 */
export function classifyStudy(input: SeriesInput[], overrides: Record<string, SeriesRole> = {}): StudyRoles {
  validate(input, overrides);
  // Frames of Enhanced MR instances are judged as the images they stand for (phases and b-values inside one instance).
  const series = input.map(asFrameViews);
  const warnings: string[] = [];
  const entries: Entry[] = series.map((s) => {
    const facts = gatherFacts(s);
    return { series: s, facts, auto: assessSeries(facts) };
  });

  const splits = new Map<string, SeriesPhases>();
  const split = (e: Entry): SeriesPhases => {
    const known = splits.get(e.facts.uid);
    if (known) return known;
    const made = splitSeriesIntoPhases(e.series, e.facts.label);
    splits.set(e.facts.uid, made);
    return made;
  };
  const candidates = entries.filter((e) => e.auto.role === 'dce-candidate');
  candidates.forEach(split);
  const dceDecisions = resolveDce(candidates, splits, warnings);

  const decided = entries.map((e) => {
    const auto =
      e.auto.role === 'dce-candidate'
        ? (dceDecisions.get(e.facts.uid) as Settled)
        : { role: e.auto.role, reason: e.auto.reason };
    const override = overrides[e.facts.uid];
    const role = override ?? auto.role;
    const reason = override ? `assigned by the reader (automatic: ${auto.role}, ${auto.reason})` : auto.reason;
    return { ...e, role, reason, overridden: override !== undefined };
  });
  const ordered = [...decided].sort(bySeriesNumber);

  const dceEntries = ordered.filter((e) => e.role === 'dce');
  const phaseCandidates: PhaseCandidate[] = [];
  for (const e of dceEntries) {
    const s = split(e);
    warnings.push(...s.warnings);
    phaseCandidates.push(...s.phases);
  }
  const dce = orderDcePhases(phaseCandidates);
  warnings.push(...dce.warnings);
  if (dceEntries.length === 0) warnings.push('No DCE series recognised; assign one if the study has a dynamic series');
  const geometries = new Set(
    dceEntries.map((e) =>
      protocolSignature(e.facts, e.series.instances[0] ?? {})
        .split('|')
        .slice(0, 3)
        .join('|'),
    ),
  );
  if (geometries.size > 1)
    warnings.push('DCE series differ in matrix or orientation; their phases may not overlay voxel by voxel');

  const dwi = ordered
    .filter((e) => e.role === 'dwi')
    .flatMap((e) => diffusionGroups(e, warnings))
    .sort((a, b) => a.bValue - b.bValue);
  for (const e of ordered) {
    const w = multiFrameWarning(e, e.role);
    if (w) warnings.push(w);
  }

  const summaries: SeriesSummary[] = ordered.map((e) => {
    const notes = e.role === 'dce' && dce.notes.length > 0 ? `; ${dce.notes.join('; ')}` : '';
    return {
      seriesInstanceUID: e.facts.uid,
      ...(e.facts.seriesNumber !== undefined ? { seriesNumber: e.facts.seriesNumber } : {}),
      ...(e.facts.description !== undefined ? { seriesDescription: e.facts.description } : {}),
      ...(e.facts.modality !== undefined ? { modality: e.facts.modality } : {}),
      instanceCount: e.facts.instanceCount,
      role: e.role,
      reason: `${e.reason}${notes}`,
      overridden: e.overridden,
    };
  });
  const uidsOf = (role: SeriesRole) => ordered.filter((e) => e.role === role).map((e) => e.facts.uid);
  return {
    series: summaries,
    dcePhases: dce.phases,
    t2: uidsOf('t2'),
    dwi,
    adc: uidsOf('adc'),
    other: uidsOf('other'),
    warnings,
  };
}
