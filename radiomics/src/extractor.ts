// Feature extraction for one image, mask and parameter set, in PyRadiomics' order (featureextractor.execute):
// label selection, normalisation, pre-crop, ROI checks, re-segmentation, shape on the ROI crop, then every enabled
// class on every image type cropped to the ROI bounding box. Names are PyRadiomics' `<imageType>_<class>_<Feature>`.
import { discretize, type Discretized } from './discretize';
import type { FeatureClass, ImageInput, ShapeInput } from './feature-class';
import { INTENSITY_CLASSES, SHAPE_CLASSES } from './feature-classes';
import { assertSameGeometry } from './geometry';
import { IMAGE_TYPE_GENERATORS } from './image-types';
import { assertRoiSize, cropRoi, selectLabel, tightenRoi, type Roi } from './mask';
import { assertRoiInsideImage, resampleMaskNearest } from './mask-resample';
import { normalizeImage } from './normalize';
import type { ExtractionParams, FeatureClassConfig } from './params';
import { boxSize, cropArray, cropVolume, padBox, shiftBox, type Box } from './region';
import { resampleToRoi } from './resample-roi';
import { resegmentRoi } from './resegment';
import type { Settings } from './settings';
import { buildTextureGrid, type TextureGrid } from './texture-grid';
import { assertVolume, type Volume } from './volume';

/** Feature name → value, in PyRadiomics' output order. */
export type FeatureMap = Map<string, number>;

export interface ExtractOptions {
  /** Overrides the parameter file's `label`. */
  label?: number;
  /** Called with the wall time of every step, for profiling: an image type's filter, or one class on one image. */
  onTiming?: (step: TimingStep) => void;
  /** Computes one part of the feature set only (see extraction-parts.ts); the whole set without it. */
  part?: ExtractionPart;
}

/** A part of one extraction: with or without the shape classes, and which derived images of each image type. */
export interface ExtractionPart {
  shape: boolean;
  /** Per image type (index into `params.imageTypes`), the indices of its derived images to compute; absent: none. */
  images: ReadonlyMap<number, readonly number[] | 'all'>;
}

export interface TimingStep {
  /** The image type (`Original`, `LoG`, …), or `Original` for shape. */
  imageType: string;
  /** `filter` for computing the image type's images, else the feature class. */
  stage: string;
  ms: number;
}

export function extractFeatures(
  image: Volume,
  mask: Volume,
  params: ExtractionParams,
  options: ExtractOptions = {},
): FeatureMap {
  const settings = withLabel(params.settings, options.label);
  const { working, roi, featureRoi } = prepareRois(image, mask, settings);

  const features: FeatureMap = new Map();
  const enabled = new Map(params.featureClasses.map((c) => [c.name, c]));
  // Shape uses the original ROI unless resegmentShape, cropped to the (re-segmented) bounding box as PyRadiomics does.
  const shapeRoi = cropRoi(settings.resegmentShape ? featureRoi : roi, featureRoi.box);
  const shapeInput: ShapeInput = { size: boxSize(shapeRoi.box), spacing: working.spacing, map: shapeRoi.map, settings };
  for (const cls of options.part?.shape === false ? [] : SHAPE_CLASSES) {
    const config = enabled.get(cls.name);
    if (!config || !shapeApplies(cls.name, config, shapeInput)) continue;
    timed(options, 'Original', cls.name, () => addFeatures(features, 'original', cls, config, shapeInput));
  }
  for (const [typeIndex, type] of params.imageTypes.entries()) {
    const wanted = options.part ? options.part.images.get(typeIndex) : 'all';
    if (!wanted) continue;
    const generator = IMAGE_TYPE_GENERATORS[type.name];
    if (!generator) {
      throw new Error(
        `imageType ${type.name} is not available in this engine yet (available: ${Object.keys(IMAGE_TYPE_GENERATORS).join(', ')})`,
      );
    }
    const typeSettings: Settings = { ...settings, ...type.settings };
    const derivedImages = timed(options, type.name, 'filter', () => generator(working, roi, typeSettings, type));
    for (const [derivedIndex, derived] of derivedImages.entries()) {
      if (wanted !== 'all' && !wanted.includes(derivedIndex)) continue;
      const roiOnImage = derived.box ? { ...featureRoi, box: shiftBox(featureRoi.box, derived.box.lo) } : featureRoi;
      const input = imageInput(derived.image, roiOnImage, typeSettings);
      // Classes in the parameter file's order, as PyRadiomics reports them.
      for (const config of params.featureClasses) {
        const cls = INTENSITY_CLASSES.find((c) => c.name === config.name);
        if (cls) timed(options, type.name, cls.name, () => addFeatures(features, derived.name, cls, config, input));
      }
    }
  }
  return features;
}

/** The ROI stages of one extraction on the working image (normalised and pre-cropped as the settings ask). */
export interface PreparedRois {
  working: Volume;
  /** The label's ROI, and the ROI features are computed on (re-segmented when resegmentRange is set). */
  roi: Roi;
  featureRoi: Roi;
}

export function prepareRois(image: Volume, mask: Volume, settings: Settings): PreparedRois {
  assertVolume(image, 'image');
  assertVolume(mask, 'mask');
  assertFiniteIntensities(image);
  let roi = selectLabel(mask, settings.label);
  let working = settings.normalize ? normalizeImage(image, settings) : image;
  // Resampling puts image and mask on one new grid, so only without it must their grids agree (PyRadiomics checks
  // the geometry after resampling).
  const resampling = settings.resampledPixelSpacing !== null && settings.interpolator !== null;
  if (resampling) {
    const resampled = resampleToRoi(working, mask, roi, settings);
    working = resampled.image;
    roi = selectLabel(resampled.mask, settings.label);
  } else if (!geometryMatches(image, mask, settings)) {
    assertRoiInsideImage(image, mask, roi.box);
    roi = selectLabel(resampleMaskNearest(mask, image), settings.label);
  }
  if (settings.preCrop && !resampling) {
    const box = padBox(roi.box, settings.padDistance, working.size);
    working = cropVolume(working, box);
    roi = { ...roi, box: shiftBox(roi.box, box.lo) };
  }
  assertRoiSize(roi, settings);
  let featureRoi = roi;
  if (settings.resegmentRange !== null) {
    featureRoi = tightenRoi(resegmentRoi(roi, intensities(working, roi.box), settings));
    assertRoiSize(featureRoi, settings);
  }
  return { working, roi, featureRoi };
}

function timed<T>(options: ExtractOptions, imageType: string, stage: string, step: () => T): T {
  if (!options.onTiming) return step();
  const start = performance.now();
  const result = step();
  options.onTiming({ imageType, stage, ms: performance.now() - start });
  return result;
}

function addFeatures<I, C>(
  out: FeatureMap,
  prefix: string,
  cls: FeatureClass<I, C>,
  config: FeatureClassConfig,
  input: I,
): void {
  const prepared = cls.prepare(input);
  for (const name of config.features) {
    const feature = cls.features[name] ?? cls.deprecated?.[name];
    out.set(`${prefix}_${cls.name}_${name}`, feature!(prepared));
  }
}

/** shape2D needs force2D and a ROI one voxel thick along force2Ddimension; explicitly requested, it must apply. */
function shapeApplies(name: string, config: FeatureClassConfig, input: ShapeInput): boolean {
  if (name !== 'shape2D') return true;
  const { force2D, force2Ddimension } = input.settings;
  const thickness = input.size[2 - force2Ddimension];
  if (force2D && thickness === 1) return true;
  if (!config.explicit) return false;
  throw new Error(
    force2D
      ? `shape2D needs a ROI one voxel thick along force2Ddimension ${force2Ddimension}; this ROI is ${thickness} voxels thick`
      : 'shape2D needs force2D: true (and a ROI one voxel thick along force2Ddimension)',
  );
}

/** The class input of one image over the ROI bounding box; discretisation and grids are computed once, on demand. */
export function imageInput(image: Volume, roi: Roi, settings: Settings): ImageInput {
  const size = boxSize(roi.box);
  const roiIndices = new Int32Array(roi.count);
  for (let i = 0, n = 0; i < roi.map.length; i++) if (roi.map[i]) roiIndices[n++] = i;
  const values = intensities(image, roi.box);
  let levels: Discretized | undefined;
  const grids = new Map<number, TextureGrid>();
  const input: ImageInput = {
    size,
    spacing: image.spacing,
    values,
    roiIndices,
    settings,
    discretized: () => (levels ??= discretize(values, roiIndices, settings)),
    grid: (pad) => {
      let grid = grids.get(pad);
      if (!grid) grids.set(pad, (grid = buildTextureGrid(input.discretized(), size, pad)));
      return grid;
    },
  };
  return input;
}

/** The image's intensities over `box` as float64. */
function intensities(image: Volume, box: Box): Float64Array {
  const cropped = cropArray(image.data, image.size, box);
  return cropped instanceof Float64Array ? cropped : Float64Array.from(cropped);
}

function withLabel(settings: Settings, label: number | undefined): Settings {
  if (label === undefined) return settings;
  if (!Number.isInteger(label) || label <= 0) throw new Error(`label must be a positive integer, got ${label}`);
  return { ...settings, label };
}

/** Whether image and mask share a grid; a mismatch is an error unless correctMask lets the mask be resampled. */
function geometryMatches(image: Volume, mask: Volume, settings: Settings): boolean {
  try {
    assertSameGeometry(image, mask, settings.geometryTolerance);
    return true;
  } catch (error) {
    if (!settings.correctMask) throw error;
    return false;
  }
}

function assertFiniteIntensities(image: Volume): void {
  const { data, size } = image;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) return;
  for (let n = 0; n < data.length; n++) {
    if (!Number.isFinite(data[n])) {
      const i = n % size[0];
      const j = Math.floor(n / size[0]) % size[1];
      const k = Math.floor(n / (size[0] * size[1]));
      throw new Error(`image holds ${data[n]} at voxel (${i}, ${j}, ${k}); intensities must be finite numbers`);
    }
  }
}
