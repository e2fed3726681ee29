// volumes: re-exports of this folder's modules (the package's `@heron/dicom/volumes` entry).
export * from './image-frames';
export * from './pixel-frame';
export * from './slice-order';
export * from './stack-geometry';
export * from './volume-from-dicomweb';
export * from './frame-cache';
