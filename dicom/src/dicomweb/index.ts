// dicomweb: re-exports of this folder's modules (the package's `@heron/dicom/dicomweb` entry).
export * from './dicomweb';
export * from './folder-dicomweb';
export * from './stow';
