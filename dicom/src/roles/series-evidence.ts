import { frameCount, mrParameters } from './mr-parameters';
import { descriptionWords, hasWord } from './description-words';
import { type DicomJson, numberOf, numbers, privateTexts, text, texts } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';
import { type BValueReading, readBValue } from './diffusion-b-value';
import type { SeriesInput, SeriesRole } from './study-roles';

/** What one series' headers say about its acquisition, gathered once for every rule. */
export interface SeriesFacts {
  uid: string;
  /** How messages name the series: 'series 7 "t1_fl3d_tra_dyn"'. */
  label: string;
  /** Images in the series: every frame of a multi-frame (Enhanced MR) instance counts as one. */
  instanceCount: number;
  seriesNumber?: number;
  description?: string;
  modality?: string;
  sopClassUID?: string;
  /** ImageType values of all images, upper case, and the same split at underscores ("MIP_TRA" -> MIP, TRA). */
  imageType: Set<string>;
  imageTypeParts: Set<string>;
  words: string[];
  /** Sequence names, lower case, leading '*' removed: SequenceName, PulseSequenceName and vendor private names. */
  sequenceNames: string[];
  /** The first sequence name as the scanner wrote it ("*fl3d1"), for reasons. */
  sequenceName?: string;
  scanningSequence: Set<string>;
  scanOptions: string[];
  repetitionTime?: number;
  echoTime?: number;
  inversionTime?: number;
  flipAngle?: number;
  contrastAgent: boolean;
  bValues: (BValueReading | undefined)[];
}

/** GE "GEMS_ACQU_01" (0019,xx9C) PulseSeqName and (0019,xx9E) InternalPulseSequenceName (GE MR conformance statements). */
const GE_PSD = { group: '0019', creator: 'GEMS_ACQU_01', element: '9C' };
const GE_INTERNAL_PSD = { group: '0019', creator: 'GEMS_ACQU_01', element: '9E' };
/** Philips "Philips Imaging DD 001" (2001,xx20) ScanningTechnique: "TSE", "T1FFE", "T1TFE", "SEEPI", "DwiSE"... */
const PHILIPS_TECHNIQUE = { group: '2001', creator: 'Philips Imaging DD 001', element: '20' };

export function seriesLabel(series: SeriesInput): string {
  const first = series.instances[0];
  const n = first ? numberOf(first, Tag.SeriesNumber) : undefined;
  const d = first ? text(first, Tag.SeriesDescription) : undefined;
  const name = n !== undefined ? `series ${n}` : `series ${series.seriesInstanceUID}`;
  return d ? `${name} "${d}"` : name;
}

export function gatherFacts(series: SeriesInput): SeriesFacts {
  const first: DicomJson = series.instances[0] ?? {};
  // Classic images carry these at top level, Enhanced MR in its functional groups.
  const mr = mrParameters(first);
  const imageType = new Set(series.instances.flatMap((ds) => texts(ds, Tag.ImageType).map((t) => t.toUpperCase())));
  const written = [
    text(first, Tag.SequenceName),
    text(first, Tag.PulseSequenceName),
    ...privateTexts(first, GE_PSD),
    ...privateTexts(first, GE_INTERNAL_PSD),
    ...privateTexts(first, PHILIPS_TECHNIQUE),
  ].filter((s): s is string => !!s);
  return {
    uid: series.seriesInstanceUID,
    label: seriesLabel(series),
    instanceCount: frameCount(series.instances),
    seriesNumber: numberOf(first, Tag.SeriesNumber),
    description: text(first, Tag.SeriesDescription),
    modality: text(first, Tag.Modality)?.toUpperCase(),
    sopClassUID: text(first, Tag.SOPClassUID),
    imageType,
    imageTypeParts: new Set([...imageType].flatMap((t) => t.split('_'))),
    words: descriptionWords(first),
    sequenceNames: written.map((s) => s.replace(/^\*+/, '').toLowerCase()),
    ...(written[0] !== undefined ? { sequenceName: written[0] } : {}),
    scanningSequence: new Set(mr.scanningSequence),
    scanOptions: texts(first, Tag.ScanOptions).map((s) => s.toUpperCase()),
    repetitionTime: mr.repetitionTime,
    echoTime: mr.echoTime,
    inversionTime: mr.inversionTime,
    flipAngle: mr.flipAngle,
    contrastAgent: series.instances.some((ds) => text(ds, Tag.ContrastBolusAgent) !== undefined),
    bValues: series.instances.map(readBValue),
  };
}

/** The automatic verdict on one series; 'dce-candidate' is settled at study level (is it dynamic?). */
export interface Assessment {
  role: SeriesRole | 'dce-candidate';
  reason: string;
}

const MODALITY_NAMES: Record<string, string> = {
  SR: 'structured report',
  SEG: 'segmentation',
  PR: 'presentation state',
  KO: 'key object selection',
  DOC: 'encapsulated document',
  RTSTRUCT: 'RT structure set',
  REG: 'registration',
  OT: 'other modality',
  CT: 'CT image',
  MG: 'mammogram',
  US: 'ultrasound image',
  PT: 'PET image',
};

/** MR Image, Enhanced MR Image, Enhanced MR Color Image and Legacy Converted Enhanced MR Image storage (PS3.4 B.5). */
const MR_IMAGE_SOP_CLASSES = new Set([
  '1.2.840.10008.5.1.4.1.1.4',
  '1.2.840.10008.5.1.4.1.1.4.1',
  '1.2.840.10008.5.1.4.1.1.4.3',
  '1.2.840.10008.5.1.4.1.1.4.4',
]);

const T1_GRADIENT_ECHO_NAMES =
  /^(?:fl\dd|fldyn|tfl|vibe|twist|efgre|fgre|fspgr|spgr|vibrant|lava|disco|t1ffe|t1tfe|ffe|tfe|thrive)/;
const SPIN_ECHO_NAMES = /^(?:tse|fse|frfse|ssfse|haste|spc|space|cube|vista|blade|propeller|tir|stir)/;
const T1_WORDS = [
  /^t1(w|fs)?$/,
  'vibe',
  'vibrant',
  'thrive',
  'ethrive',
  'lava',
  'twist',
  'dyn',
  'dynamic',
  'dce',
  'sdyn',
  'dynavibe',
  'multiphase',
];
const DYNAMIC_WORDS = [
  'dyn',
  'dynamic',
  'dce',
  'sdyn',
  'dynavibe',
  'multiphase',
  'mph',
  'twist',
  /^ph\d+$/,
  'pre',
  'post',
];
const T2_WORDS = [/^t2(w|fs|tse|fse|spair|stir)?$/, 'stir', 'tirm'];
const DWI_WORDS = ['dwi', 'diff', 'diffusion', 'dwibs', 'ivim', 'resolve', 'tracew'];

function fmt(x: number): string {
  return String(Number(x.toFixed(1)));
}

/** "TR 4.5 ms, TE 1.7 ms" from what the header has. */
function timingText(f: SeriesFacts): string {
  const parts: string[] = [];
  if (f.repetitionTime !== undefined) parts.push(`TR ${fmt(f.repetitionTime)} ms`);
  if (f.echoTime !== undefined) parts.push(`TE ${fmt(f.echoTime)} ms`);
  if (f.inversionTime !== undefined && f.inversionTime > 0) parts.push(`TI ${fmt(f.inversionTime)} ms`);
  return parts.join(', ');
}

function sequenceText(f: SeriesFacts): string {
  const name = f.sequenceName ?? '';
  const timing = timingText(f);
  return [name, timing].filter((s) => s !== '').join(', ');
}

function nonImageReason(f: SeriesFacts): string | undefined {
  if (f.instanceCount === 0) return 'the series has no instances';
  if (f.modality === undefined) return 'no Modality (0008,0060) in the header; not recognisable as an MR image';
  if (f.modality !== 'MR') {
    const name = MODALITY_NAMES[f.modality];
    return `modality ${f.modality}${name ? ` (${name})` : ''}, not an MR image`;
  }
  if (f.sopClassUID !== undefined && !MR_IMAGE_SOP_CLASSES.has(f.sopClassUID)) {
    return `modality MR but SOP class ${f.sopClassUID} is not an MR image (e.g. a secondary capture or spectroscopy)`;
  }
  return undefined;
}

function derivedReason(f: SeriesFacts): string | undefined {
  const p = f.imageTypeParts;
  const subByType = p.has('SUB') || p.has('SUBTRACTION') || p.has('SUBTRACT');
  const subByWords = hasWord(f.words, /^sub\d*$/, /^subtr/);
  const mipByType = p.has('MIP') || f.imageType.has('PROJECTION IMAGE');
  const mipByWords = hasWord(f.words, 'mip');
  const where = (byType: boolean) =>
    byType ? `ImageType ${[...f.imageType].join('\\')}` : `description "${f.description ?? ''}"`;
  if (subByType || subByWords) {
    const mip = mipByType || mipByWords ? ' maximum intensity projection' : '';
    return `subtraction${mip} series (${where(subByType)}): computed from DCE phases, not a phase itself`;
  }
  if (mipByType || mipByWords) return `maximum intensity projection (${where(mipByType)}): a derived view, not a phase`;
  if (p.has('MPR') || hasWord(f.words, 'mpr')) return `multiplanar reformat (${where(p.has('MPR'))}) of another series`;
  return undefined;
}

function adcAssessment(f: SeriesFacts): Assessment | undefined {
  // Exponential ADC (GE eADC, Philips EADC) and tensor maps carry b-values and DIFFUSION but are not ADC maps.
  if (f.imageTypeParts.has('EADC') || hasWord(f.words, 'eadc'))
    return { role: 'other', reason: 'exponential ADC (eADC) map, not an ADC map' };
  if (f.imageTypeParts.has('FA'))
    return { role: 'other', reason: 'fractional anisotropy map (ImageType FA), not an ADC map' };
  if (f.imageTypeParts.has('ADC')) return { role: 'adc', reason: `ADC map (ImageType ${[...f.imageType].join('\\')})` };
  if (hasWord(f.words, 'adc', 'dadc') || (hasWord(f.words, 'apparent') && hasWord(f.words, 'diffusion'))) {
    return { role: 'adc', reason: `ADC map (description "${f.description ?? ''}")` };
  }
  return undefined;
}

function dwiReason(f: SeriesFacts): string | undefined {
  const readings = f.bValues.filter((r): r is BValueReading => r !== undefined);
  const bList = [...new Set(readings.map((r) => r.bValue))].sort((a, b) => a - b);
  const sources = [...new Set(readings.map((r) => r.source))].join(', ');
  const bText = bList.length > 0 ? `b = ${bList.join(', ')} s/mm² from ${sources}` : 'no b-value in the headers';
  if (readings.some((r) => r.definite)) return `diffusion-weighted: ${bText}`;
  if (f.imageTypeParts.has('DIFFUSION') || f.imageTypeParts.has('TRACEW'))
    return `diffusion-weighted (ImageType DIFFUSION): ${bText}`;
  if (hasWord(f.words, ...DWI_WORDS) || (hasWord(f.words, 'ep2d') && hasWord(f.words, /^diff/))) {
    const epi = f.scanningSequence.has('EP') ? ', echo-planar readout' : '';
    return `diffusion-weighted by description "${f.description ?? ''}"${epi}: ${bText}`;
  }
  return undefined;
}

/**
 * T1-weighted gradient echo, the sequence of breast DCE: a spoiled gradient echo with short TR and TE
 * (Siemens *fl3d1 / VIBE, GE efgre3d / VIBRANT, Philips T1FFE / THRIVE). TR < 50 ms and TE < 10 ms bound
 * 3D GRE protocols of all three vendors with room to spare; a long TE would make it T2*-weighted instead.
 */
function t1GradientEchoReason(f: SeriesFacts): string | undefined {
  const gre = f.scanningSequence.has('GR') || f.sequenceNames.some((n) => T1_GRADIENT_ECHO_NAMES.test(n));
  const epi = f.scanningSequence.has('EP');
  // A series the header calls spin echo (ScanningSequence SE, no GR) is not a gradient echo, whatever its
  // description says ("T1" alone does not make one).
  if (!gre && f.scanningSequence.has('SE')) return undefined;
  const { repetitionTime: tr, echoTime: te } = f;
  if (tr !== undefined && te !== undefined) {
    if (gre && !epi && tr < 50 && te < 10) return `T1-weighted gradient echo (${sequenceText(f)})`;
    return undefined;
  }
  if (!epi && (gre || hasWord(f.words, ...T1_WORDS))) {
    return `T1-weighted gradient echo by ${gre ? 'sequence name' : 'description'} only (no TR/TE in the header)`;
  }
  return undefined;
}

function t2Assessment(f: SeriesFacts): Assessment | undefined {
  const { repetitionTime: tr, echoTime: te, inversionTime: ti } = f;
  const spinEcho = f.scanningSequence.has('SE') || f.sequenceNames.some((n) => SPIN_ECHO_NAMES.test(n));
  const gre = f.scanningSequence.has('GR') && !spinEcho;
  const ir = f.scanningSequence.has('IR') || f.sequenceNames.some((n) => /^(?:tir|stir)/.test(n));
  const describedT2 = hasWord(f.words, ...T2_WORDS);
  // STIR / TIRM: inversion recovery with a short TI (~150-250 ms at 1.5-3 T) nulls fat; fluid stays bright.
  if (ir && ti !== undefined && ti >= 80 && ti <= 300 && (te === undefined || te >= 30)) {
    return { role: 't2', reason: `STIR (inversion recovery, ${sequenceText(f)}): fat-suppressed fluid-sensitive` };
  }
  if (te !== undefined && tr !== undefined) {
    if (!gre && te >= 60 && tr >= 1000)
      return {
        role: 't2',
        reason: `T2-weighted ${spinEcho ? 'spin echo' : 'sequence'} (${sequenceText(f)}): long TE and TR`,
      };
    if (describedT2) {
      return {
        role: 'other',
        reason: `described as "${f.description ?? ''}" but ${timingText(f)} is not T2-weighted (needs TE >= 60 ms, TR >= 1000 ms)`,
      };
    }
    return undefined;
  }
  if (describedT2 && !gre)
    return { role: 't2', reason: `T2-weighted by description "${f.description ?? ''}" only (no TE/TR in the header)` };
  return undefined;
}

/**
 * The role one series' own headers support, checked from the most specific evidence to the least: not an
 * MR image; ADC and other diffusion maps (they carry b-values, so before DWI); derived views (subtraction,
 * MIP, MPR; so a subtracted dynamic is never taken for a phase); diffusion; T1 gradient echo (a DCE
 * candidate); T2 by echo and repetition time; else other.
 */
export function assessSeries(f: SeriesFacts): Assessment {
  const notImage = nonImageReason(f);
  if (notImage) return { role: 'other', reason: notImage };
  const adc = adcAssessment(f);
  if (adc) return adc;
  const derived = derivedReason(f);
  if (derived) return { role: 'other', reason: derived };
  const dwi = dwiReason(f);
  if (dwi) return { role: 'dwi', reason: dwi };
  const t1 = t1GradientEchoReason(f);
  if (t1) return { role: 'dce-candidate', reason: t1 };
  const t2 = t2Assessment(f);
  if (t2) return t2;
  const seq = sequenceText(f);
  const scanning = [...f.scanningSequence].join('\\');
  const header = [scanning ? `ScanningSequence ${scanning}` : '', seq].filter((s) => s !== '').join(', ');
  return { role: 'other', reason: `MR series not recognised as DCE, T2, DWI or ADC${header ? ` (${header})` : ''}` };
}

/** Whether the description or a contrast agent marks a T1 series as part of a dynamic (contrast) study. */
export function dynamicHint(f: SeriesFacts): string | undefined {
  if (f.contrastAgent) return 'ContrastBolusAgent (0018,0010) recorded';
  if (hasWord(f.words, ...DYNAMIC_WORDS)) return `description "${f.description ?? ''}"`;
  return undefined;
}

/**
 * Series acquired with the same protocol share this key: the phases of a DCE study exported as one series
 * per phase. Matrix, orientation, TR, TE, flip angle, scan options (fat suppression) and sequence name must
 * match, so a non-fat-suppressed T1 in the same geometry does not join the dynamic.
 */
export function protocolSignature(f: SeriesFacts, first: DicomJson): string {
  const iop = numbers(first, Tag.ImageOrientationPatient).map((v) => v.toFixed(2));
  return [
    numberOf(first, Tag.Rows),
    numberOf(first, Tag.Columns),
    iop.join('/'),
    f.repetitionTime?.toFixed(1),
    f.echoTime?.toFixed(1),
    f.flipAngle?.toFixed(0),
    f.scanOptions.join('/'),
    f.sequenceNames[0],
  ].join('|');
}
