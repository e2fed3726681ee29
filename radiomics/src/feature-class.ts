// The shape every feature class follows (after PyRadiomics: a feature class is a set of named features computed from
// one prepared matrix or coefficient set). `features` are enabled when a class is requested without names;
// `deprecated` ones only when named; `removed` names are known to PyRadiomics but yield no value there.
import type { Discretized } from './discretize';
import type { Settings } from './settings';
import type { TextureGrid } from './texture-grid';
import type { Vec3 } from './volume';

export type Feature<C> = (prepared: C) => number;

export interface FeatureClass<I, C> {
  name: string;
  prepare(input: I): C;
  features: Record<string, Feature<C>>;
  deprecated?: Record<string, Feature<C>>;
  removed?: Record<string, string>;
}

/** One image type's intensities, cropped to the ROI bounding box. */
export interface ImageInput {
  /** Crop size (x, y, z) and voxel spacing (mm). */
  size: Vec3;
  spacing: Vec3;
  values: Float64Array;
  /** Crop indices (x fastest) of the ROI voxels, ascending. */
  roiIndices: Int32Array;
  settings: Settings;
  discretized(): Discretized;
  /** The discretised ROI padded by `pad` voxels (cached per pad). */
  grid(pad: number): TextureGrid;
}

/** The (shape) mask cropped to the ROI bounding box. */
export interface ShapeInput {
  size: Vec3;
  spacing: Vec3;
  map: Uint8Array;
  settings: Settings;
}
