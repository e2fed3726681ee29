// The feature classes, in PyRadiomics' order (its classes sorted by module name), and their feature names.
import type { FeatureClass, ImageInput, ShapeInput } from './feature-class';
import { firstOrder } from './features/firstorder';
import { glcm } from './features/glcm';
import { gldm } from './features/gldm';
import { glrlm } from './features/glrlm';
import { glszm } from './features/glszm';
import { ngtdm } from './features/ngtdm';
import { shape } from './features/shape';
import { shape2D } from './features/shape2d';

// Each class is typed by its own prepared data; here `any` stands for "whatever that class prepares", which only
// flows from its own prepare() into its own features.
export type AnyIntensityClass = FeatureClass<ImageInput, any>;
export type AnyShapeClass = FeatureClass<ShapeInput, any>;

export const INTENSITY_CLASSES: readonly AnyIntensityClass[] = [firstOrder, glcm, gldm, glrlm, glszm, ngtdm];
export const SHAPE_CLASSES: readonly AnyShapeClass[] = [shape, shape2D];
export const FEATURE_CLASS_NAMES: readonly string[] = [...INTENSITY_CLASSES, ...SHAPE_CLASSES].map((c) => c.name);

export function featureClass(name: string): AnyIntensityClass | AnyShapeClass | undefined {
  return [...INTENSITY_CLASSES, ...SHAPE_CLASSES].find((c) => c.name === name);
}

/**
 * The features a class computes when none are named: its non-deprecated ones, in the order PyRadiomics reports them
 * (its methods `get<Name>FeatureValue` sorted by name).
 */
export function defaultFeatureNames(cls: { features: Record<string, unknown> }): string[] {
  const key = (name: string): string => `get${name}FeatureValue`;
  return Object.keys(cls.features).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
