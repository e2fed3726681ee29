// seg: re-exports of this folder's modules (the package's `@heron/dicom/seg` entry).
export * from './seg-from-dicomweb';
export * from './seg-reader';
export * from './seg-writer';
