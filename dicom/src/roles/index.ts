// roles: re-exports of this folder's modules (the package's `@heron/dicom/roles` entry).
export * from './dce-phases';
export * from './description-words';
export * from './diffusion-b-value';
export * from './frame-views';
export * from './series-evidence';
export * from './series-roles';
export * from './study-roles';
export * from './study-series';
