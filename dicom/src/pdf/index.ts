// pdf: re-exports of this folder's modules (the package's `@heron/dicom/pdf` entry).
export * from './pdf-writer';
export * from './pdf-reader';
