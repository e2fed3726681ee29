/**
 * The acquisition parameters role assignment reads (TR, TE, TI, flip angle, the kind of echo), from the top-level
 * attributes of a classic MR image or, in an Enhanced MR image, from its functional groups (PS3.3 C.8.13.5): the
 * shared group first, else the first frame's. Enhanced MR leaves the top-level attributes out.
 */
import { type DicomJson, items, numberOf, text, texts } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';

const MR_TIMING_AND_RELATED_PARAMETERS = '00189112';
const MR_ECHO = '00189114';
const MR_MODIFIER = '00189115';
const EFFECTIVE_ECHO_TIME = '00189082';
const INVERSION_TIMES = '00189079';
const ECHO_PULSE_SEQUENCE = '00189008';

export interface MrParameters {
  repetitionTime?: number;
  echoTime?: number;
  inversionTime?: number;
  flipAngle?: number;
  /** ScanningSequence terms (SE, GR, IR, EP…); for Enhanced MR from Echo Pulse Sequence (SPIN, GRADIENT, BOTH). */
  scanningSequence: string[];
}

/** The first item of a functional group macro, looked up in the shared groups, then in the first frame's. */
function macro(ds: DicomJson, sequence: string): DicomJson | undefined {
  for (const groups of [Tag.SharedFunctionalGroupsSequence, Tag.PerFrameFunctionalGroupsSequence]) {
    const item = items(ds, groups)[0];
    const found = item && items(item, sequence)[0];
    if (found) return found;
  }
  return undefined;
}

export function mrParameters(ds: DicomJson): MrParameters {
  const timing = macro(ds, MR_TIMING_AND_RELATED_PARAMETERS);
  const echo = macro(ds, MR_ECHO);
  const modifier = macro(ds, MR_MODIFIER);
  const echoPulse = text(ds, ECHO_PULSE_SEQUENCE)?.toUpperCase();
  const fromEchoPulse =
    echoPulse === 'SPIN' ? ['SE'] : echoPulse === 'GRADIENT' ? ['GR'] : echoPulse === 'BOTH' ? ['SE', 'GR'] : [];
  // Inversion Recovery (0018,9009) YES: what ScanningSequence IR says in a classic image.
  const inversion = text(ds, '00189009') === 'YES' ? ['IR'] : [];
  const scanning = texts(ds, Tag.ScanningSequence).map((s) => s.toUpperCase());
  const pick = (classic: number | undefined, enhanced: number | undefined) => classic ?? enhanced;
  const out: MrParameters = {
    scanningSequence: scanning.length > 0 ? scanning : [...fromEchoPulse, ...inversion],
  };
  const tr = pick(numberOf(ds, Tag.RepetitionTime), timing && numberOf(timing, Tag.RepetitionTime));
  const te = pick(numberOf(ds, Tag.EchoTime), echo && numberOf(echo, EFFECTIVE_ECHO_TIME));
  const ti = pick(numberOf(ds, Tag.InversionTime), modifier && numberOf(modifier, INVERSION_TIMES));
  const flip = pick(numberOf(ds, Tag.FlipAngle), timing && numberOf(timing, Tag.FlipAngle));
  if (tr !== undefined) out.repetitionTime = tr;
  if (te !== undefined) out.echoTime = te;
  if (ti !== undefined) out.inversionTime = ti;
  if (flip !== undefined) out.flipAngle = flip;
  return out;
}

/** Images in a series: each frame of a multi-frame instance counts as one (PS3.3 C.7.6.6). */
export function frameCount(instances: DicomJson[]): number {
  return instances.reduce((n, ds) => n + (numberOf(ds, Tag.NumberOfFrames) ?? 1), 0);
}
