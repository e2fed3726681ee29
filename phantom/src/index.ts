export { samplePhenotype, PHENOTYPE_DISTRIBUTIONS, HER2_POSITIVE_RATE } from './phenotype';
export type {
  TumourParameters,
  TumourLocation,
  TumourKinetics,
  Her2Status,
  TumourShape,
  TumourMargin,
  EnhancementPattern,
  CurveType,
  T2Signal,
} from './phenotype';
export { sampleAnatomy } from './anatomy';
export type { AnatomyParameters, BreastDensity, BackgroundEnhancement, Cyst } from './anatomy';
export { generatePhantom } from './phantom';
export type { PhantomOptions, PhantomStudy, DceLayout, PhantomSize } from './phantom';
export type { Volume, Grid, Vec3 } from './volume';
export type { DceTiming } from './protocol';
export { curveModel, curveEnhancement, classifyCurve, designedKinetics, EARLY_TIME_S } from './kinetics';
export type { DesignedKinetics } from './kinetics';
export { ellipsoidVolumeMl } from './tumour-model';
export { writePhantomStudy } from './dicom/write-study';
export type { WriteOptions, WrittenStudy, WrittenSeries } from './dicom/write-study';
export type { SeriesRole } from './dicom/series-plan';
export { VENDOR_STYLES } from './dicom/vendor-style';
export type { VendorStyle } from './dicom/vendor-style';
export { encodeNrrd } from './nrrd';
export { sampleOutcomes, OUTCOME_RATES } from './outcomes';
export type { CaseOutcomes, IhcScore } from './outcomes';
