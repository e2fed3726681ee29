// @heron/radiomics: PyRadiomics-compatible radiomics features in TypeScript. The core has no Node-only imports (it
// runs in a Web Worker); file-system helpers are in ./node.
export type { Vec3, Volume, VoxelArray } from './volume';
export { assertVolume, voxelCount } from './volume';
export { parseVolume } from './io/parse-volume';
export { parseNrrd } from './io/nrrd';
export { parseNifti } from './io/nifti';
export type { Settings, ResegmentMode, WeightingNorm } from './settings';
export { DEFAULT_SETTINGS, validateSettings } from './settings';
export type { ExtractionParams, FeatureClassConfig, ImageTypeConfig } from './params';
export { defaultParams, parseParams, paramsFromObject } from './params';
export type { ExtractOptions, FeatureMap, TimingStep } from './extractor';
export { extractFeatures } from './extractor';
export { formatFeatureCsv } from './feature-csv';
export { discretize } from './discretize';
export type { Discretized } from './discretize';
export { FEATURE_CLASS_NAMES } from './feature-classes';
export type { Grid } from './grid';
export type { Interpolator } from './resample';
export { resampleVolume } from './resample';
export type { ShellOptions } from './peritumoral-shell';
export { peritumoralShell } from './peritumoral-shell';
export { resampledShell, type ResampledShell } from './resampled-shell';
export type { MapMaskOptions } from './map-mask';
export { mapMask } from './map-mask';
export { decodeMaskRuns, encodeMaskRuns } from './mask-runs';
export type { IbsiOptions, IbsiRow } from './ibsi/ibsi-features';
export { ibsiFeatures } from './ibsi/ibsi-features';
export { formatIbsiCsv } from './ibsi/ibsi-csv';
