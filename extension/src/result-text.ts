// The words of a result: readable names for model inputs, the one-sentence explanation that goes with the SHAP chart
// (readers understand text explanations better than charts alone: docs/onnx-and-shap.md §5.3), and numbers.
import type { Explanation } from '@heron/server/contract';

/** The scale of the SHAP values: a classifier's log-odds or probability, or a survival package's risk score. */
type ShapSpace = Explanation['space'];

/** A model input in words: `where` it was measured, `what` was measured, and a `phrase` to use inside a sentence. */
export interface InputDescription {
  where: string;
  what: string;
  phrase: string;
}

// The abbreviated PyRadiomics names that no word-splitting can make readable; all others are split at capitals.
const IRREGULAR_FEATURES: Readonly<Record<string, string>> = {
  '10Percentile': '10th percentile',
  '90Percentile': '90th percentile',
  Id: 'inverse difference',
  Idm: 'inverse difference moment',
  Idmn: 'inverse difference moment normalised',
  Idn: 'inverse difference normalised',
  Imc1: 'informational measure of correlation 1',
  Imc2: 'informational measure of correlation 2',
  MCC: 'maximal correlation coefficient',
  SumSquares: 'sum of squares',
  Maximum2DDiameterSlice: 'maximum 2D diameter, axial',
  Maximum2DDiameterColumn: 'maximum 2D diameter, coronal',
  Maximum2DDiameterRow: 'maximum 2D diameter, sagittal',
  Maximum3DDiameter: 'maximum 3D diameter',
  MeshVolume: 'volume (mesh)',
  VoxelVolume: 'volume (voxel count)',
  MeshSurface: 'area (mesh)',
  PixelSurface: 'area (pixel count)',
  SurfaceVolumeRatio: 'surface-to-volume ratio',
  PerimeterSurfaceRatio: 'perimeter-to-area ratio',
};

/** 'GrayLevelNonUniformityNormalized' -> 'normalised grey-level non-uniformity'. */
function featureWords(feature: string): string {
  const irregular = IRREGULAR_FEATURES[feature];
  if (irregular) return irregular;
  const words = (feature.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [feature]).map((w) => w.toLowerCase());
  const normalised = words[words.length - 1] === 'normalized';
  const text = (normalised ? words.slice(0, -1) : words)
    .join(' ')
    .replace(/\bgray level\b/g, 'grey-level')
    .replace(/\bgray\b/g, 'grey')
    .replace(/\bnon uniformity\b/g, 'non-uniformity');
  return normalised ? `normalised ${text}` : text;
}

const TEXTURE_CLASSES: Readonly<Record<string, string>> = {
  glcm: 'GLCM',
  glrlm: 'GLRLM',
  glszm: 'GLSZM',
  gldm: 'GLDM',
  ngtdm: 'NGTDM',
};

/** The image a feature was computed on (PyRadiomics image type prefix); null for the original image. */
function imageWords(imageType: string): string | null {
  if (imageType === 'original') return null;
  const log = /^log-sigma-(\d+)-(\d+)-mm-3D$/.exec(imageType);
  if (log) return `LoG σ ${Number(`${log[1]}.${log[2]}`)} mm`;
  const wavelet = /^wavelet(\d*)-([LH]{3})$/.exec(imageType);
  if (wavelet) return wavelet[1] ? `wavelet level ${wavelet[1]} ${wavelet[2]}` : `wavelet ${wavelet[2]}`;
  const lbp3d = /^lbp-3D-(m(\d+)|k)$/.exec(imageType);
  if (lbp3d) return lbp3d[2] ? `LBP 3D level ${lbp3d[2]}` : 'LBP 3D kurtosis';
  const simple: Record<string, string> = {
    square: 'squared',
    squareroot: 'square root',
    logarithm: 'logarithm',
    exponential: 'exponential',
    gradient: 'gradient magnitude',
    'lbp-2D': 'LBP 2D',
  };
  return simple[imageType] ?? imageType;
}

function sequenceWords(sequence: string): string {
  const dce = /^DCE(\d+)$/.exec(sequence);
  if (dce) return Number(dce[1]) === 0 ? 'DCE pre-contrast' : `DCE phase ${Number(dce[1])}`;
  const dwi = /^DWI(\d+)$/.exec(sequence);
  if (dwi) return `DWI b=${Number(dwi[1])}`;
  return sequence;
}

function regionWords(region: string): { name: string; possessive: string } | null {
  if (region === 'intra') return { name: 'tumour', possessive: "the tumour's" };
  const peri = /^peri(\d+(?:\.\d+)?)mm$/.exec(region);
  if (peri) return { name: `${peri[1]} mm rim around the tumour`, possessive: `the ${peri[1]} mm rim's` };
  return null;
}

const CLINICAL_TOKENS: Readonly<Record<string, string>> = {
  ki67: 'Ki-67',
  er: 'ER',
  pr: 'PR',
  her2: 'HER2',
  ihc: 'IHC',
  bmi: 'BMI',
  birads: 'BI-RADS',
};

/** Describes a model input; a name that is not `<sequence>/<region>/<feature>` or `clinical/<name>` is kept as it is. */
export function describeInput(name: string): InputDescription {
  const parts = name.split('/');
  if (parts.length === 2 && parts[0] === 'clinical') {
    const what = parts[1]
      .split('_')
      .map((t) => CLINICAL_TOKENS[t] ?? t)
      .join(' ');
    return { where: 'clinical', what, phrase: what };
  }
  const feature = parts.length === 3 ? parts[2].split('_') : [];
  const region = parts.length === 3 ? regionWords(parts[1]) : null;
  if (feature.length !== 3 || !region) return { where: '', what: name, phrase: name };
  const [imageType, cls, featureName] = feature;
  const sequence = sequenceWords(parts[0]);
  const words = featureWords(featureName);
  const image = imageWords(imageType);
  const texture = TEXTURE_CLASSES[cls];
  const qualifiers = [texture, image].filter((q): q is string => q !== undefined && q !== null);
  const family = texture
    ? 'texture'
    : cls === 'firstorder'
      ? 'intensity'
      : cls === 'shape'
        ? 'shape'
        : cls === 'shape2D'
          ? '2D shape'
          : cls;
  const what = `${family}: ${words}${qualifiers.length ? ` (${qualifiers.join(', ')})` : ''}`;
  const onImage = image ? ` (${image})` : '';
  const phrase = texture
    ? `${region.possessive} texture on ${sequence}${onImage}`
    : cls === 'firstorder'
      ? `${region.possessive} ${sequence} ${words}${onImage}`
      : `${region.possessive} ${cls === 'shape2D' ? '2D ' : ''}${words} on ${sequence}`;
  return { where: `${sequence} · ${region.name}`, what, phrase };
}

/** 'DCE2/peri3mm/original_glcm_Idmn' -> 'DCE phase 2 · 3 mm rim around the tumour · texture: inverse difference moment normalised (GLCM)'. */
export function readableInput(name: string): string {
  const d = describeInput(name);
  return d.where ? `${d.where} · ${d.what}` : d.what;
}

// The model package's input-name pattern (models/src/manifest.ts INPUT_NAME), unanchored, to find names inside text.
const INPUT_IN_TEXT =
  /[A-Za-z0-9]+\/(?:intra|peri\d+(?:\.\d+)?mm)\/[A-Za-z0-9.-]+_[A-Za-z0-9]+_[A-Za-z0-9]+|clinical\/[a-z0-9_]+/g;

/** A server warning with the model input names in it put into words. */
export function readableWarning(warning: string): string {
  return warning.replace(INPUT_IN_TEXT, (name) => readableInput(name));
}

function joinPhrases(phrases: string[]): string {
  return phrases.length === 1 ? phrases[0] : `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Inputs below this share of the largest contribution are too small to name as a reason.
const NEGLIGIBLE_SHARE = 0.1;
const PHRASES_PER_SIDE = 2;

/**
 * One sentence naming the inputs that raised the probability most and those that lowered it most, e.g. "The 3 mm rim's
 * texture on DCE phase 2 and the tumour's T2 mean raised the probability most; the tumour's sphericity on DCE phase 2
 * lowered it." SHAP values in either space have the sign of their effect on the probability.
 */
export function explanationSentence(result: { explanation: Explanation }): string {
  const contributions = result.explanation.contributions;
  // A survival package's SHAP values move its risk score (higher score, higher risk), not a probability.
  const what = result.explanation.space === 'risk-score' ? 'risk score' : 'probability';
  const largest = Math.max(0, ...contributions.map((c) => Math.abs(c.shap)));
  if (largest === 0) return `No input moved the ${what} away from that of the average case.`;
  const side = (sign: 1 | -1): string[] => {
    const phrases: string[] = [];
    const ranked = contributions
      .filter((c) => sign * c.shap >= NEGLIGIBLE_SHARE * largest)
      .sort((a, b) => sign * (b.shap - a.shap));
    for (const c of ranked) {
      const phrase = describeInput(c.input).phrase;
      if (!phrases.includes(phrase)) phrases.push(phrase);
      if (phrases.length === PHRASES_PER_SIDE) break;
    }
    return phrases;
  };
  const up = side(1);
  const down = side(-1);
  if (up.length && down.length)
    return `${capitalise(joinPhrases(up))} raised the ${what} most; ${joinPhrases(down)} lowered it.`;
  if (up.length) return `${capitalise(joinPhrases(up))} raised the ${what} most; no input lowered it noticeably.`;
  return `${capitalise(joinPhrases(down))} lowered the ${what} most; no input raised it noticeably.`;
}

/** 0.734 -> '73%'; the ends say '<1%' and '>99%' rather than a certainty the model does not have. */
export function formatProbability(p: number): string {
  if (p < 0.01) return '<1%';
  if (p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}

/** '0.426' for a risk score: three decimals are finer than any cut-off means, coarser than float noise. */
export const formatRiskScore = (x: number) => `${x < 0 ? '−' : ''}${Math.abs(x).toFixed(3)}`;

/** The unit of the SHAP space, as the chart's axis says it. */
export function spaceUnit(space: ShapSpace): string {
  return space === 'logodds' ? 'log-odds' : space === 'risk-score' ? 'risk score' : 'probability';
}

const MINUS = '−';

function magnitude(x: number, decimals: number): string {
  // Tiny non-zero values keep one significant digit so that they do not read as exactly zero.
  return x === 0 || x >= 10 ** -decimals ? x.toFixed(decimals) : String(Number(x.toPrecision(1)));
}

/** A SHAP value with its sign: '+0.42' / '−0.18' in log-odds, '+4.2 pp' in probability (percentage points). */
export function formatContribution(shap: number, space: ShapSpace): string {
  const sign = shap < 0 ? MINUS : '+';
  return space !== 'probability'
    ? `${sign}${magnitude(Math.abs(shap), 2)}`
    : `${sign}${magnitude(Math.abs(shap) * 100, 1)} pp`;
}

/** A model output in its space: '−0.40' in log-odds, '35.0%' in probability. */
export function formatOutput(value: number, space: ShapSpace): string {
  if (space === 'probability') return `${(value * 100).toFixed(1)}%`;
  return `${value < 0 ? MINUS : ''}${Math.abs(value).toFixed(2)}`;
}

/** An input's value to three significant digits: 0.8421 -> '0.842', 1234.5 -> '1230', -0.5 -> '−0.5'. */
export function formatInputValue(value: number): string {
  return String(Number(value.toPrecision(3))).replace('-', MINUS);
}

/** '2026-03-05 14:03' in the reader's time zone; an unreadable timestamp is shown as it came. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
