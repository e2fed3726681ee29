// sr: re-exports of this folder's modules (the package's `@heron/dicom/sr` entry).
export * from './feature-codes';
export * from './ibsi-features';
export * from './kinetics-codes';
export * from './report-input';
export * from './sr-codes';
export * from './sr-content';
export * from './sr-reader';
export * from './sr-signoff';
export * from './sr-writer';
export * from './survival-codes';
export * from './survival-input';
export * from './tid-1411-survival-group';
