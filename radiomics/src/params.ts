// PyRadiomics parameter files (YAML or JSON): `setting`, `imageType`, `featureClass` and `voxelSetting`, validated
// as PyRadiomics validates them, so a site's exported parameter file works unchanged and a typo is an error that
// names it.
import { isScalar, isSeq, parse as parseYaml, parseDocument } from 'yaml';
import { defaultFeatureNames, FEATURE_CLASS_NAMES, featureClass } from './feature-classes';
import { KNOWN_IMAGE_TYPES } from './image-types';
import { DEFAULT_SETTINGS, suggest, validateSettings, type Settings } from './settings';

export interface ImageTypeConfig {
  name: string;
  /** Settings overriding the global ones for this image type. */
  settings: Partial<Settings>;
  /**
   * Per `sigma` entry, its text when the parameter file wrote it as an integer: Python keeps it an int, so LoG names
   * it `log-sigma-3-mm-3D` rather than `log-sigma-3-0-mm-3D`.
   */
  sigmaLiterals?: (string | undefined)[];
}

export interface FeatureClassConfig {
  name: string;
  /** Feature names in output order. */
  features: string[];
  /** Whether the file named the features (then a class that cannot be computed is an error, not skipped). */
  explicit: boolean;
}

export interface ExtractionParams {
  settings: Settings;
  imageTypes: ImageTypeConfig[];
  featureClasses: FeatureClassConfig[];
}

const SECTIONS = ['setting', 'imageType', 'featureClass', 'voxelSetting'];

const VOXEL_SETTINGS: Record<string, (v: unknown) => boolean> = {
  kernelRadius: (v) => Number.isInteger(v) && (v as number) > 0,
  maskedKernel: (v) => typeof v === 'boolean',
  // pykwalify's float accepts strings Python's float() reads, e.g. `nan` in PyRadiomics' exampleVoxel.yaml.
  initValue: (v) =>
    typeof v === 'number' ||
    (typeof v === 'string' && /^\s*[-+]?(nan|inf(inity)?|(\d+\.?\d*|\.\d+)(e[-+]?\d+)?)\s*$/i.test(v)),
  voxelBatch: (v) => Number.isInteger(v) && (v as number) > 0,
};

/** PyRadiomics' extractor without a parameter file: Original image, every class but shape2D, default settings. */
export function defaultParams(): ExtractionParams {
  const params = paramsFromObject({}, 'default parameters');
  return { ...params, featureClasses: params.featureClasses.filter((c) => c.name !== 'shape2D') };
}

/** Parses the text of a parameter file (YAML, of which JSON is a subset). */
export function parseParams(text: string, what = 'parameter file'): ExtractionParams {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${what}: not valid YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const params = paramsFromObject(raw ?? {}, what);
  const document = parseDocument(text);
  const globalLiterals = integerLiterals(document.getIn(['setting', 'sigma'], true));
  for (const type of params.imageTypes) {
    const literals = integerLiterals(document.getIn(['imageType', type.name, 'sigma'], true)) ?? globalLiterals;
    if (literals?.some((l) => l !== undefined)) type.sigmaLiterals = literals;
  }
  return params;
}

/** The entries of a YAML sequence written as integer literals (their text), undefined for the others. */
function integerLiterals(node: unknown): (string | undefined)[] | undefined {
  if (!isSeq(node)) return undefined;
  return node.items.map((item) =>
    isScalar(item) && typeof item.value === 'number' && /^[-+]?\d+$/.test(item.source ?? '')
      ? String(item.value)
      : undefined,
  );
}

export function paramsFromObject(raw: unknown, what: string): ExtractionParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${what}: must be a mapping with the sections ${SECTIONS.join(', ')}`);
  }
  for (const key of Object.keys(raw)) {
    if (!SECTIONS.includes(key)) {
      throw new Error(`${what}: unknown section "${key}"${suggest(key, SECTIONS)}. Allowed: ${SECTIONS.join(', ')}`);
    }
  }
  const sections = raw as Record<string, unknown>;
  const settings: Settings = { ...DEFAULT_SETTINGS, ...validateSettings(sections.setting, `${what}: setting`) };
  validateVoxelSettings(sections.voxelSetting, `${what}: voxelSetting`);
  return {
    settings,
    imageTypes: parseImageTypes(sections.imageType, `${what}: imageType`),
    featureClasses: parseFeatureClasses(sections.featureClass, `${what}: featureClass`),
  };
}

function parseImageTypes(raw: unknown, where: string): ImageTypeConfig[] {
  if (raw === undefined) return [{ name: 'Original', settings: {} }];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${where} must be a mapping of image type names to settings`);
  }
  const entries = Object.entries(raw);
  if (entries.length === 0) return [{ name: 'Original', settings: {} }];
  return entries.map(([name, value]) => {
    if (!KNOWN_IMAGE_TYPES.includes(name)) {
      throw new Error(
        `${where}: unknown image type "${name}"${suggest(name, KNOWN_IMAGE_TYPES)}. Allowed: ${KNOWN_IMAGE_TYPES.join(', ')}`,
      );
    }
    return { name, settings: validateSettings(value, `${where}.${name}`) };
  });
}

function parseFeatureClasses(raw: unknown, where: string): FeatureClassConfig[] {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw new Error(`${where} must be a mapping of feature class names to lists of features`);
  }
  const entries = Object.entries(raw ?? {});
  if (entries.length === 0) {
    return FEATURE_CLASS_NAMES.map((name) => ({
      name,
      features: defaultFeatureNames(featureClass(name)!),
      explicit: false,
    }));
  }
  return entries.map(([name, value]) => {
    const cls = featureClass(name);
    if (!cls) {
      throw new Error(
        `${where}: unknown feature class "${name}"${suggest(name, FEATURE_CLASS_NAMES)}. Allowed: ${FEATURE_CLASS_NAMES.join(', ')}`,
      );
    }
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
      return { name, features: defaultFeatureNames(cls), explicit: false };
    }
    if (!Array.isArray(value) || value.some((f) => typeof f !== 'string')) {
      throw new Error(
        `${where}.${name} must be a list of feature names (or empty for all), got ${JSON.stringify(value)}`,
      );
    }
    const known = [...Object.keys(cls.features), ...Object.keys(cls.deprecated ?? {})];
    for (const feature of value as string[]) {
      const removed = cls.removed?.[feature];
      if (removed) {
        throw new Error(
          `${where}.${name}: "${feature}" is deprecated and PyRadiomics computes no value for it (${removed}); remove it`,
        );
      }
      if (!known.includes(feature)) {
        throw new Error(
          `${where}.${name}: unknown feature "${feature}"${suggest(feature, known)}. Allowed: ${known.join(', ')}`,
        );
      }
    }
    return { name, features: [...new Set(value as string[])], explicit: true };
  });
}

function validateVoxelSettings(raw: unknown, where: string): void {
  if (raw === undefined || raw === null) return;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where} must be a mapping`);
  const names = Object.keys(VOXEL_SETTINGS);
  for (const [key, value] of Object.entries(raw)) {
    const check = VOXEL_SETTINGS[key];
    if (!check)
      throw new Error(`${where}: unknown setting "${key}"${suggest(key, names)}. Allowed: ${names.join(', ')}`);
    if (value !== null && !check(value))
      throw new Error(`${where}.${key} has an invalid value ${JSON.stringify(value)}`);
  }
}
