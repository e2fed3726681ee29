/**
 * Concept codes and units for radiomics features in the SR (docs/dicom-sr-seg.md §4): the IBSI code where one
 * exists, else a private 99PYRADIOMICS code whose value is the first 6 characters of the base64 SHA-1 of the
 * meaning "<class>_<feature>" (the rule of pyradiomics-dcm, so codes agree across tools). The image filter
 * ("wavelet-LLH", "log-sigma-3-0-mm-3D") becomes a modifier, never part of the code.
 */
import { createHash } from 'node:crypto';
import { IBSI_FEATURES } from './ibsi-features';
import { type Code, code } from '../core/codes';

export const PYRADIOMICS_SCHEME = {
  CodingSchemeDesignator: '99PYRADIOMICS',
  CodingSchemeName: 'PyRadiomics feature names without an IBSI code',
  CodingSchemeResponsibleOrganization: 'Heron project (codes follow pyradiomics-dcm)',
  CodingSchemeVersion: '1',
};

export interface FeatureIdentity {
  /** 'original', 'wavelet-LLH', 'log-sigma-3-0-mm-3D', ... */
  imageType: string;
  /** PyRadiomics class and feature: 'glcm', 'JointEntropy'. */
  featureClass: string;
  feature: string;
  concept: Code;
  unit: Code;
}

const MM3 = code('mm3', 'UCUM', 'cubic millimeter');
const MM2 = code('mm2', 'UCUM', 'square millimeter');
const MM = code('mm', 'UCUM', 'millimeter');
const PER_MM = code('/mm', 'UCUM', 'per millimeter');
export const NO_UNITS = code('1', 'UCUM', 'no units');

function unitOf(featureClass: string, feature: string): Code {
  if (featureClass !== 'shape') return NO_UNITS;
  if (feature === 'MeshVolume' || feature === 'VoxelVolume') return MM3;
  if (feature === 'SurfaceArea') return MM2;
  if (feature === 'SurfaceVolumeRatio') return PER_MM;
  if (/Diameter|AxisLength/.test(feature)) return MM;
  return NO_UNITS;
}

/** A short private code for a text: the first 6 characters of its base64 SHA-1. */
export function hashCode(meaning: string): string {
  return createHash('sha1').update(meaning).digest('base64').slice(0, 6);
}

/** The SR identity of a PyRadiomics feature name such as 'wavelet-LLH_glcm_Idmn'. */
export function featureIdentity(name: string): FeatureIdentity {
  const m = /^([A-Za-z0-9.-]+)_([a-z0-9]+)_([A-Za-z0-9]+)$/.exec(name);
  if (!m) throw new Error(`'${name}' is not a PyRadiomics feature name (<imageType>_<class>_<feature>)`);
  const [, imageType, featureClass, feature] = m;
  const key = `${featureClass}_${feature}`;
  const ibsi = IBSI_FEATURES[key];
  const concept = ibsi
    ? code(ibsi[0], 'IBSI', ibsi[1])
    : code(hashCode(key), PYRADIOMICS_SCHEME.CodingSchemeDesignator, key);
  return { imageType, featureClass, feature, concept, unit: unitOf(featureClass, feature) };
}

/** PyRadiomics class_Feature for a concept read back from an SR. */
export function featureKeyOf(concept: Code): string | undefined {
  if (concept.CodingSchemeDesignator === PYRADIOMICS_SCHEME.CodingSchemeDesignator) return concept.CodeMeaning;
  if (concept.CodingSchemeDesignator !== 'IBSI') return undefined;
  return Object.entries(IBSI_FEATURES).find(([, v]) => v[0] === concept.CodeValue)?.[0];
}

/** The private code of an image filter, e.g. (wavelet-LLH, 99PYRADIOMICS, "wavelet-LLH"); long names are hashed. */
export function imageTypeCode(imageType: string): Code {
  return code(
    imageType.length <= 16 ? imageType : hashCode(imageType),
    PYRADIOMICS_SCHEME.CodingSchemeDesignator,
    imageType,
  );
}
