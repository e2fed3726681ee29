// PyRadiomics extraction settings: the same keys, defaults and allowed values as PyRadiomics' parameter schema
// (radiomics/schemas/paramSchema.yaml) and the defaults its extractor and feature classes apply.

export type ResegmentMode = 'absolute' | 'relative' | 'sigma';
export type WeightingNorm = 'euclidean' | 'manhattan' | 'infinity' | 'no_weighting';

export interface Settings {
  minimumROIDimensions: number;
  minimumROISize: number | null;
  geometryTolerance: number | null;
  correctMask: boolean;
  additionalInfo: boolean;
  label: number;
  label_channel: number;
  binWidth: number;
  binCount: number | null;
  normalize: boolean;
  normalizeScale: number;
  removeOutliers: number | null;
  resampledPixelSpacing: number[] | null;
  interpolator: string | number | null;
  padDistance: number;
  distances: number[];
  force2D: boolean;
  force2Ddimension: number;
  resegmentRange: number[] | null;
  resegmentMode: ResegmentMode;
  resegmentShape: boolean;
  preCrop: boolean;
  sigma: number[];
  start_level: number;
  level: number;
  wavelet: string;
  gradientUseSpacing: boolean;
  lbp2DRadius: number;
  lbp2DSamples: number;
  lbp2DMethod: string;
  lbp3DLevels: number;
  lbp3DIcosphereRadius: number;
  lbp3DIcosphereSubdivision: number;
  voxelArrayShift: number;
  symmetricalGLCM: boolean;
  weightingNorm: WeightingNorm | null;
  gldm_a: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  minimumROIDimensions: 2,
  minimumROISize: null,
  geometryTolerance: null,
  correctMask: false,
  additionalInfo: true,
  label: 1,
  label_channel: 0,
  binWidth: 25,
  binCount: null,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  resampledPixelSpacing: null,
  interpolator: 'sitkBSpline',
  padDistance: 5,
  distances: [1],
  force2D: false,
  force2Ddimension: 0,
  resegmentRange: null,
  resegmentMode: 'absolute',
  resegmentShape: false,
  preCrop: false,
  sigma: [],
  start_level: 0,
  level: 1,
  wavelet: 'coif1',
  gradientUseSpacing: true,
  lbp2DRadius: 1,
  lbp2DSamples: 8,
  lbp2DMethod: 'uniform',
  lbp3DLevels: 2,
  lbp3DIcosphereRadius: 1,
  lbp3DIcosphereSubdivision: 1,
  voxelArrayShift: 0,
  symmetricalGLCM: true,
  weightingNorm: null,
  gldm_a: 0,
};

interface NumberRule {
  kind: 'int' | 'float';
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
}
type Rule =
  | NumberRule
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'seq'; item: NumberRule }
  | { kind: 'interpolator' };

const INTERPOLATORS = [
  'sitkNearestNeighbor',
  'sitkLinear',
  'sitkBSpline',
  'sitkGaussian',
  'sitkLabelGaussian',
  'sitkHammingWindowedSinc',
  'sitkCosineWindowedSinc',
  'sitkWelchWindowedSinc',
  'sitkLanczosWindowedSinc',
  'sitkBlackmanWindowedSinc',
] as const;

/** PyWavelets' discrete wavelets, the ones PyRadiomics' stationary wavelet transform accepts. */
const WAVELETS: readonly string[] = [
  'haar',
  'dmey',
  ...seq(1, 38).map((n) => `db${n}`),
  ...seq(2, 20).map((n) => `sym${n}`),
  ...seq(1, 17).map((n) => `coif${n}`),
  ...['1.1', '1.3', '1.5', '2.2', '2.4', '2.6', '2.8', '3.1', '3.3', '3.5', '3.7', '3.9', '4.4', '5.5', '6.8'].flatMap(
    (v) => [`bior${v}`, `rbio${v}`],
  ),
];

const RULES: Record<keyof Settings, Rule> = {
  minimumROIDimensions: { kind: 'int', min: 1, max: 3 },
  minimumROISize: { kind: 'int', above: 0 },
  geometryTolerance: { kind: 'float', above: 0 },
  correctMask: { kind: 'bool' },
  additionalInfo: { kind: 'bool' },
  label: { kind: 'int', above: 0 },
  label_channel: { kind: 'int', min: 0 },
  binWidth: { kind: 'float', above: 0 },
  binCount: { kind: 'int', above: 0 },
  normalize: { kind: 'bool' },
  normalizeScale: { kind: 'float', above: 0 },
  removeOutliers: { kind: 'float', above: 0 },
  resampledPixelSpacing: { kind: 'seq', item: { kind: 'float', min: 0 } },
  interpolator: { kind: 'interpolator' },
  padDistance: { kind: 'int', min: 0 },
  distances: { kind: 'seq', item: { kind: 'int', above: 0 } },
  force2D: { kind: 'bool' },
  force2Ddimension: { kind: 'int', min: 0, max: 2 },
  resegmentRange: { kind: 'seq', item: { kind: 'float' } },
  resegmentMode: { kind: 'enum', values: ['absolute', 'relative', 'sigma'] },
  resegmentShape: { kind: 'bool' },
  preCrop: { kind: 'bool' },
  sigma: { kind: 'seq', item: { kind: 'float', above: 0 } },
  start_level: { kind: 'int', min: 0 },
  level: { kind: 'int', above: 0 },
  wavelet: { kind: 'enum', values: WAVELETS },
  gradientUseSpacing: { kind: 'bool' },
  lbp2DRadius: { kind: 'float', above: 0 },
  lbp2DSamples: { kind: 'int', min: 1 },
  lbp2DMethod: { kind: 'enum', values: ['default', 'ror', 'uniform', 'var'] },
  lbp3DLevels: { kind: 'int', min: 1 },
  lbp3DIcosphereRadius: { kind: 'float', above: 0 },
  lbp3DIcosphereSubdivision: { kind: 'int', min: 0 },
  voxelArrayShift: { kind: 'int' },
  symmetricalGLCM: { kind: 'bool' },
  weightingNorm: { kind: 'enum', values: ['euclidean', 'manhattan', 'infinity', 'no_weighting'] },
  gldm_a: { kind: 'int', min: 0 },
};

export const SETTING_NAMES = Object.keys(RULES) as (keyof Settings)[];

/**
 * Validates a `setting:` (or per-image-type) mapping and returns it typed. Unknown keys and bad values are errors
 * that name the key and what is allowed. A null value means "not set" (PyRadiomics reads YAML `key:` as None).
 */
export function validateSettings(raw: unknown, where: string): Partial<Settings> {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${where} must be a mapping of setting names to values`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in RULES)) {
      throw new Error(
        `${where}: unknown setting "${key}"${suggest(key, SETTING_NAMES)}. Allowed: ${SETTING_NAMES.join(', ')}`,
      );
    }
    if (value === null || value === undefined) continue;
    out[key] = checkValue(value, RULES[key as keyof Settings], `${where}.${key}`);
  }
  return out as Partial<Settings>;
}

function checkValue(value: unknown, rule: Rule, where: string): unknown {
  switch (rule.kind) {
    case 'bool':
      if (typeof value !== 'boolean') throw new Error(`${where} must be true or false, got ${show(value)}`);
      return value;
    case 'int':
    case 'float':
      return checkNumber(value, rule, where);
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) {
        throw new Error(`${where} must be one of ${rule.values.join(', ')}; got ${show(value)}`);
      }
      return value;
    case 'seq':
      if (!Array.isArray(value)) throw new Error(`${where} must be a list of numbers, got ${show(value)}`);
      return value.map((item, index) => checkNumber(item, rule.item, `${where}[${index}]`));
    case 'interpolator':
      if (typeof value === 'string' && (INTERPOLATORS as readonly string[]).includes(value)) return value;
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10) return value;
      throw new Error(`${where} must be one of ${INTERPOLATORS.join(', ')} (or an integer 1-10); got ${show(value)}`);
  }
}

function checkNumber(value: unknown, rule: NumberRule, where: string): number {
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  if (!isNumber || (rule.kind === 'int' && !Number.isInteger(value))) {
    throw new Error(`${where} must be ${rule.kind === 'int' ? 'an integer' : 'a number'}, got ${show(value)}`);
  }
  const n = value as number;
  if (rule.min !== undefined && n < rule.min) throw new Error(`${where} must be >= ${rule.min}, got ${n}`);
  if (rule.max !== undefined && n > rule.max) throw new Error(`${where} must be <= ${rule.max}, got ${n}`);
  if (rule.above !== undefined && n <= rule.above) throw new Error(`${where} must be > ${rule.above}, got ${n}`);
  return n;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** " (did you mean "x"?)" when a known name differs only in case or by one or two edits. */
export function suggest(name: string, known: readonly string[]): string {
  let best = '';
  let bestDistance = 3;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function seq(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}
